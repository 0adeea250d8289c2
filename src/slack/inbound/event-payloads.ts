import { z } from 'zod';
import { messageTs, slackId, text } from './payload-parts.js';

/**
 * One schema for each Events API event Rapport handles, by event type (docs.slack.dev/reference/
 * events/<type>; ../shared/slack-fixtures/events/). What a listener reads is checked here, before
 * it runs; a profile's own fields (a time zone, `deleted`) are checked where they are kept
 * (src/people/profile-fields.ts), so one odd field never costs the whole profile.
 */
const reaction = z
  .object({
    user: slackId,
    reaction: text(100),
    item: z.object({ type: text(50), channel: slackId.optional(), ts: messageTs.optional() }).passthrough(),
    item_user: slackId.optional(),
    event_ts: messageTs,
  })
  .passthrough();

/**
 * A message in a channel (docs.slack.dev/reference/events/message; ../shared/slack-fixtures/events/
 * message.json): subtypes without a person (message_changed, bot_message) pass, for the listener to
 * leave alone. Slack truncates a message's text at 40,000 characters (chat.postMessage, "Truncating
 * content").
 */
const channelMessage = z
  .object({
    channel: slackId,
    ts: messageTs,
    subtype: text(100).optional(),
    user: slackId.optional(),
    user_team: slackId.optional(),
    thread_ts: messageTs.optional(),
    channel_type: text(50).optional(),
    text: text(40_000).optional(),
  })
  .passthrough();

const membership = z.object({ user: slackId, channel: slackId }).passthrough();
const sharing = z.object({ channel: slackId }).passthrough();

export const EVENT_PAYLOADS: Record<string, z.ZodTypeAny> = {
  reaction_added: reaction,
  reaction_removed: reaction,
  message: channelMessage,
  member_joined_channel: membership,
  member_left_channel: membership,
  channel_shared: sharing,
  channel_unshared: sharing,
  user_change: z.object({ user: z.object({ id: slackId }).passthrough() }).passthrough(),
  app_home_opened: z.object({ user: slackId, tab: text(50).optional() }).passthrough(),
  app_uninstalled: z.object({}).passthrough(),
  tokens_revoked: z
    .object({
      tokens: z
        .object({ oauth: z.array(text(100)).optional(), bot: z.array(text(100)).optional() })
        .passthrough(),
    })
    .passthrough(),
};

/**
 * The envelope of an event (docs.slack.dev/apis/events-api, "Callback field overview"): Bolt finds
 * the installation from `authorizations`, `team_id` and `enterprise_id` before any middleware runs.
 */
export const eventEnvelope = z
  .object({
    type: z.literal('event_callback'),
    team_id: slackId.optional(),
    enterprise_id: text(50).nullable().optional(),
    event_id: text(100).optional(),
    authorizations: z
      .array(
        z
          .object({ team_id: slackId.nullable().optional(), enterprise_id: text(50).nullable().optional() })
          .passthrough(),
      )
      .optional(),
    event: z.object({ type: text(100) }).passthrough(),
  })
  .passthrough()
  .refine((e) => e.team_id !== undefined || e.enterprise_id || e.authorizations?.some((a) => a.team_id), {
    message: 'names no workspace',
    path: ['team_id'],
  });
