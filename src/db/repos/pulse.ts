import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/** A pulse check's round: one ritual's local date. */
export type RoundKey = { teamId: string; ritualId: number; roundDate: string };

const roundRow = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  round_date: z.string(),
  channel_id: z.string(),
  statements: z.array(z.string()),
  closed: z.boolean(),
});
export type RoundRow = z.infer<typeof roundRow>;

const ROUND_COLUMNS = `team_id, ritual_id, to_char(round_date, 'YYYY-MM-DD') as round_date, channel_id,
  statements, closed_at is not null as closed`;

/** Opens a round with the statements its first prompt asks; later prompts find it there. */
export async function openRound(
  q: Queryable,
  round: RoundKey & { channelId: string; statements: string[] },
): Promise<void> {
  await q.execute(
    `insert into pulse_rounds (team_id, ritual_id, round_date, channel_id, statements)
     values ($1, $2, $3, $4, $5)
     on conflict do nothing`,
    [round.teamId, round.ritualId, round.roundDate, round.channelId, round.statements],
  );
}

export async function findRound(q: Queryable, round: RoundKey): Promise<RoundRow | undefined> {
  const [row] = await q.query(
    `select ${ROUND_COLUMNS} from pulse_rounds
     where team_id = $1 and ritual_id = $2 and round_date = $3`,
    [round.teamId, round.ritualId, round.roundDate],
    roundRow,
  );
  return row;
}

/** Closes a round once: the first caller gets it back, later ones get nothing. */
export async function closeRound(
  q: Queryable,
  round: RoundKey & { now: Date },
): Promise<RoundRow | undefined> {
  const [row] = await q.query(
    `update pulse_rounds set closed_at = $4
     where team_id = $1 and ritual_id = $2 and round_date = $3 and closed_at is null
     returning ${ROUND_COLUMNS}`,
    [round.teamId, round.ritualId, round.roundDate, round.now],
    roundRow,
  );
  return row;
}

/** The latest closed rounds of a channel's pulse checks, newest first. */
export function latestClosedRounds(
  q: Queryable,
  where: { teamId: string; channelId: string; limit: number },
): Promise<RoundRow[]> {
  return q.query(
    `select ${ROUND_COLUMNS} from pulse_rounds
     where team_id = $1 and channel_id = $2 and closed_at is not null
     order by round_date desc, closed_at desc
     limit $3`,
    [where.teamId, where.channelId, where.limit],
    roundRow,
  );
}

/** Whether the person was prompted for this round (only they may answer it). */
export async function wasPrompted(q: Queryable, round: RoundKey & { userId: string }): Promise<boolean> {
  const rows = await q.query(
    `select 1 as found from ritual_occurrences
     where team_id = $1 and ritual_id = $2 and local_date = $3 and participant_id = $4 and status = 'sent'`,
    [round.teamId, round.ritualId, round.roundDate, round.userId],
    z.object({ found: z.number() }),
  );
  return rows.length > 0;
}

export async function hasAnswered(q: Queryable, round: RoundKey & { userId: string }): Promise<boolean> {
  const rows = await q.query(
    `select 1 as found from pulse_participation
     where team_id = $1 and ritual_id = $2 and round_date = $3 and user_id = $4`,
    [round.teamId, round.ritualId, round.roundDate, round.userId],
    z.object({ found: z.number() }),
  );
  return rows.length > 0;
}

/** The key of a person in a round, in the set answeredAmong returns. */
export const participantKey = (p: RoundKey & { userId: string }) =>
  `${p.teamId}\u0000${p.ritualId}\u0000${p.roundDate}\u0000${p.userId}`;

/** Which of these people, each in a round, have answered it: one statement for all of them. */
export async function answeredAmong(
  q: Queryable,
  people: readonly (RoundKey & { userId: string })[],
): Promise<Set<string>> {
  if (people.length === 0) return new Set();
  const rows = await q.query(
    `select p.team_id, p.ritual_id, to_char(p.round_date, 'YYYY-MM-DD') as round_date, p.user_id
     from pulse_participation p
     join unnest($1::text[], $2::bigint[], $3::date[], $4::text[]) as w(team_id, ritual_id, round_date, user_id)
       on p.team_id = w.team_id and p.ritual_id = w.ritual_id and p.round_date = w.round_date
          and p.user_id = w.user_id`,
    [
      people.map((p) => p.teamId),
      people.map((p) => p.ritualId),
      people.map((p) => p.roundDate),
      people.map((p) => p.userId),
    ],
    z.object({
      team_id: z.string(),
      ritual_id: z.coerce.number(),
      round_date: z.string(),
      user_id: z.string(),
    }),
  );
  return new Set(
    rows.map((r) =>
      participantKey({
        teamId: r.team_id,
        ritualId: r.ritual_id,
        roundDate: r.round_date,
        userId: r.user_id,
      }),
    ),
  );
}

/** Records that the person answered; false when they already had (the database decides). */
export async function recordParticipation(
  q: Queryable,
  round: RoundKey & { userId: string },
): Promise<boolean> {
  const inserted = await q.execute(
    `insert into pulse_participation (team_id, ritual_id, round_date, user_id)
     values ($1, $2, $3, $4)
     on conflict do nothing`,
    [round.teamId, round.ritualId, round.roundDate, round.userId],
  );
  return inserted === 1;
}

/** Stores an answer with nothing that says whose it is or when it came. */
export async function insertResponse(
  q: Queryable,
  response: RoundKey & { scores: number[]; comment: string | null },
): Promise<void> {
  await q.execute(
    `insert into pulse_responses (team_id, ritual_id, round_date, scores, comment)
     values ($1, $2, $3, $4, $5)`,
    [response.teamId, response.ritualId, response.roundDate, response.scores, response.comment],
  );
}

const responseRow = z.object({ scores: z.array(z.number()), comment: z.string().nullable() });
export type ResponseRow = z.infer<typeof responseRow>;

/** A round's answers, in no meaningful order. */
export function roundResponses(q: Queryable, round: RoundKey): Promise<ResponseRow[]> {
  return q.query(
    `select scores, comment from pulse_responses
     where team_id = $1 and ritual_id = $2 and round_date = $3
     order by id`,
    [round.teamId, round.ritualId, round.roundDate],
    responseRow,
  );
}

const exportRow = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  channel_id: z.string(),
  date: z.string(),
  statements: z.array(z.string()),
  responses: z.coerce.number(),
  means: z.array(z.coerce.number()),
});

/** Every closed round with its number of answers and mean per statement, computed in SQL. */
export function streamPulseRoundsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select r.team_id, r.ritual_id, r.channel_id, to_char(r.round_date, 'YYYY-MM-DD') as date, r.statements,
            (select count(*) from pulse_responses p
             where p.team_id = r.team_id and p.ritual_id = r.ritual_id and p.round_date = r.round_date) as responses,
            coalesce((select array_agg(m.mean order by m.i) from (
                        select s.i, avg(s.score)::float8 as mean
                        from pulse_responses p, unnest(p.scores) with ordinality as s(score, i)
                        where p.team_id = r.team_id and p.ritual_id = r.ritual_id and p.round_date = r.round_date
                        group by s.i) m), '{}') as means
     from pulse_rounds r
     where r.closed_at is not null
       and ($1::text[] is null or r.team_id = any($1))
       and ($2::timestamptz is null or r.closed_at >= $2)
     order by r.team_id, r.round_date, r.ritual_id`,
    [filter.teamIds ?? null, filter.since ?? null],
    exportRow,
  );
}
