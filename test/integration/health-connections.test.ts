import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { insertGroups, markMet, savePairMember, startRound } from '../../src/db/repos/pairs.js';
import { insertRitual } from '../../src/db/repos/rituals.js';
import { periodsInputs } from '../../src/health/period-inputs.js';
import { scorecardOf } from '../../src/health/scorecard.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * `connections` (docs/METRICS.md) as the scorecard's one statement counts it, through
 * health_period_connections (migrations/1766700000000), on hand-made pairs.
 */
const TEAM = 'T0RAPPORT1';
const CHANNEL = 'C0ALLIANCE';
const ELSEWHERE = 'C0ELSEWHERE';
const NORTH = 'T0NORTHWND';
const GLOBEX = 'T0GLOBEX01';
const [ANA, BEN, CY, DEE, EVE, FAY, GUS, HAL] = [
  'U0ANA00001',
  'U0BEN00002',
  'U0CY000003',
  'U0DEE00004',
  'U0EVE00005',
  'U0FAY00006',
  'U0GUS00007',
  'U0HAL00008',
];
/** The week to Monday 23 November 2026, UTC: 91 days before its end is 24 August. */
const END = new Date('2026-11-23T00:00:00Z');
/** The end of the third quarter: a period ending there counts that quarter's meetings. */
const Q3_END = new Date('2026-10-01T00:00:00Z');
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.execute('truncate rituals, pair_members, pair_rounds, pair_groups, alliance_sides cascade', []);
});

async function pairsRitual(channelId = CHANNEL): Promise<number> {
  const row = await insertRitual(t.db, {
    teamId: TEAM,
    channelId,
    kind: 'pairs',
    days: [1],
    time: '10:00',
    zone: 'UTC',
    questions: [],
    closeAfterMinutes: 10080,
    reminderBeforeCloseMinutes: null,
    createdBy: ANA,
    now: new Date('2026-07-01T00:00:00Z'),
  });
  return row.id;
}

/** A person's answer to the channel's pairs, saved when `at` says. */
async function answer(userId: string, userTeamId: string, joined: boolean, at: string, channelId = CHANNEL) {
  await savePairMember(t.db, {
    teamId: TEAM,
    channelId,
    userId,
    userTeamId,
    zone: 'UTC',
    joined,
    pausedUntil: null,
    now: new Date(at),
  });
}

/** A round of `groups`, each with when a member said "We met" (null: never). */
async function round(
  ritualId: number,
  roundDate: string,
  groups: [string[], string | null][],
  channelId = CHANNEL,
) {
  const key = { teamId: TEAM, ritualId, roundDate };
  await startRound(t.db, { ...key, channelId, now: new Date(`${roundDate}T10:00:00Z`) });
  await insertGroups(
    t.db,
    key,
    groups.map(([members]) => members),
  );
  for (const [n, [members, metAt]] of groups.entries()) {
    if (!metAt || !members[0]) continue;
    expect(await markMet(t.db, { ...key, groupNo: n + 1, userId: members[0], now: new Date(metAt) })).toBe(
      true,
    );
  }
}

const connectionsAt = async (ends: Date[], channelId = CHANNEL) =>
  (
    await periodsInputs(t.db, {
      teamId: TEAM,
      channelId,
      periods: ends.map((end) => ({ start: new Date(end.getTime() - WEEK_MS), end })),
    })
  ).map((inputs) => ({ connections: inputs.connections, metric: scorecardOf(inputs).metrics.connections }));

/**
 * Northwind: Ana, Ben. Globex: Cy, Dee, Eve, and Hal, who leaves after the week. Gus left before
 * its end and Fay joins after it: neither is counted. 2 × 4 = 8 possible pairs across sides.
 */
async function alliance() {
  const ritualId = await pairsRitual();
  for (const [user, team] of [
    [ANA, NORTH],
    [BEN, NORTH],
    [CY, GLOBEX],
    [DEE, GLOBEX],
    [EVE, GLOBEX],
    [GUS, NORTH],
    [HAL, GLOBEX],
  ] as const) {
    await answer(user, team, true, '2026-08-01T09:00:00Z');
  }
  await answer(GUS, NORTH, false, '2026-11-20T09:00:00Z');
  await answer(HAL, GLOBEX, false, '2026-11-25T09:00:00Z');
  await answer(FAY, NORTH, true, '2026-11-25T09:00:00Z');
  // A pause keeps them joined, and does not move when they joined.
  await savePairMember(t.db, {
    teamId: TEAM,
    channelId: CHANNEL,
    userId: EVE,
    userTeamId: GLOBEX,
    zone: 'UTC',
    joined: true,
    pausedUntil: '2026-12-01',
    now: new Date('2026-11-26T09:00:00Z'),
  });

  // Older than 91 days before the end: not counted then, but in the third quarter.
  await round(ritualId, '2026-08-10', [[[ANA, EVE], '2026-08-11T12:00:00Z']]);
  // Within the 91 days, in the third quarter.
  await round(ritualId, '2026-09-01', [[[BEN, CY], '2026-09-02T12:00:00Z']]);
  await round(ritualId, '2026-11-02', [
    [[ANA, CY], '2026-11-03T12:00:00Z'],
    // A group of three is its three pairs: Ben–Dee and Ben–Eve across sides, Dee–Eve not.
    [[BEN, DEE, EVE], '2026-11-04T12:00:00Z'],
  ]);
  await round(ritualId, '2026-11-09', [
    [[ANA, BEN], '2026-11-10T12:00:00Z'], // the same side
    [[CY, ANA], '2026-11-11T12:00:00Z'], // met again: one pair still
    [[DEE, ANA], '2026-11-23T10:00:00Z'], // after the period's end
    [[EVE, GUS], null], // never met
  ]);
  // Another channel's pairs are not this channel's.
  const other = await pairsRitual(ELSEWHERE);
  await answer(ANA, NORTH, true, '2026-08-01T09:00:00Z', ELSEWHERE);
  await answer(HAL, GLOBEX, true, '2026-08-01T09:00:00Z', ELSEWHERE);
  await round(other, '2026-11-02', [[[ANA, HAL], '2026-11-03T12:00:00Z']], ELSEWHERE);
}

describe('connections: the pairs across sides that met in the last 91 days', () => {
  test("each person's own workspace is their side; same-side pairs, old meetings and other channels are left out", async () => {
    await alliance();
    expect(await connectionsAt([END, Q3_END])).toEqual([
      {
        // Ana–Cy, Ben–Dee, Ben–Eve, Ben–Cy of 8; the quarter's meetings: 2 on 3–4 Nov, 2 on 10–11 Nov.
        connections: { pairsRitual: true, joined: 6, possible: 8, met: 4, meetings: 4 },
        metric: 0.5,
      },
      {
        // At the end of September Gus had not left: 3 × 4 pairs. Ana–Eve (11 Aug) and Ben–Cy met;
        // the third quarter's 2 meetings.
        connections: { pairsRitual: true, joined: 7, possible: 12, met: 2, meetings: 2 },
        metric: 2 / 12,
      },
    ]);
    expect(await connectionsAt([END], ELSEWHERE)).toEqual([
      { connections: { pairsRitual: true, joined: 2, possible: 1, met: 1, meetings: 1 }, metric: 1 },
    ]);
  });

  test('declared sides are the sides, and people in none are in no pair', async () => {
    await alliance();
    await t.db.execute(
      `insert into alliance_sides (team_id, channel_id, user_id, side, declared_by, declared_at)
       select $1, $2, u, s, $5, now() from unnest($3::text[], $4::text[]) as x(u, s)`,
      [TEAM, CHANNEL, [ANA, CY, BEN, DEE], ['Design', 'Design', 'Build', 'Build'], ANA],
    );
    // Design: Ana, Cy. Build: Ben, Dee. Across: Ben–Cy (2 Sep) and Ana–Ben (10 Nov) met.
    expect(await connectionsAt([END])).toEqual([
      { connections: { pairsRitual: true, joined: 6, possible: 4, met: 2, meetings: 4 }, metric: 0.5 },
    ]);
  });

  test('no data without a pairs ritual, or with everyone who joined on one side; a real 0 when no pair met', async () => {
    expect(await connectionsAt([END])).toEqual([
      { connections: { pairsRitual: false, joined: 0, possible: 0, met: 0, meetings: 0 }, metric: null },
    ]);

    const ritualId = await pairsRitual();
    await answer(ANA, NORTH, true, '2026-08-01T09:00:00Z');
    await answer(BEN, NORTH, true, '2026-08-01T09:00:00Z');
    await round(ritualId, '2026-11-09', [[[ANA, BEN], '2026-11-10T12:00:00Z']]);
    expect(await connectionsAt([END])).toEqual([
      { connections: { pairsRitual: true, joined: 2, possible: 0, met: 0, meetings: 1 }, metric: null },
    ]);

    await answer(CY, GLOBEX, true, '2026-11-01T09:00:00Z');
    expect(await connectionsAt([END])).toEqual([
      { connections: { pairsRitual: true, joined: 3, possible: 2, met: 0, meetings: 1 }, metric: 0 },
    ]);
  });
});
