import type { Queryable } from '../../src/db/database.js';
import { storePeriod } from '../../src/db/repos/health-periods.js';
import { type Metrics, type PeriodInputs, type PillarId, PILLARS } from '../../src/health/pillars.js';
import { meanOfPresent } from '../../src/health/scorecard.js';

/** A period in which nothing was counted: the stored inputs only matter to the digest's sentences. */
export const NO_INPUTS: PeriodInputs = {
  checkins: { expected: 0, answered: 0, onTime: 0 },
  blockers: { raised: 0, episodes: 0, meanOpenDays: null },
  retros: { scheduled: 0, held: 0 },
  credits: { deliverables: 0, contributors: 0, confirmed: 0 },
  actions: { due: 0, doneOnTime: 0, completed: 0 },
  pulse: null,
  kudosReceived: [],
  usesKudos: false,
  sides: [],
  kudosFlows: [],
  creditFlows: [],
  gives: { asked: 0, confirmed: 0 },
  giveFlows: [],
  connections: null,
  escalations: null,
  responsiveness: null,
};

/**
 * Stores a published period for the channel as the digest would: the metrics given (the rest no
 * data), each pillar the mean of its metrics with data, the score 100 × the mean of the pillars.
 */
export async function storeHealthPeriod(
  q: Queryable,
  p: { teamId: string; channelId: string; start: string; end: string; metrics: Partial<Metrics> },
) {
  const metrics = Object.fromEntries(
    Object.values(PILLARS)
      .flat()
      .map((m) => [m, p.metrics[m] ?? null]),
  ) as Metrics;
  const pillars = Object.fromEntries(
    (Object.keys(PILLARS) as PillarId[]).map((pillar) => [
      pillar,
      meanOfPresent(PILLARS[pillar].map((m) => metrics[m])),
    ]),
  ) as Record<PillarId, number | null>;
  const mean = meanOfPresent(Object.values(pillars));
  const end = new Date(p.end);
  return storePeriod(
    q,
    p.teamId,
    p.channelId,
    {
      score: mean === null ? null : 100 * mean,
      pillars,
      metrics,
      inputs: NO_INPUTS,
      start: new Date(p.start),
      end,
    },
    end,
  );
}
