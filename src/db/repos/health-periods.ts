import { setsOf } from './shared-channels.js';
import { z } from 'zod';
import type { PeriodInputs, Scorecard } from '../../health/pillars.js';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/**
 * Each period's scorecard as it was published (docs/METRICS.md, "Stored periods"): trends and
 * `/health history` read these, so old numbers survive later edits to old data.
 */
const score = z.number().nullable();
const storedRow = z.object({
  team_id: z.string(),
  channel_id: z.string(),
  period_start: z.date(),
  period_end: z.date(),
  score,
  pillars: z.record(z.string(), score),
  metrics: z.record(z.string(), score),
  inputs: z.unknown(),
  computed_at: z.date(),
});
export type StoredPeriodRow = z.infer<typeof storedRow>;

export type StoredPeriod = Scorecard & { start: Date; end: Date; inputs: PeriodInputs };

const COLUMNS = `team_id, channel_id, period_start, period_end, score, pillars, metrics, inputs, computed_at`;

/**
 * The counts a period stored before the give ledger, responsiveness, coffee pairs and escalations
 * existed lacks: no gives were asked about then, responsiveness was off, and pairs and escalations
 * were not counted. Its
 * metrics lack theirs too, which read as "no data".
 */
const BEFORE_GIVES: Pick<
  PeriodInputs,
  'gives' | 'giveFlows' | 'responsiveness' | 'connections' | 'escalations'
> = {
  gives: { asked: 0, confirmed: 0 },
  giveFlows: [],
  responsiveness: null,
  connections: null,
  escalations: null,
};
const NO_LEDGER_METRICS = {
  value_confirmed: null,
  value_reciprocity: null,
  responsiveness: null,
  connections: null,
  escalations_resolved_in_time: null,
};

/** The row as the scorecard it holds; jsonb comes back as written, so its shape is the scorecard's. */
export function storedPeriodOf(row: StoredPeriodRow): StoredPeriod {
  return {
    score: row.score,
    pillars: row.pillars as StoredPeriod['pillars'],
    metrics: { ...NO_LEDGER_METRICS, ...row.metrics } as StoredPeriod['metrics'],
    inputs: { ...BEFORE_GIVES, ...(row.inputs as PeriodInputs) },
    start: row.period_start,
    end: row.period_end,
  };
}

/**
 * Keeps a period's scorecard unless that period (same channel, same end) is already stored: the
 * first computation is the one that was published, and it is returned either way.
 */
export async function storePeriod(
  q: Queryable,
  teamId: string,
  channelId: string,
  period: StoredPeriod,
  computedAt: Date,
): Promise<StoredPeriod> {
  const rows = await q.query(
    `with inserted as (
       insert into health_periods (${COLUMNS})
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (team_id, channel_id, period_end) do nothing
       returning ${COLUMNS}
     )
     select ${COLUMNS} from inserted
     union all
     select ${COLUMNS} from health_periods
     where team_id = $1 and channel_id = $2 and period_end = $4 and not exists (select 1 from inserted)`,
    [
      teamId,
      channelId,
      period.start,
      period.end,
      period.score,
      JSON.stringify(period.pillars),
      JSON.stringify(period.metrics),
      JSON.stringify(period.inputs),
      computedAt,
    ],
    storedRow,
  );
  const row = rows[0];
  if (!row) throw new Error('health period neither inserted nor found');
  return storedPeriodOf(row);
}

/** The channel's stored periods ending in [from, to], oldest first: the raw material of a trend. */
export async function storedPeriodsBetween(
  q: Queryable,
  teamId: string,
  channelId: string,
  from: Date,
  to: Date,
): Promise<StoredPeriod[]> {
  const rows = await q.query(
    `select ${COLUMNS} from health_periods
     where team_id = $1 and channel_id = $2 and period_end between $3 and $4
     order by period_end`,
    [teamId, channelId, from, to],
    storedRow,
  );
  return rows.map(storedPeriodOf);
}

/** The channel's latest stored periods, newest first: `/health history`. */
export async function latestStoredPeriods(
  q: Queryable,
  teamId: string,
  channelId: string,
  limit: number,
): Promise<StoredPeriod[]> {
  const rows = await q.query(
    `select ${COLUMNS} from health_periods
     where team_id = $1 and channel_id = $2
     order by period_end desc
     limit $3`,
    [teamId, channelId, limit],
    storedRow,
  );
  return rows.map(storedPeriodOf);
}

const latestScoreRow = z.object({ channel_id: z.string(), score, period_end: z.date() });

/** The latest stored score of each of these channels that has one: the Home tab's health line. */
export async function latestScores(
  q: Queryable,
  teamId: string | readonly string[],
  channelIds: readonly string[],
) {
  return q.query(
    `select distinct on (channel_id) channel_id, score, period_end
     from health_periods
     where team_id = any($1::text[]) and channel_id = any($2::text[])
     order by channel_id, period_end desc`,
    [setsOf(teamId), channelIds],
    latestScoreRow,
  );
}

/** Every stored period, oldest first. `since` keeps those ending from that day. */
export function streamHealthPeriodsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select ${COLUMNS} from health_periods
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or period_end >= $2)
     order by team_id, channel_id, period_end`,
    [filter.teamIds ?? null, filter.since ?? null],
    storedRow,
  );
}
