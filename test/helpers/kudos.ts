import { z } from 'zod';
import type { TestApp } from './test-app.js';

/** Kudos as a user would talk about them: who, to whom, how, why; oldest first. */
export const kudosRows = (t: TestApp) =>
  t.database.db.query(
    `select team_id, giver_id, giver_team_id, receiver_id, receiver_team_id, channel_id, source, reason,
            message_ts, emoji, announcement_id, retracted_at is not null as retracted
     from kudos order by id`,
    [],
    z.object({
      team_id: z.string(),
      giver_id: z.string(),
      giver_team_id: z.string().nullable(),
      receiver_id: z.string(),
      receiver_team_id: z.string().nullable(),
      channel_id: z.string(),
      source: z.string(),
      reason: z.string().nullable(),
      message_ts: z.string().nullable(),
      emoji: z.string().nullable(),
      announcement_id: z.coerce.number().nullable(),
      retracted: z.boolean(),
    }),
  );

/** The kudos still standing, as "giver→receiver source". */
export const standing = async (t: TestApp) =>
  (await kudosRows(t)).filter((k) => !k.retracted).map((k) => `${k.giver_id}→${k.receiver_id} ${k.source}`);

/** A mention as Slack writes it in command text. */
export const mention = (id: string, name = id.toLowerCase()) => `<@${id}|${name}>`;

/** Everything the bot posted into one conversation (a user id: their DM). */
export const postsTo = (t: TestApp, channel: string) =>
  t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

/** The ephemeral messages one person was shown. */
export const ephemeralsTo = (t: TestApp, userId: string) =>
  t.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === userId);

/** A command's reply as the person sees it. */
export async function replyText(res: Response): Promise<string> {
  const body = await res.text();
  return body === '' ? '' : ((JSON.parse(body) as { text?: string }).text ?? '');
}
