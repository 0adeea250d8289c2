import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import {
  escalateDue,
  insertEscalation,
  type RaisedLevel,
  resolveEscalation,
} from '../../src/db/repos/escalations.js';
import { periodsInputs } from '../../src/health/period-inputs.js';
import { scorecardOf } from '../../src/health/scorecard.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * `escalations_resolved_in_time` (docs/METRICS.md) as the scorecard's one statement counts it,
 * through health_period_escalations (migrations/1767100000000), on hand-made escalations raised,
 * moved and resolved by the repository's own statements.
 */
const TEAM = 'T0RAPPORT1';
const CHANNEL = 'C0ALLIANCE';
const ELSEWHERE = 'C0ELSEWHERE';
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
/** The week to Monday 23 November 2026, UTC. */
const END = new Date('2026-11-23T00:00:00Z');
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
const at = (ms: number) => new Date(END.getTime() + ms);

/** Level 1 within 4 hours, level 2 within 24. */
const TWO_LEVELS: RaisedLevel[] = [
  { level: 1, owners: [ANA], targetMinutes: 240 },
  { level: 2, owners: [BEN], targetMinutes: 1440 },
];
const ONE_LEVEL = (targetMinutes: number): RaisedLevel[] => [{ level: 1, owners: [ANA], targetMinutes }];

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.execute('truncate escalations cascade', []);
});

let submissions = 0;
async function raise(
  now: Date,
  levels: RaisedLevel[],
  options: { channelId?: string; private?: boolean } = {},
) {
  submissions += 1;
  const row = await insertEscalation(t.db, {
    teamId: TEAM,
    channelId: options.channelId ?? CHANNEL,
    sourceTs: null,
    threadTs: null,
    raisedBy: ANA,
    private: options.private ?? false,
    issue: `Issue ${submissions}`,
    needsA: null,
    needsB: null,
    options: null,
    criteria: null,
    levels,
    submissionId: `submission-${submissions}`,
    now,
  });
  if (!row) throw new Error('not raised');
  return row.id;
}

async function resolve(id: number, now: Date) {
  const row = await resolveEscalation(t.db, {
    teamId: TEAM,
    id,
    by: BEN,
    agreed: 'Ship a beta',
    reason: 'Least risk',
    decisionId: null,
    now,
  });
  expect(row?.state).toBe('resolved');
}

const escalationsOver = async (ends: Date[], channelId = CHANNEL) =>
  (
    await periodsInputs(t.db, {
      teamId: TEAM,
      channelId,
      periods: ends.map((end) => ({ start: new Date(end.getTime() - WEEK_MS), end })),
    })
  ).map((inputs) => ({
    escalations: inputs.escalations,
    metric: scorecardOf(inputs).metrics.escalations_resolved_in_time,
  }));

describe('escalations resolved in time', () => {
  test('each escalation counts once, in the period it settles in, by the target of the level it was at', async () => {
    const monday = -6 * DAY_MS; // Tuesday 17 November, 00:00
    // The week before: resolved within its level's target.
    const before = await raise(at(-9 * DAY_MS), TWO_LEVELS);
    await resolve(before, at(-9 * DAY_MS + HOUR_MS));
    // In time: resolved an hour in, within level 1's 4 hours.
    const inTime = await raise(at(monday), TWO_LEVELS);
    // Moved up a level, then resolved within level 2's target: in time. Private: counted all the same.
    const moved = await raise(at(monday), TWO_LEVELS, { private: true });
    // Another channel's, resolved in time: not counted here.
    const elsewhere = await raise(at(monday), TWO_LEVELS, { channelId: ELSEWHERE });
    await resolve(inTime, at(monday + HOUR_MS));
    await resolve(elsewhere, at(monday + HOUR_MS));
    // Late: resolved 5 hours in, past level 1's 4 (before the scheduler moved it on).
    const late = await raise(at(monday + 2 * HOUR_MS), TWO_LEVELS);
    expect((await escalateDue(t.db, at(monday + 4 * HOUR_MS), 100)).map((e) => [e.id, e.level])).toEqual([
      [moved, 2],
    ]);
    await resolve(late, at(monday + 7 * HOUR_MS));
    await resolve(moved, at(monday + 10 * HOUR_MS));
    // Open past its last (and only) level's hour: not in time from then; resolved after the week, it
    // counts no more in the next one.
    const pastLast = await raise(at(-5 * DAY_MS), ONE_LEVEL(60));
    // Raised an hour before the week's end, within its 4 hours: not counted yet; the next week, its
    // last target passed, it counts there, not in time.
    await raise(at(-HOUR_MS), ONE_LEVEL(240));
    await resolve(pastLast, at(DAY_MS));

    const [previous, week, next] = await escalationsOver([at(-WEEK_MS), END, at(WEEK_MS)]);
    expect(previous).toEqual({ escalations: { settled: 1, inTime: 1 }, metric: 1 });
    // In time, moved and in time, late, past the last target: 2 of 4.
    expect(week).toEqual({ escalations: { settled: 4, inTime: 2 }, metric: 0.5 });
    expect(next).toEqual({ escalations: { settled: 1, inTime: 0 }, metric: 0 });
    // The other channel has its own.
    const [there] = await escalationsOver([END], ELSEWHERE);
    expect(there).toEqual({ escalations: { settled: 1, inTime: 1 }, metric: 1 });
  });

  test('no escalation settled: no data, never a zero; one open within its target, or at a level before its last, is not counted yet', async () => {
    expect(await escalationsOver([END])).toEqual([{ escalations: { settled: 0, inTime: 0 }, metric: null }]);
    // Past level 1's target, not yet moved on by the scheduler: it will move, not settle.
    await raise(at(-DAY_MS), TWO_LEVELS);
    // Within its only level's target.
    await raise(at(-HOUR_MS), ONE_LEVEL(240));
    expect(await escalationsOver([END])).toEqual([{ escalations: { settled: 0, inTime: 0 }, metric: null }]);
  });
});
