import type { z } from 'zod';
import { EVENT_PAYLOADS, eventEnvelope } from './event-payloads.js';
import { ACTION_PAYLOADS, COMMAND_NAMES, SHORTCUT_PAYLOADS, VIEW_PAYLOADS } from './interaction-payloads.js';

/** The kinds of request Slack sends an app, as Bolt tells them apart (its getTypeAndConversation). */
export type Surface = 'event' | 'action' | 'view' | 'shortcut' | 'command' | 'other';

/**
 * What the edge does with a parsed, object-shaped body:
 * - `pass`: Rapport handles it and it has what the handler reads; Bolt takes it on.
 * - `unhandled`: well formed, but nothing in Rapport listens for it (a view_closed, an unknown
 *   action_id, app_rate_limited): answered 200 at once, nothing done.
 * - `malformed`: something Rapport handles, without what it needs: answered 200 (Slack would only
 *   send it again), logged once with the field that failed, nothing changed.
 */
export type Verdict =
  | { kind: 'pass'; surface: Surface; id: string }
  | { kind: 'unhandled'; surface: Surface; id: string }
  | { kind: 'malformed'; surface: Surface; id: string; field: string; problem: string };

/** The schema for each id Rapport handles, by surface. */
export const PAYLOADS: Record<'event' | 'action' | 'view' | 'shortcut', Record<string, z.ZodTypeAny>> = {
  event: EVENT_PAYLOADS,
  action: ACTION_PAYLOADS,
  view: VIEW_PAYLOADS,
  shortcut: SHORTCUT_PAYLOADS,
};

type Body = Record<string, unknown>;

export function checkInbound(body: Body): Verdict {
  const { surface, id } = classify(body);
  // Commands are checked field by field by their listener (slash-command.ts), which answers each
  // problem in words, a missing team or user included.
  if (surface === 'command') return { kind: COMMAND_NAMES.has(id) ? 'pass' : 'unhandled', surface, id };
  if (surface === 'other') return { kind: 'unhandled', surface, id };
  const schema = PAYLOADS[surface][id];
  if (!schema)
    return surface === 'event' && !isObject(body.event)
      ? malformed(surface, id, 'event', 'is not an object')
      : { kind: 'unhandled', surface, id };
  if (surface === 'event') {
    const envelope = eventEnvelope.safeParse(body);
    if (!envelope.success) return fromIssue(surface, id, envelope.error, []);
  }
  const checked = schema.safeParse(surface === 'event' ? body.event : body);
  if (!checked.success) return fromIssue(surface, id, checked.error, surface === 'event' ? ['event'] : []);
  return { kind: 'pass', surface, id };
}

/** The surface and the id a listener is chosen by: event type, action_id, callback_id or command. */
function classify(body: Body): { surface: Surface; id: string } {
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  if (body.event !== undefined) {
    const event = body.event as Body | null;
    return { surface: 'event', id: str(event && typeof event === 'object' ? event.type : undefined) };
  }
  if (body.command !== undefined) return { surface: 'command', id: str(body.command) };
  if (body.type === 'block_actions' || body.actions !== undefined) {
    const first = Array.isArray(body.actions) ? (body.actions[0] as Body | undefined) : undefined;
    return { surface: 'action', id: str(first && typeof first === 'object' ? first.action_id : undefined) };
  }
  if (body.type === 'view_submission') {
    const view = body.view as Body | null | undefined;
    return { surface: 'view', id: str(view && typeof view === 'object' ? view.callback_id : undefined) };
  }
  if (body.type === 'message_action' || body.type === 'shortcut') {
    return { surface: 'shortcut', id: str(body.callback_id) };
  }
  return { surface: 'other', id: str(body.type) };
}

function fromIssue(surface: Surface, id: string, error: z.ZodError, prefix: string[]): Verdict {
  const issue = error.issues[0];
  const field = [...prefix, ...(issue?.path ?? [])].join('.') || '(the payload)';
  return malformed(surface, id, field, issue?.message ?? 'is not valid');
}

const malformed = (surface: Surface, id: string, field: string, problem: string): Verdict => ({
  kind: 'malformed',
  surface,
  id,
  field,
  problem,
});

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
