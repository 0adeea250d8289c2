import { z } from 'zod';
import type { Database } from '../database.js';

export type ExportFilter = { teamId: string | undefined; since: Date | undefined };

const kudosLine = z.object({
  team_id: z.string(),
  giver_id: z.string(),
  receiver_id: z.string(),
  channel_id: z.string(),
  message_ts: z.string().nullable(),
  reason: z.string().nullable(),
  source: z.enum(['command', 'reaction']),
  emoji: z.string().nullable(),
  created_at: z.date(),
});

/** Every kudos still standing (taken-back ones are left out), oldest first. */
export function streamKudosForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, giver_id, receiver_id, channel_id, message_ts, reason, source, emoji, created_at
     from kudos
     where retracted_at is null
       and ($1::text is null or team_id = $1)
       and ($2::timestamptz is null or created_at >= $2)
     order by team_id, created_at, id`,
    [filter.teamId ?? null, filter.since ?? null],
    kudosLine,
  );
}
