/**
 * The alliance-health scorecard: each metric from the period's raw counts, scaled 0–1, the pillars
 * as the mean of their metrics that have data, and the score as 100 × the mean of the pillars that
 * have data. docs/METRICS.md defines every formula; this file computes exactly that.
 */

import {
  type Flow,
  type Metrics,
  type PeriodInputs,
  type PillarId,
  PILLARS,
  type Scorecard,
} from './pillars.js';
import { responsivenessScore } from './responsiveness.js';

/** A share, or no data when there is nothing to share out. */
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The mean of the values that have data; no data when none has. */
export function meanOfPresent(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/**
 * The Gini coefficient of non-negative amounts: Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² x̄); 0 when all are equal.
 * No data for fewer than two people or when nobody received anything.
 */
export function gini(amounts: readonly number[]): number | null {
  const n = amounts.length;
  const total = amounts.reduce((a, b) => a + b, 0);
  if (n < 2 || total === 0) return null;
  // Sorted, the double sum is Σᵢ (2i − n − 1) xᵢ for i = 1..n, in one pass.
  const sorted = [...amounts].sort((a, b) => a - b);
  const weighted = sorted.reduce((sum, x, i) => sum + (2 * (i + 1) - n - 1) * x, 0);
  return weighted / (n * total);
}

/**
 * Reciprocity between sides: for each pair of sides with any flow between them,
 * min(A→B, B→A) ÷ max(A→B, B→A); the mean over those pairs. 1 is balanced, 0 one-way.
 * No data with fewer than two sides or no flow between any two.
 */
export function reciprocity(sides: readonly string[], flows: readonly Flow[]): number | null {
  if (sides.length < 2) return null;
  const between = (a: string, b: string) =>
    flows.filter((f) => f.from === a && f.to === b).reduce((sum, f) => sum + f.count, 0);
  const pairs: number[] = [];
  sides.forEach((a, i) => {
    for (const b of sides.slice(i + 1)) {
      const ab = between(a, b);
      const ba = between(b, a);
      if (ab + ba > 0) pairs.push(Math.min(ab, ba) / Math.max(ab, ba));
    }
  });
  return meanOfPresent(pairs);
}

/** The share of kudos that crossed sides; no data with fewer than two sides or no kudos between known sides. */
export function crossSideShare(sides: readonly string[], flows: readonly Flow[]): number | null {
  if (sides.length < 2) return null;
  const total = flows.reduce((sum, f) => sum + f.count, 0);
  const cross = flows.filter((f) => f.from !== f.to).reduce((sum, f) => sum + f.count, 0);
  return ratio(cross, total);
}

/** Blockers open a week or more score 0; closed the same day, 1. */
export const BLOCKER_OPEN_DAYS_AT_ZERO = 7;

export function metricsOf(p: PeriodInputs): Metrics {
  const fairness = gini(p.kudosReceived);
  return {
    participation: ratio(p.checkins.answered, p.checkins.expected),
    on_time: ratio(p.checkins.onTime, p.checkins.answered),
    blocker_resolution:
      p.blockers.meanOpenDays === null
        ? null
        : 1 - Math.min(p.blockers.meanOpenDays, BLOCKER_OPEN_DAYS_AT_ZERO) / BLOCKER_OPEN_DAYS_AT_ZERO,
    retros_held: ratio(p.retros.held, p.retros.scheduled),
    responsiveness: responsivenessScore(p.responsiveness),
    escalations_resolved_in_time: p.escalations ? ratio(p.escalations.inTime, p.escalations.settled) : null,
    credits_confirmed: ratio(p.credits.confirmed, p.credits.contributors),
    actions_on_time: ratio(p.actions.doneOnTime, p.actions.due),
    value_confirmed: ratio(p.gives.confirmed, p.gives.asked),
    value_reciprocity: reciprocity(p.sides, p.giveFlows),
    pulse: p.pulse && p.pulse.length > 0 ? meanOfPresent(p.pulse.map((s) => (s.mean - 1) / 4)) : null,
    recognition_breadth:
      p.usesKudos && p.kudosReceived.length > 0
        ? p.kudosReceived.filter((n) => n > 0).length / p.kudosReceived.length
        : null,
    recognition_fairness: p.usesKudos && fairness !== null ? 1 - fairness : null,
    kudos_reciprocity: reciprocity(p.sides, p.kudosFlows),
    credit_reciprocity: reciprocity(p.sides, p.creditFlows),
    cross_side_kudos: crossSideShare(p.sides, p.kudosFlows),
    connections: p.connections ? ratio(p.connections.met, p.connections.possible) : null,
  };
}

export function scorecardOf(p: PeriodInputs): Scorecard {
  const metrics = metricsOf(p);
  const pillars = Object.fromEntries(
    (Object.keys(PILLARS) as PillarId[]).map((pillar) => [
      pillar,
      meanOfPresent(PILLARS[pillar].map((m) => metrics[m])),
    ]),
  ) as Record<PillarId, number | null>;
  const mean = meanOfPresent(Object.values(pillars));
  return { score: mean === null ? null : 100 * mean, pillars, metrics };
}
