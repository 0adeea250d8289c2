import { describe, expect, test } from '@jest/globals';
import { crossSideShare, gini, meanOfPresent, reciprocity, scorecardOf } from '../../src/health/scorecard.js';
import { NO_INPUTS } from '../helpers/health-periods.js';

/** A period in which nothing was recorded at all. */
const EMPTY = NO_INPUTS;

describe('Gini coefficient', () => {
  test.each([
    [[5, 5, 5, 5], 0],
    [[0, 0, 0, 8], 0.75], // one of four gets everything: (n − 1) / n
    [[1, 2, 3, 4], 0.25], // Σ|xi − xj| = 20 over ordered pairs; 20 / (2 · 16 · 2.5)
    [[0, 10], 0.5],
  ])('%j → %d', (amounts, expected) => {
    expect(gini(amounts)).toBeCloseTo(expected, 10);
  });

  test('no data for one person or when nobody received anything', () => {
    expect(gini([7])).toBeNull();
    expect(gini([0, 0, 0])).toBeNull();
    expect(gini([])).toBeNull();
  });
});

describe('reciprocity between sides', () => {
  test('min ÷ max of the two directions; 1 balanced, 0 one-way', () => {
    const flows = [
      { from: 'design', to: 'eng', count: 6 },
      { from: 'eng', to: 'design', count: 2 },
      { from: 'eng', to: 'eng', count: 40 },
    ];
    expect(reciprocity(['design', 'eng'], flows)).toBeCloseTo(1 / 3, 10);
    expect(reciprocity(['design', 'eng'], [{ from: 'design', to: 'eng', count: 3 }])).toBe(0);
  });

  test('three sides: the mean over the pairs with any flow', () => {
    const flows = [
      { from: 'a', to: 'b', count: 2 },
      { from: 'b', to: 'a', count: 2 }, // 1
      { from: 'a', to: 'c', count: 4 },
      { from: 'c', to: 'a', count: 1 }, // 0.25
    ];
    expect(reciprocity(['a', 'b', 'c'], flows)).toBeCloseTo((1 + 0.25) / 2, 10);
  });

  test('no data with one side, or with no flow between sides', () => {
    expect(reciprocity(['only'], [{ from: 'only', to: 'only', count: 9 }])).toBeNull();
    expect(reciprocity(['a', 'b'], [{ from: 'a', to: 'a', count: 9 }])).toBeNull();
  });

  test('cross-side share of kudos', () => {
    const flows = [
      { from: 'a', to: 'b', count: 3 },
      { from: 'a', to: 'a', count: 5 },
      { from: 'b', to: 'b', count: 2 },
    ];
    expect(crossSideShare(['a', 'b'], flows)).toBeCloseTo(0.3, 10);
    expect(crossSideShare(['a'], flows)).toBeNull();
    expect(crossSideShare(['a', 'b'], [])).toBeNull();
  });
});

describe('the scorecard', () => {
  test('with no data at all, every metric, pillar and the score say "no data", not zero', () => {
    const card = scorecardOf(EMPTY);
    expect(card.score).toBeNull();
    expect(Object.values(card.pillars)).toEqual([null, null, null]);
    expect(Object.values(card.metrics).every((v) => v === null)).toBe(true);
  });

  test('a hand-made week: each metric, each pillar and the score', () => {
    const card = scorecardOf({
      checkins: { expected: 20, answered: 15, onTime: 12 },
      blockers: { raised: 3, episodes: 2, meanOpenDays: 3.5 },
      retros: { scheduled: 1, held: 1 },
      credits: { deliverables: 2, contributors: 4, confirmed: 3 },
      actions: { due: 4, doneOnTime: 1, completed: 2 },
      pulse: [
        { statement: 'transparency', mean: 4 },
        { statement: 'reliability', mean: 3 },
      ],
      kudosReceived: [0, 0, 8, 0], // only one of four active members recognised
      usesKudos: true,
      sides: ['acme', 'globex'],
      kudosFlows: [
        { from: 'acme', to: 'globex', count: 6 },
        { from: 'globex', to: 'acme', count: 2 },
      ],
      creditFlows: [],
      gives: { asked: 4, confirmed: 3 },
      giveFlows: [
        { from: 'acme', to: 'globex', count: 2 },
        { from: 'globex', to: 'acme', count: 1 },
      ],
      connections: { pairsRitual: true, joined: 5, possible: 6, met: 3, meetings: 4 },
      escalations: { settled: 4, inTime: 3 },
      responsiveness: {
        targetMinutes: 240,
        waits: [
          { side: 'acme', minutes: [60, 480, null] }, // 1, 240 ÷ 480, unanswered 0
          { side: 'globex', minutes: [120] },
        ],
      },
    });
    expect(card.metrics).toEqual({
      participation: 0.75,
      on_time: 0.8,
      blocker_resolution: 0.5, // 1 − 3.5 / 7
      retros_held: 1,
      responsiveness: 0.75, // (0.5 + 1) ÷ 2: each side weighs the same
      escalations_resolved_in_time: 0.75, // 3 of 4 settled were resolved in time
      credits_confirmed: 0.75,
      actions_on_time: 0.25,
      value_confirmed: 0.75,
      value_reciprocity: 0.5,
      pulse: (0.75 + 0.5) / 2, // (4 − 1) / 4 and (3 − 1) / 4
      recognition_breadth: 0.25,
      recognition_fairness: 0.25, // 1 − Gini 0.75
      kudos_reciprocity: 2 / 6,
      credit_reciprocity: null,
      cross_side_kudos: 1,
      connections: 0.5, // 3 of 6 possible pairs across sides met
    });
    const collaboration = (0.75 + 0.8 + 0.5 + 1 + 0.75 + 0.75) / 6;
    const value = (0.75 + 0.25 + 0.75 + 0.5) / 4;
    const trust = (0.625 + 0.25 + 0.25 + 2 / 6 + 1 + 0.5) / 6;
    expect(card.pillars.collaboration).toBeCloseTo(collaboration, 10);
    expect(card.pillars.value).toBeCloseTo(value, 10);
    expect(card.pillars.trust).toBeCloseTo(trust, 10);
    expect(card.score).toBeCloseTo((100 * (collaboration + value + trust)) / 3, 10);
  });

  test('a pillar without data is left out of the score, not counted as zero', () => {
    const card = scorecardOf({ ...EMPTY, checkins: { expected: 10, answered: 10, onTime: 5 } });
    expect(card.pillars).toEqual({ collaboration: 0.75, value: null, trust: null });
    expect(card.score).toBeCloseTo(75, 10);
  });

  test('a channel that never used kudos has no recognition data; one that did scores a quiet week as zero', () => {
    expect(scorecardOf({ ...EMPTY, kudosReceived: [0, 0, 0] }).metrics.recognition_breadth).toBeNull();
    const quiet = scorecardOf({ ...EMPTY, kudosReceived: [0, 0, 0], usesKudos: true }).metrics;
    expect(quiet.recognition_breadth).toBe(0);
    // Nobody received anything: fairness has no data (equal shares of nothing say nothing).
    expect(quiet.recognition_fairness).toBeNull();
  });

  test('connections: no data without two sides in the pairs, so the pillar is the mean of the rest; a real 0 when none met', () => {
    const kudos = { ...EMPTY, sides: ['a', 'b'], kudosFlows: [{ from: 'a', to: 'b', count: 1 }] };
    const off = scorecardOf({
      ...kudos,
      connections: { pairsRitual: false, joined: 0, possible: 0, met: 0, meetings: 0 },
    });
    expect(off.metrics.connections).toBeNull();
    expect(off.pillars.trust).toBe(0.5); // kudos_reciprocity 0 (one way only), cross_side_kudos 1
    const oneSide = scorecardOf({
      ...kudos,
      connections: { pairsRitual: true, joined: 3, possible: 0, met: 0, meetings: 2 },
    });
    expect(oneSide.metrics.connections).toBeNull();
    const noneMet = scorecardOf({
      ...kudos,
      connections: { pairsRitual: true, joined: 4, possible: 4, met: 0, meetings: 0 },
    });
    expect(noneMet.metrics.connections).toBe(0);
    expect(noneMet.pillars.trust).toBeCloseTo((0 + 1 + 0) / 3, 10);
  });

  test('escalations resolved in time: no data when none settled, so the pillar is the mean of the rest; a real 0 when all were late', () => {
    const standup = { ...EMPTY, checkins: { expected: 2, answered: 2, onTime: 1 } };
    const none = scorecardOf({ ...standup, escalations: { settled: 0, inTime: 0 } });
    expect(none.metrics.escalations_resolved_in_time).toBeNull();
    expect(none.pillars.collaboration).toBe(0.75); // participation 1, on time 0.5
    const late = scorecardOf({ ...standup, escalations: { settled: 2, inTime: 0 } });
    expect(late.metrics.escalations_resolved_in_time).toBe(0);
    expect(late.pillars.collaboration).toBeCloseTo(1.5 / 3, 10);
    const stored = scorecardOf({ ...standup, escalations: null });
    expect(stored.metrics.escalations_resolved_in_time).toBeNull();
  });

  test('blockers open a week or longer score zero', () => {
    const card = scorecardOf({ ...EMPTY, blockers: { raised: 1, episodes: 1, meanOpenDays: 12 } });
    expect(card.metrics.blocker_resolution).toBe(0);
    expect(meanOfPresent([null, 0.5, null, 1])).toBe(0.75);
  });
});
