import type { Queryable } from '../db/database.js';
import { type Period, type Periods, periodCounts } from '../db/repos/health.js';
import type { PeriodInputs } from './pillars.js';
import { waitsOf } from './responsiveness.js';

/** Everything the scorecard needs for one channel and one period, read from what the rituals recorded. */
export async function periodInputs(q: Queryable, period: Period): Promise<PeriodInputs> {
  const { teamId, channelId, start, end } = period;
  const [inputs] = await periodsInputs(q, { teamId, channelId, periods: [{ start, end }] });
  if (!inputs) throw new Error('no inputs for the period');
  return inputs;
}

/**
 * The same for several periods of one channel, in the order given, counted together: the week
 * before (or a trend) costs little more than one week.
 */
export async function periodsInputs(q: Queryable, periods: Periods): Promise<PeriodInputs[]> {
  const counts = await periodCounts(q, periods);
  if (counts.length !== periods.periods.length) {
    throw new Error(`counted ${counts.length} periods of ${periods.periods.length}`);
  }
  return counts.map((c, n) => {
    const period = periods.periods[n];
    const r = c.responsiveness;
    if (!r || !period) return { ...c, responsiveness: null };
    return { ...c, responsiveness: { targetMinutes: r.targetMinutes, waits: waitsOf(r.threads, period) } };
  });
}
