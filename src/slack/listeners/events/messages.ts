import type { App } from '@slack/bolt';
import { asksSomething } from '../../../health/asks.js';
import type { ResponsivenessService } from '../../../health/responsiveness-service.js';
import { eventRecords, type RecordSetDeps } from '../record-set.js';

/**
 * People's messages in channels (the `message.channels` and `message.groups` events,
 * docs.slack.dev/reference/events/message.channels: "channel_type" is "channel" for a public
 * channel, "group" for a private one). Only responsiveness reads them, and only its metadata is
 * kept, while the channel has it on (src/health/responsiveness-service.ts). A message another
 * message event describes (edited, deleted, joined, a bot's) is left alone: of the subtypes
 * (docs.slack.dev/reference/events/message, "Message subtypes") only a reply also sent to the
 * channel, a shared file and a /me message are a person speaking.
 */
const SPOKEN_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'me_message']);
const CHANNEL_TYPES = new Set(['channel', 'group']);

type MessageFields = {
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  user_team?: string;
  bot_id?: string;
  ts: string;
  thread_ts?: string;
  text?: string;
};

export function registerChannelMessageEvents(
  app: App,
  deps: { responsiveness: ResponsivenessService } & RecordSetDeps,
): void {
  app.event('message', async ({ event, body, context }) => {
    const m = event as unknown as MessageFields;
    if (m.subtype !== undefined && !SPOKEN_SUBTYPES.has(m.subtype)) return;
    if (!m.user || m.bot_id || !CHANNEL_TYPES.has(m.channel_type ?? '')) return;
    // Most messages open no thread and ask nothing: they cost nothing, not even a lookup.
    const isReply = m.thread_ts !== undefined && m.thread_ts !== m.ts;
    const asks = !isReply && asksSomething(m.text);
    if (!isReply && !asks) return;
    const teamId = await eventRecords(deps, context, body, m.channel);
    if (teamId === undefined) return;
    await deps.responsiveness.message({
      teamId,
      channelId: m.channel,
      userId: m.user,
      ...(m.user_team ? { userTeamId: m.user_team } : {}),
      ts: m.ts,
      ...(m.thread_ts ? { threadTs: m.thread_ts } : {}),
      asks,
    });
  });
}
