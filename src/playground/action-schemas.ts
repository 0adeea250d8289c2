import { z } from 'zod';
import type { ActionRequests } from './api-types.js';

/**
 * What each of the page's actions must send (api-types.ts), checked before anything happens: a
 * malformed request gets a clear answer and changes nothing.
 */
const id = z.string().min(1).max(64);
const as = id;
/** Slack's own limit on a message's text. */
const text = z.string().max(40_000, 'is longer than Slack allows in a message (40,000 characters)');
const values = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));
const elementAction = z
  .object({ type: z.string().min(1), action_id: z.string().min(1), block_id: z.string() })
  .catchall(z.unknown());

export const ACTION_SCHEMAS: { [K in keyof ActionRequests]: z.ZodType<ActionRequests[K]> } = {
  command: z.object({ as, channel: id, text }),
  message: z.object({ as, channel: id, text, threadTs: z.string().max(32).optional() }),
  reaction: z.object({
    as,
    channel: id,
    ts: z.string().max(32),
    name: z.string().max(100),
    add: z.boolean(),
  }),
  shortcut: z.object({ as, channel: id, ts: z.string().max(32), callbackId: z.string().min(1).max(255) }),
  action: z.object({
    as,
    container: z.discriminatedUnion('type', [
      z.object({ type: z.literal('message'), channel: id, ts: z.string().max(32) }),
      z.object({ type: z.literal('ephemeral'), channel: id, id }),
      z.object({ type: z.literal('view'), viewId: id }),
    ]),
    action: elementAction,
    values: values.optional(),
  }),
  submit: z.object({ as, viewId: id, values }),
  close: z.object({ as, viewId: id }),
  home: z.object({ as }),
  clock: z.object({ as, advance: z.enum(['hour', 'day', 'next']) }),
  sample: z.object({ as }),
  install: z.object({ as }),
  reset: z.object({ as }),
};

/** The first problem with a request, in words: "text is longer than Slack allows…". */
export function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'the request';
  return `That request is not well formed: ${field} ${issue?.message ?? 'is wrong'}.`;
}
