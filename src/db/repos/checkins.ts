import { z } from 'zod';
import type { Queryable } from '../database.js';

export type Answer = { question: string; answer: string };

const checkinRow = z.object({
  status: z.enum(['answered', 'skipped']),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
  blocker: z.boolean(),
  message_ts: z.string().nullable(),
});
export type CheckinRow = z.infer<typeof checkinRow>;

type Key = { teamId: string; ritualId: number; userId: string; localDate: string };

export async function findCheckin(q: Queryable, k: Key): Promise<CheckinRow | undefined> {
  const [row] = await q.query(
    `select status, answers, blocker, message_ts from checkins
     where team_id = $1 and ritual_id = $2 and user_id = $3 and local_date = $4`,
    [k.teamId, k.ritualId, k.userId, k.localDate],
    checkinRow,
  );
  return row;
}

/** Saves answers (replacing earlier ones for the day); returns the thread reply to edit, if any. */
export async function saveAnswers(
  q: Queryable,
  k: Key & { answers: Answer[]; blocker: boolean; now: Date },
): Promise<{ messageTs: string | null }> {
  const [row] = await q.query(
    `insert into checkins (team_id, ritual_id, user_id, local_date, status, answers, blocker, submitted_at, updated_at)
     values ($1, $2, $3, $4, 'answered', $5, $6, $7, $7)
     on conflict (team_id, ritual_id, user_id, local_date) do update
       set status = 'answered', answers = excluded.answers, blocker = excluded.blocker, updated_at = excluded.updated_at
     returning message_ts`,
    [k.teamId, k.ritualId, k.userId, k.localDate, JSON.stringify(k.answers), k.blocker, k.now],
    z.object({ message_ts: z.string().nullable() }),
  );
  return { messageTs: row?.message_ts ?? null };
}

/** Records a skipped day, unless the person already answered it; true if recorded. */
export async function saveSkip(q: Queryable, k: Key & { now: Date }): Promise<boolean> {
  return (
    (await q.execute(
      `insert into checkins (team_id, ritual_id, user_id, local_date, status, submitted_at, updated_at)
       values ($1, $2, $3, $4, 'skipped', $5, $5)
       on conflict (team_id, ritual_id, user_id, local_date) do nothing`,
      [k.teamId, k.ritualId, k.userId, k.localDate, k.now],
    )) > 0
  );
}

export async function setCheckinMessage(q: Queryable, k: Key & { messageTs: string }): Promise<void> {
  await q.execute(
    `update checkins set message_ts = $5
     where team_id = $1 and ritual_id = $2 and user_id = $3 and local_date = $4`,
    [k.teamId, k.ritualId, k.userId, k.localDate, k.messageTs],
  );
}

/** Claims the day's header: true for the one caller that must post it. */
export async function claimStandupDay(
  q: Queryable,
  d: { teamId: string; ritualId: number; localDate: string; channelId: string; now: Date },
): Promise<boolean> {
  return (
    (await q.execute(
      `insert into standup_days (team_id, ritual_id, local_date, channel_id, created_at)
       values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [d.teamId, d.ritualId, d.localDate, d.channelId, d.now],
    )) > 0
  );
}

export async function setStandupDayHeader(
  q: Queryable,
  d: { teamId: string; ritualId: number; localDate: string; headerTs: string },
): Promise<void> {
  await q.execute(
    `update standup_days set header_ts = $4 where team_id = $1 and ritual_id = $2 and local_date = $3`,
    [d.teamId, d.ritualId, d.localDate, d.headerTs],
  );
}

export async function standupDayHeader(
  q: Queryable,
  d: { teamId: string; ritualId: number; localDate: string },
): Promise<string | null | undefined> {
  const [row] = await q.query(
    `select header_ts from standup_days where team_id = $1 and ritual_id = $2 and local_date = $3`,
    [d.teamId, d.ritualId, d.localDate],
    z.object({ header_ts: z.string().nullable() }),
  );
  return row === undefined ? undefined : row.header_ts;
}

export async function setAway(q: Queryable, a: { teamId: string; userId: string; until: string; now: Date }) {
  await q.execute(
    `insert into away_periods (team_id, user_id, until_date, created_at) values ($1, $2, $3, $4)
     on conflict (team_id, user_id) do update set until_date = excluded.until_date, created_at = excluded.created_at`,
    [a.teamId, a.userId, a.until, a.now],
  );
}

/** Ends an away period; true if there was one. */
export async function clearAway(q: Queryable, teamId: string, userId: string): Promise<boolean> {
  return (
    (await q.execute('delete from away_periods where team_id = $1 and user_id = $2', [teamId, userId])) > 0
  );
}
