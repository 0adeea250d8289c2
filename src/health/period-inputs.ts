import type { Queryable } from '../db/database.js';
import {
  actionCounts,
  blockerCounts,
  checkinCounts,
  creditCounts,
  type Period,
  type Periods,
  pulseMeans,
  recognition,
  retroCounts,
  sideFlows,
} from '../db/repos/health.js';
import type { PeriodInputs } from './scorecard.js';

/** Everything the scorecard needs for one channel and one period, read from what the rituals recorded. */
export async function periodInputs(q: Queryable, period: Period): Promise<PeriodInputs> {
  const { teamId, channelId, start, end } = period;
  const [inputs] = await periodsInputs(q, { teamId, channelId, periods: [{ start, end }] });
  if (!inputs) throw new Error('no inputs for the period');
  return inputs;
}

/**
 * The same for several periods of one channel, in the order given: each statement counts them all
 * at once, so the week before (or a trend) costs little more than one week.
 */
export async function periodsInputs(q: Queryable, periods: Periods): Promise<PeriodInputs[]> {
  const [checkins, blockers, retros, credits, actions, pulse, kudos, flows] = await Promise.all([
    checkinCounts(q, periods),
    blockerCounts(q, periods),
    retroCounts(q, periods),
    creditCounts(q, periods),
    actionCounts(q, periods),
    pulseMeans(q, periods),
    recognition(q, periods),
    sideFlows(q, periods),
  ]);
  return periods.periods.map((_, i) => ({
    checkins: at(checkins, i),
    blockers: at(blockers, i),
    retros: at(retros, i),
    credits: at(credits, i),
    actions: at(actions, i),
    pulse: at(pulse, i),
    ...at(kudos, i),
    ...at(flows, i),
  }));
}

function at<T>(values: T[], i: number): T {
  if (i >= values.length) throw new Error(`no value for period ${i + 1}`);
  return values[i] as T;
}
