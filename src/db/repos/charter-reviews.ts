import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

type Channel = { teamId: string; channelId: string };

const reviewRow = z.object({
  team_id: z.string(),
  id: z.coerce.number(),
  channel_id: z.string(),
  version: z.number(),
  due_at: z.date(),
  asked_at: z.date(),
  outcome: z.enum(['confirmed', 'revised']).nullable(),
  answered_by: z.string().nullable(),
  answered_at: z.date().nullable(),
  revised_version: z.number().nullable(),
});
export type CharterReviewRow = z.infer<typeof reviewRow>;

const COLUMNS = `team_id, id, channel_id, version, due_at, asked_at, outcome, answered_by, answered_at,
  revised_version`;

/** When the channel is next asked (null: not to be asked), set at every version and confirmation. */
export async function setReviewDue(q: Queryable, c: Channel, dueAt: Date | null): Promise<void> {
  await q.execute(`update charters set review_due_at = $3 where team_id = $1 and channel_id = $2`, [
    c.teamId,
    c.channelId,
    dueAt,
  ]);
}

/**
 * Claims charters whose review has come due, for every workspace: each is taken by one replica
 * (skip locked) and only while its due date is still the one read (a conditional update), so a
 * review is asked once. Claimed, it is not due again until the answer sets the next date.
 */
export function claimDueReviews(
  q: Queryable,
  now: Date,
  limit: number,
): Promise<{ team_id: string; channel_id: string; due_at: Date }[]> {
  return q.query(
    `with due as (
       select team_id, channel_id, review_due_at from charters
       where review_due_at <= $1
       order by review_due_at
       limit $2
       for update skip locked
     )
     update charters c set review_due_at = null
     from due
     where c.team_id = due.team_id and c.channel_id = due.channel_id
       and c.review_due_at = due.review_due_at
     returning c.team_id, c.channel_id, due.review_due_at as due_at`,
    [now, limit],
    z.object({ team_id: z.string(), channel_id: z.string(), due_at: z.date() }),
  );
}

/** Records a review asked; undefined when this due date was asked about already. */
export async function insertCharterReview(
  q: Queryable,
  r: Channel & { version: number; dueAt: Date; now: Date },
): Promise<CharterReviewRow | undefined> {
  const [row] = await q.query(
    `insert into charter_reviews (team_id, channel_id, version, due_at, asked_at)
     values ($1, $2, $3, $4, $5)
     on conflict (team_id, channel_id, due_at) do nothing
     returning ${COLUMNS}`,
    [r.teamId, r.channelId, r.version, r.dueAt, r.now],
    reviewRow,
  );
  return row;
}

export async function findCharterReview(
  q: Queryable,
  teamId: string,
  id: number,
): Promise<CharterReviewRow | undefined> {
  const [row] = await q.query(
    `select ${COLUMNS} from charter_reviews where team_id = $1 and id = $2`,
    [teamId, id],
    reviewRow,
  );
  return row;
}

/** The channel's reviews not answered yet (one at most: none is asked while one is open). */
export function openCharterReviews(q: Queryable, c: Channel): Promise<CharterReviewRow[]> {
  return q.query(
    `select ${COLUMNS} from charter_reviews
     where team_id = $1 and channel_id = $2 and outcome is null
     order by id`,
    [c.teamId, c.channelId],
    reviewRow,
  );
}

/** Answers a review once; undefined when it was answered already. */
export async function answerCharterReview(
  q: Queryable,
  a: {
    teamId: string;
    id: number;
    outcome: 'confirmed' | 'revised';
    by: string;
    at: Date;
    revisedVersion: number | null;
  },
): Promise<CharterReviewRow | undefined> {
  const [row] = await q.query(
    `update charter_reviews
     set outcome = $3, answered_by = $4, answered_at = $5, revised_version = $6
     where team_id = $1 and id = $2 and outcome is null
     returning ${COLUMNS}`,
    [a.teamId, a.id, a.outcome, a.by, a.at, a.revisedVersion],
    reviewRow,
  );
  return row;
}

/** Every review asked, oldest first. `since` keeps those asked from that day. */
export function streamCharterReviewsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select ${COLUMNS} from charter_reviews
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or asked_at >= $2)
     order by team_id, channel_id, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    reviewRow,
  );
}
