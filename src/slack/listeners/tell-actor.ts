import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { SOMETHING_WENT_WRONG, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { plainMessage, type SlackMessage } from '../views/blocks.js';

/** What a click or a shortcut carries about where to answer the person who made it. */
export type Actor = {
  body: { user: { id: string }; response_url?: string };
  respond: RespondFn;
  client: WebClient;
};

/**
 * Tells the person who clicked (or used a shortcut), only them: under the message they acted on
 * (its response_url, leaving that message as it is), or by DM where the action has no response_url
 * (the Home tab, a modal).
 */
export async function tellActor({ body, respond, client }: Actor, reply: SlackMessage): Promise<void> {
  if (body.response_url) {
    await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
  } else {
    await client.chat.postMessage({ channel: body.user.id, ...reply });
  }
}

/**
 * A failed click or shortcut, answered: a UserError's message as it is; anything else logged with
 * `context` and answered with a plain apology, never a stack. Telling never throws: Slack has its
 * acknowledgement already and must not see an error.
 */
export async function tellFailure(
  log: Logger,
  actor: Actor,
  error: unknown,
  context: Record<string, unknown>,
): Promise<void> {
  if (!(error instanceof UserError)) log.error({ err: error, ...context }, 'interaction failed');
  const text = error instanceof UserError ? error.userMessage : SOMETHING_WENT_WRONG;
  try {
    await tellActor(actor, plainMessage(text));
  } catch (telling) {
    log.warn({ err: telling, ...context }, 'could not tell the person what went wrong');
  }
}
