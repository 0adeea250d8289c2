import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { RequestFacts } from '../../../http/request-context.js';

type Body = Record<string, unknown> & {
  type?: string;
  command?: string;
  event?: { type?: string };
  event_id?: string;
  callback_id?: string;
  view?: { callback_id?: string };
  actions?: { action_id?: string }[];
};

/** Names the request for the access log: "command:/kudos", "event:reaction_added", … */
export const describeRequestMiddleware: Middleware<AnyMiddlewareArgs> = async ({ body, context, next }) => {
  const facts = context.requestFacts as RequestFacts | undefined;
  if (facts) {
    const b = body as Body;
    facts.type = requestType(b);
    facts.teamId = context.teamId;
    facts.eventId = b.event_id;
  }
  await next();
};

function requestType(b: Body): string {
  if (b.command) return `command:${b.command}`;
  if (b.type === 'event_callback') return `event:${b.event?.type ?? 'unknown'}`;
  if (b.type === 'block_actions') return `action:${b.actions?.[0]?.action_id ?? 'unknown'}`;
  if (b.type === 'view_submission' || b.type === 'view_closed')
    return `${b.type}:${b.view?.callback_id ?? ''}`;
  if (b.type === 'shortcut' || b.type === 'message_action') return `${b.type}:${b.callback_id ?? ''}`;
  return b.type ?? 'unknown';
}
