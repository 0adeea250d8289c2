import type { Queryable } from '../db/database.js';
import {
  actionCounts,
  blockerCounts,
  checkinCounts,
  creditCounts,
  type Period,
  pulseMeans,
  recognition,
  retroCounts,
  sideFlows,
} from '../db/repos/health.js';
import type { PeriodInputs } from './scorecard.js';

/** Everything the scorecard needs for one channel and one period, read from what the rituals recorded. */
export async function periodInputs(q: Queryable, period: Period): Promise<PeriodInputs> {
  const [checkins, blockers, retros, credits, actions, pulse, kudos, flows] = await Promise.all([
    checkinCounts(q, period),
    blockerCounts(q, period),
    retroCounts(q, period),
    creditCounts(q, period),
    actionCounts(q, period),
    pulseMeans(q, period),
    recognition(q, period),
    sideFlows(q, period),
  ]);
  return { checkins, blockers, retros, credits, actions, pulse, ...kudos, ...flows };
}
