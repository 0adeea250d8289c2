import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

const decisionRow = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  channel_id: z.string(),
  source_ts: z.string(),
  source_thread_ts: z.string().nullable(),
  source_permalink: z.string().nullable(),
  decision: z.string(),
  owner_id: z.string(),
  rationale: z.string().nullable(),
  consulted: z.array(z.string()),
  review_date: z.string().nullable(),
  logged_by: z.string(),
  message_ts: z.string().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
  updated_by: z.string(),
});
export type DecisionRow = z.infer<typeof decisionRow>;

const COLUMNS = `id, team_id, channel_id, source_ts, source_thread_ts, source_permalink, decision, owner_id,
  rationale, consulted, to_char(review_date, 'YYYY-MM-DD') as review_date, logged_by,
  coalesce(message_ts, (select o.message_ts from outbox o
                        where o.team_id = decisions.team_id and o.dedupe_key = 'decision:' || decisions.id
                          and o.status = 'sent')) as message_ts,
  created_at, updated_at, updated_by`;

/** What a person fills in; the rest comes from the message the decision was logged from. */
export type DecisionContent = {
  decision: string;
  ownerId: string;
  rationale: string | null;
  consulted: string[];
  reviewDate: string | null;
};

export type NewDecision = DecisionContent & {
  teamId: string;
  channelId: string;
  sourceTs: string;
  sourceThreadTs: string | null;
  loggedBy: string;
  submissionId: string;
  now: Date;
};

/** Logs a decision; undefined when this submission already logged one (Slack delivered it twice). */
export async function insertDecision(q: Queryable, d: NewDecision): Promise<DecisionRow | undefined> {
  const [row] = await q.query(
    `insert into decisions (team_id, channel_id, source_ts, source_thread_ts, decision, owner_id, rationale,
       consulted, review_date, logged_by, submission_id, created_at, updated_at, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $10)
     on conflict (team_id, submission_id) do nothing
     returning ${COLUMNS}`,
    [
      d.teamId,
      d.channelId,
      d.sourceTs,
      d.sourceThreadTs,
      d.decision,
      d.ownerId,
      d.rationale,
      d.consulted,
      d.reviewDate,
      d.loggedBy,
      d.submissionId,
      d.now,
    ],
    decisionRow,
  );
  return row;
}

export async function decisionOfSubmission(
  q: Queryable,
  teamId: string,
  submissionId: string,
): Promise<DecisionRow | undefined> {
  const [row] = await q.query(
    `select ${COLUMNS} from decisions where team_id = $1 and submission_id = $2`,
    [teamId, submissionId],
    decisionRow,
  );
  return row;
}

export async function findDecision(
  q: Queryable,
  teamId: string,
  id: number,
): Promise<DecisionRow | undefined> {
  const [row] = await q.query(
    `select ${COLUMNS} from decisions where team_id = $1 and id = $2`,
    [teamId, id],
    decisionRow,
  );
  return row;
}

export async function updateDecision(
  q: Queryable,
  u: DecisionContent & { teamId: string; id: number; updatedBy: string; now: Date },
): Promise<DecisionRow | undefined> {
  const [row] = await q.query(
    `update decisions
     set decision = $3, owner_id = $4, rationale = $5, consulted = $6, review_date = $7,
         updated_by = $8, updated_at = $9
     where team_id = $1 and id = $2
     returning ${COLUMNS}`,
    [u.teamId, u.id, u.decision, u.ownerId, u.rationale, u.consulted, u.reviewDate, u.updatedBy, u.now],
    decisionRow,
  );
  return row;
}

/** Where the decision was posted, and Slack's link to the message it was logged from. */
export async function setDecisionPosted(
  q: Queryable,
  p: { teamId: string; id: number; messageTs: string | null; permalink: string | null },
): Promise<void> {
  await q.execute(
    `update decisions set message_ts = coalesce($3, message_ts), source_permalink = coalesce($4, source_permalink)
     where team_id = $1 and id = $2`,
    [p.teamId, p.id, p.messageTs, p.permalink],
  );
}

/** A channel's decisions, newest first, and how many it has in all. */
export async function decisionsOfChannel(
  q: Queryable,
  c: { teamId: string; channelId: string },
  limit: number,
): Promise<{ rows: DecisionRow[]; total: number }> {
  const rows = await q.query(
    `select ${COLUMNS} from decisions
     where team_id = $1 and channel_id = $2
     order by created_at desc, id desc
     limit $3`,
    [c.teamId, c.channelId, limit],
    decisionRow,
  );
  const [count] = await q.query(
    `select count(*)::int as n from decisions where team_id = $1 and channel_id = $2`,
    [c.teamId, c.channelId],
    z.object({ n: z.number() }),
  );
  return { rows, total: count?.n ?? 0 };
}

/** Every decision as it stands now, oldest first. `since` keeps those logged from that day. */
export function streamDecisionsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select ${COLUMNS} from decisions
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or created_at >= $2)
     order by team_id, created_at, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    decisionRow,
  );
}

/** The channel's decisions whose review date has come by `onOrBefore` ("YYYY-MM-DD"), soonest first. */
export async function decisionsDueForReview(
  q: Queryable,
  c: { teamId: string; channelId: string },
  onOrBefore: string,
  limit: number,
): Promise<{ rows: DecisionRow[]; total: number }> {
  const rows = await q.query(
    `select ${COLUMNS} from decisions
     where team_id = $1 and channel_id = $2 and review_date <= $3::date
     order by review_date, id
     limit $4`,
    [c.teamId, c.channelId, onOrBefore, limit],
    decisionRow,
  );
  const [count] = await q.query(
    `select count(*)::int as n from decisions where team_id = $1 and channel_id = $2 and review_date <= $3::date`,
    [c.teamId, c.channelId, onOrBefore],
    z.object({ n: z.number() }),
  );
  return { rows, total: count?.n ?? 0 };
}
