import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/** A level as an escalation keeps it: its owners when it was raised (groups expanded), and its target. */
const levelShape = z.object({ level: z.number(), owners: z.array(z.string()), targetMinutes: z.number() });
export type RaisedLevel = z.infer<typeof levelShape>;

const escalationRow = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  channel_id: z.string(),
  source_ts: z.string().nullable(),
  thread_ts: z.string().nullable(),
  raised_by: z.string(),
  private: z.boolean(),
  issue: z.string(),
  needs_a: z.string().nullable(),
  needs_b: z.string().nullable(),
  options: z.string().nullable(),
  criteria: z.string().nullable(),
  levels: z.array(levelShape),
  level: z.number(),
  state: z.enum(['open', 'resolved']),
  raised_at: z.date(),
  level_due_at: z.date(),
  resolved_at: z.date().nullable(),
  resolved_by: z.string().nullable(),
  agreed_option: z.string().nullable(),
  reason: z.string().nullable(),
  decision_id: z.coerce.number().nullable(),
});
export type EscalationRow = z.infer<typeof escalationRow>;

const COLUMNS = `id, team_id, channel_id, source_ts, thread_ts, raised_by, private, issue, needs_a, needs_b,
  options, criteria, levels, level, state, raised_at, level_due_at, resolved_at, resolved_by, agreed_option,
  reason, decision_id`;

export type NewEscalation = {
  teamId: string;
  channelId: string;
  sourceTs: string | null;
  threadTs: string | null;
  raisedBy: string;
  private: boolean;
  issue: string;
  needsA: string | null;
  needsB: string | null;
  options: string | null;
  criteria: string | null;
  levels: RaisedLevel[];
  submissionId: string;
  now: Date;
};

/** Raises an escalation at level 1; undefined when this submission raised one already. */
export async function insertEscalation(q: Queryable, e: NewEscalation): Promise<EscalationRow | undefined> {
  const first = e.levels[0];
  if (!first) throw new Error('an escalation needs a level');
  const [row] = await q.query(
    `insert into escalations (team_id, channel_id, source_ts, thread_ts, raised_by, private, issue, needs_a,
       needs_b, options, criteria, levels, level, state, raised_at, level_due_at, submission_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, 1, 'open', $13,
             $13::timestamptz + make_interval(mins => $14::int), $15)
     on conflict (team_id, submission_id) do nothing
     returning ${COLUMNS}`,
    [
      e.teamId,
      e.channelId,
      e.sourceTs,
      e.threadTs,
      e.raisedBy,
      e.private,
      e.issue,
      e.needsA,
      e.needsB,
      e.options,
      e.criteria,
      JSON.stringify(e.levels),
      e.now,
      first.targetMinutes,
      e.submissionId,
    ],
    escalationRow,
  );
  return row;
}

export async function escalationOfSubmission(q: Queryable, teamId: string, submissionId: string) {
  const [row] = await q.query(
    `select ${COLUMNS} from escalations where team_id = $1 and submission_id = $2`,
    [teamId, submissionId],
    escalationRow,
  );
  return row;
}

export async function findEscalation(q: Queryable, teamId: string, id: number) {
  const [row] = await q.query(
    `select ${COLUMNS} from escalations where team_id = $1 and id = $2`,
    [teamId, id],
    escalationRow,
  );
  return row;
}

/**
 * Moves every open escalation whose level's target has passed to its next level, once: the rows are
 * claimed (`skip locked`, so replicas share the work) and Postgres checks the level and its due time
 * again under the lock, so a resolution or another move in between leaves the row out. The next
 * level's target counts from now. An escalation at its last level stays there.
 */
export function escalateDue(q: Queryable, now: Date, limit: number): Promise<EscalationRow[]> {
  return q.query(
    `with due as (
       select team_id, id, level, level_due_at from escalations
       where state = 'open' and level_due_at <= $1 and level < jsonb_array_length(levels)
       order by level_due_at
       limit $2
       for update skip locked
     )
     update escalations e
     set level = e.level + 1,
         level_due_at = $1::timestamptz + make_interval(mins => (e.levels -> e.level ->> 'targetMinutes')::int)
     from due
     where e.team_id = due.team_id and e.id = due.id
       and e.state = 'open' and e.level = due.level and e.level_due_at = due.level_due_at
     returning ${COLUMNS.split(',')
       .map((c) => `e.${c.trim()}`)
       .join(', ')}`,
    [now, limit],
    escalationRow,
  );
}

/** Resolves an open escalation, once; undefined when it was resolved already. */
export async function resolveEscalation(
  q: Queryable,
  r: {
    teamId: string;
    id: number;
    by: string;
    agreed: string;
    reason: string;
    decisionId: number | null;
    now: Date;
  },
): Promise<EscalationRow | undefined> {
  const [row] = await q.query(
    `update escalations
     set state = 'resolved', resolved_at = $3, resolved_by = $4, agreed_option = $5, reason = $6, decision_id = $7
     where team_id = $1 and id = $2 and state = 'open'
     returning ${COLUMNS}`,
    [r.teamId, r.id, r.now, r.by, r.agreed, r.reason, r.decisionId],
    escalationRow,
  );
  return row;
}

/** Notes what happened to an escalation; the same event at the same level is noted once. */
export async function insertEscalationEvent(
  q: Queryable,
  e: {
    teamId: string;
    escalationId: number;
    kind: 'raised' | 'escalated' | 'resolved';
    level: number;
    at: Date;
    by: string | null;
  },
): Promise<void> {
  await q.execute(
    `insert into escalation_events (team_id, escalation_id, kind, level, at, by_user)
     values ($1, $2, $3, $4, $5, $6)
     on conflict do nothing`,
    [e.teamId, e.escalationId, e.kind, e.level, e.at, e.by],
  );
}

const exportRow = escalationRow.extend({
  history: z.array(
    z.object({ kind: z.string(), level: z.number(), at: z.string(), by: z.string().nullable() }),
  ),
});
export type EscalationExportRow = z.infer<typeof exportRow>;

/** Every escalation with its history, oldest first. `since` keeps those raised from that day. */
export function streamEscalationsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select ${COLUMNS},
       coalesce((select jsonb_agg(jsonb_build_object('kind', v.kind, 'level', v.level,
                   'at', to_char(v.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'by', v.by_user)
                   order by v.at, v.level)
                 from escalation_events v
                 where v.team_id = escalations.team_id and v.escalation_id = escalations.id), '[]'::jsonb) as history
     from escalations
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or raised_at >= $2)
     order by team_id, raised_at, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    exportRow,
  );
}
