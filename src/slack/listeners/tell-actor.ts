import type { RespondFn } from '@slack/bolt';
import { randomUUID } from 'node:crypto';
import { SOMETHING_WENT_WRONG, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { markUserError } from '../../http/request-context.js';
import type { Outbox } from '../outbox.js';
import { plainMessage, type SlackMessage } from '../views/blocks.js';

/** What a click or a shortcut carries about where to answer the person who made it. */
export type Actor = {
  body: {
    user: { id: string; team_id?: string };
    team?: { id: string } | null;
    response_url?: string;
    trigger_id?: string;
  };
  respond: RespondFn;
  /** Bolt's context: the installation the request came through, whose bot DMs the person. */
  context?: { teamId?: string; enterpriseId?: string };
};

/** What answering needs beside the request: the log, and the outbox for a DM. */
export type Edge = { log: Logger; outbox: Pick<Outbox, 'say'> };

/**
 * Tells the person who clicked (or used a shortcut), only them: under the message they acted on
 * (its response_url, leaving that message as it is), or by DM where the action has no response_url
 * (the Home tab, a modal).
 */
export async function tellActor(
  outbox: Edge['outbox'],
  { body, respond, context }: Actor,
  reply: SlackMessage,
): Promise<void> {
  if (body.response_url) {
    await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
    return;
  }
  // A DM is said through the outbox, once per click however often Slack delivers it.
  const teamId = context?.teamId ?? context?.enterpriseId ?? body.team?.id ?? body.user.team_id ?? '';
  const key = `reply:${body.user.id}:${body.trigger_id ?? randomUUID()}`;
  await outbox.say([{ teamId, channelId: body.user.id, dedupeKey: key, view: 'reply', data: reply }]);
}

/**
 * A failed click or shortcut, answered: a UserError's message as it is; anything else logged with
 * `context` and answered with a plain apology, never a stack. Telling never throws: Slack has its
 * acknowledgement already and must not see an error.
 */
export async function tellFailure(
  { log, outbox }: Edge,
  actor: Actor,
  error: unknown,
  context: Record<string, unknown>,
): Promise<void> {
  if (!(error instanceof UserError)) log.error({ err: error, ...context }, 'interaction failed');
  else markUserError(actor.context);
  const text = error instanceof UserError ? error.userMessage : SOMETHING_WENT_WRONG;
  try {
    await tellActor(outbox, actor, plainMessage(text));
  } catch (telling) {
    log.warn({ err: telling, ...context }, 'could not tell the person what went wrong');
  }
}
