import { webApi } from '@slack/bolt';

/**
 * Slack's Web API errors that Rapport reads, in one place: what each one means for what Rapport
 * does next. Names and meanings from Slack's method pages (docs.slack.dev/reference/methods/
 * chat.postMessage, chat.update, chat.postEphemeral, views.update, users.info) and the Web API
 * spec (slackapi/slack-api-specs web-api/slack_web_openapi_v2.json).
 */

/** Slack's error code on a failed Web API call, if it answered with one. */
export const slackErrorCode = (error: unknown): string | undefined => {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' ? code : undefined;
};

/** The bot may not post in that conversation: it has to be invited, or the channel is gone or read-only. */
export const CANNOT_POST_HERE: ReadonlySet<string> = new Set([
  'not_in_channel',
  'channel_not_found',
  'restricted_action',
  'is_archived',
]);

/** Sending the same call again cannot succeed: the message, its place or the token is wrong. */
const PERMANENT: ReadonlySet<string> = new Set([
  ...CANNOT_POST_HERE,
  'user_not_found',
  'account_inactive',
  'cannot_dm_bot',
  'invalid_blocks',
  'msg_too_long',
  'no_text',
  'invalid_metadata_format',
  'invalid_auth',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'token_revoked',
  'missing_scope',
]);

/** Slack may have done the work before it failed to say so: look before doing it again. */
const UNCERTAIN: ReadonlySet<string> = new Set(['request_timeout', 'internal_error', 'fatal_error']);

/** A person Slack will not describe to this bot: gone, or not visible to it (another organisation). */
export const PERSON_UNKNOWN: ReadonlySet<string> = new Set(['user_not_found', 'user_not_visible']);

/** A modal changed between the moment it was drawn and the update: its newer state stays. */
export const isHashConflict = (error: unknown) => slackErrorCode(error) === 'hash_conflict';

/** A message that was deleted in Slack. */
export const isMessageGone = (error: unknown) => slackErrorCode(error) === 'message_not_found';

export type SlackFailure =
  /** Trying again cannot help. */
  | { kind: 'permanent'; error: string }
  /** Try again later; Slack did not do it. */
  | { kind: 'transient'; error: string }
  /** Try again later, but Slack may have done it already. */
  | { kind: 'uncertain'; error: string }
  /** Slack asked to wait this long first. */
  | { kind: 'rate_limited'; error: string; retryAfterS: number };

/** What a failed Web API call means for a retry. */
export function classifySlackError(error: unknown): SlackFailure {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { kind: 'rate_limited', error: 'ratelimited', retryAfterS: error.retryAfter };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data.error);
    if (PERMANENT.has(code)) return { kind: 'permanent', error: code };
    return { kind: UNCERTAIN.has(code) ? 'uncertain' : 'transient', error: code };
  }
  if (error instanceof webApi.WebAPIHTTPError)
    return { kind: 'uncertain', error: `http_${error.statusCode}` };
  // A request error may have reached Slack before the connection failed.
  return { kind: 'uncertain', error: error instanceof Error ? error.message : String(error) };
}
