import { z } from 'zod';
import type { Database } from '../database.js';

export type ExportFilter = { teamId: string | undefined; since: Date | undefined };

const kudosLine = z.object({
  team_id: z.string(),
  giver_id: z.string(),
  giver_team_id: z.string().nullable(),
  receiver_id: z.string(),
  receiver_team_id: z.string().nullable(),
  channel_id: z.string(),
  message_ts: z.string().nullable(),
  reason: z.string().nullable(),
  source: z.enum(['command', 'reaction', 'shortcut', 'ditto']),
  emoji: z.string().nullable(),
  created_at: z.date(),
});

/** Every kudos still standing (taken-back ones are left out), oldest first. */
export function streamKudosForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, giver_id, giver_team_id, receiver_id, receiver_team_id, channel_id, message_ts, reason,
            source, emoji, created_at
     from kudos
     where retracted_at is null
       and ($1::text is null or team_id = $1)
       and ($2::timestamptz is null or created_at >= $2)
     order by team_id, created_at, id`,
    [filter.teamId ?? null, filter.since ?? null],
    kudosLine,
  );
}

const ritualLine = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  channel_id: z.string(),
  kind: z.string(),
  days: z.array(z.number()),
  time_of_day: z.string(),
  zone: z.string(),
  cadence: z.string(),
  paused: z.boolean(),
  created_by: z.string(),
  created_at: z.date(),
});

/** Every ritual, as configured now. `since` keeps those created from that day. */
export function streamRitualsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, id as ritual_id, channel_id, kind, days, time_of_day, zone, cadence, paused, created_by,
            created_at
     from rituals
     where ($1::text is null or team_id = $1)
       and ($2::timestamptz is null or created_at >= $2)
     order by team_id, id`,
    [filter.teamId ?? null, filter.since ?? null],
    ritualLine,
  );
}

const checkinLine = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  channel_id: z.string(),
  user_id: z.string(),
  date: z.string(),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
  blocker: z.boolean(),
  submitted_at: z.date(),
});

/** Every answered check-in (skipped days have no answers to export), by day. */
export function streamCheckinsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select c.team_id, c.ritual_id, r.channel_id, c.user_id, to_char(c.local_date, 'YYYY-MM-DD') as date,
            c.answers, c.blocker, c.submitted_at
     from checkins c
     join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
     where c.status = 'answered'
       and ($1::text is null or c.team_id = $1)
       and ($2::timestamptz is null or c.submitted_at >= $2)
     order by c.team_id, c.local_date, c.ritual_id, c.user_id`,
    [filter.teamId ?? null, filter.since ?? null],
    checkinLine,
  );
}
