import { streamHealthPeriodsForExport } from '../../db/repos/health-periods.js';
import { type MetricId, type PillarId, PILLARS } from '../../health/pillars.js';
import { streamedRecords } from '../record-source.js';

const PILLAR_IDS = Object.keys(PILLARS) as PillarId[];
const METRIC_IDS: MetricId[] = PILLAR_IDS.flatMap((pillar) => [...PILLARS[pillar]]);

/**
 * Every pillar or metric by name, in the scorecard's order, whatever order jsonb kept them in; one
 * missing from an older row is null ("no data"), so every line has the same keys.
 */
const valuesOf = (ids: readonly string[], stored: Record<string, number | null>) =>
  Object.fromEntries(ids.map((id) => [id, stored[id] ?? null]));

/**
 * One line per stored health period, as it was published: the score (0–100) and each pillar and
 * metric (0–1), null where there was no data. The counts behind them (`inputs`) stay out: they hold
 * each member's kudos count, which only the digest's sentences need.
 */
export const healthRecords = streamedRecords({
  type: 'health',
  columns: ['team_id', 'channel_id', 'period_start', 'period_end', 'score', 'pillars', 'metrics'],
  rows: streamHealthPeriodsForExport,
  toRecord: (p) => ({
    team_id: p.team_id,
    channel_id: p.channel_id,
    period_start: p.period_start.toISOString(),
    period_end: p.period_end.toISOString(),
    score: p.score,
    pillars: valuesOf(PILLAR_IDS, p.pillars),
    metrics: valuesOf(METRIC_IDS, p.metrics),
  }),
});
