import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/**
 * Reviews (migrations/1766300000000_reviews.sql): one per ritual and review date, opened when its
 * forms go out and packed once when the pack is posted; and each person's answer before it.
 */
export type ReviewKey = { teamId: string; ritualId: number; reviewDate: string };

const keyParams = (k: ReviewKey) => [k.teamId, k.ritualId, k.reviewDate];

/** Opens the review when its forms go out; a second opening changes nothing. */
export async function openReview(
  q: Queryable,
  k: ReviewKey & { channelId: string; now: Date },
): Promise<void> {
  await q.execute(
    `insert into reviews (team_id, ritual_id, review_date, channel_id, opened_at)
     values ($1, $2, $3, $4, $5)
     on conflict (team_id, ritual_id, review_date) do nothing`,
    [...keyParams(k), k.channelId, k.now],
  );
}

const reviewRow = z.object({ channel_id: z.string(), packed_at: z.date().nullable() });

export async function findReview(q: Queryable, k: ReviewKey) {
  const [row] = await q.query(
    `select channel_id, packed_at from reviews where team_id = $1 and ritual_id = $2 and review_date = $3`,
    keyParams(k),
    reviewRow,
  );
  return row;
}

/** Whether the person is among the ritual's participants (has a slot in it): only they answer. */
export async function takesPartIn(q: Queryable, k: ReviewKey, userId: string): Promise<boolean> {
  const rows = await q.query(
    `select 1 as yes from ritual_slots where team_id = $1 and ritual_id = $2 and participant_id = $3`,
    [k.teamId, k.ritualId, userId],
    z.object({ yes: z.number() }),
  );
  return rows.length > 0;
}

/** Closes its answers for the pack, once: the channel when this call closed it, else undefined. */
export async function packReview(q: Queryable, k: ReviewKey & { now: Date }): Promise<string | undefined> {
  const [row] = await q.query(
    `update reviews set packed_at = $4
     where team_id = $1 and ritual_id = $2 and review_date = $3 and packed_at is null
     returning channel_id`,
    [...keyParams(k), k.now],
    z.object({ channel_id: z.string() }),
  );
  return row?.channel_id;
}

export type ReviewAnswerInput = {
  priorities: string[];
  helped: string | null;
  change: string | null;
};

/**
 * Saves a person's answer, or replaces it, while the review is open; false when it is packed (or
 * was never opened).
 */
export async function saveReviewAnswer(
  q: Queryable,
  k: ReviewKey & { userId: string; userTeamId: string | null; now: Date } & ReviewAnswerInput,
): Promise<boolean> {
  const n = await q.execute(
    `insert into review_answers
       (team_id, ritual_id, review_date, user_id, user_team_id, priorities, helped, change, submitted_at, updated_at)
     select $1, $2, $3, $4, $5, $6, $7, $8, $9, $9
     where exists (select 1 from reviews where team_id = $1 and ritual_id = $2 and review_date = $3
                                            and packed_at is null)
     on conflict (team_id, ritual_id, review_date, user_id) do update
       set priorities = excluded.priorities, helped = excluded.helped, change = excluded.change,
           updated_at = excluded.updated_at`,
    [...keyParams(k), k.userId, k.userTeamId, k.priorities, k.helped, k.change, k.now],
  );
  return n > 0;
}

const answerRow = z.object({
  user_id: z.string(),
  side: z.string().nullable(),
  priorities: z.array(z.string()),
  helped: z.string().nullable(),
  change: z.string().nullable(),
});
export type ReviewAnswerRow = z.infer<typeof answerRow>;

/**
 * The review's answers, each with its author's side in the channel: the side declared for them when
 * the channel declared sides (none when they are in none), else their own workspace.
 */
export function reviewAnswers(
  q: Queryable,
  k: ReviewKey & { channelId: string },
): Promise<ReviewAnswerRow[]> {
  return q.query(
    `with declared as (select user_id, side from alliance_sides where team_id = $1 and channel_id = $4)
     select a.user_id,
            case when exists (select 1 from declared) then (select side from declared d where d.user_id = a.user_id)
                 else coalesce(a.user_team_id, a.team_id) end as side,
            a.priorities, a.helped, a.change
     from review_answers a
     where a.team_id = $1 and a.ritual_id = $2 and a.review_date = $3
     order by a.submitted_at, a.user_id`,
    [...keyParams(k), k.channelId],
    answerRow,
  );
}

/** A person's own answer, to fill the form again. */
export async function ownReviewAnswer(q: Queryable, k: ReviewKey & { userId: string }) {
  const [row] = await q.query(
    `select user_id, null::text as side, priorities, helped, change from review_answers
     where team_id = $1 and ritual_id = $2 and review_date = $3 and user_id = $4`,
    [...keyParams(k), k.userId],
    answerRow,
  );
  return row;
}

/** Of these participants, those who have answered the review. */
export async function answeredReview(
  q: Queryable,
  k: ReviewKey,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await q.query(
    `select user_id from review_answers
     where team_id = $1 and ritual_id = $2 and review_date = $3 and user_id = any($4::text[])`,
    [...keyParams(k), userIds],
    z.object({ user_id: z.string() }),
  );
  return new Set(rows.map((r) => r.user_id));
}

const exportLine = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  channel_id: z.string(),
  review_date: z.string(),
  user_id: z.string(),
  priorities: z.array(z.string()),
  helped: z.string().nullable(),
  change: z.string().nullable(),
  submitted_at: z.date(),
  updated_at: z.date(),
});

/** Every review answer, oldest first. `since` keeps those submitted from that day. */
export function streamReviewAnswersForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select a.team_id, a.ritual_id, r.channel_id, to_char(a.review_date, 'YYYY-MM-DD') as review_date, a.user_id,
            a.priorities, a.helped, a.change, a.submitted_at, a.updated_at
     from review_answers a
     join reviews r on r.team_id = a.team_id and r.ritual_id = a.ritual_id and r.review_date = a.review_date
     where ($1::text[] is null or a.team_id = any($1))
       and ($2::timestamptz is null or a.submitted_at >= $2)
     order by a.team_id, a.submitted_at, a.user_id`,
    [filter.teamIds ?? null, filter.since ?? null],
    exportLine,
  );
}
