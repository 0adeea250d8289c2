import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { z } from 'zod';
import { insertGroups, savePairMember, startRound } from '../../src/db/repos/pairs.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * What a workspace recorded in a channel before it became shared joins the channel's record set
 * (adopt_shared_channel, src/slack/record-sets.ts): the coffee pairs (members, rounds and their
 * groups) and the escalations (with their history) too; another channel's stay where they were.
 */
const TEAM = 'T0RAPPORT1';
const CHANNEL = 'C0LATER001';
const OTHER = 'C0OTHER001';
const NOW = new Date('2026-12-01T10:00:00Z');

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function escalation(channelId: string): Promise<number> {
  const [row] = await t.db.query(
    `insert into escalations (team_id, channel_id, raised_by, private, issue, levels, level, state, raised_at,
                              level_due_at, submission_id)
     values ($1, $2, 'U0ANA00001', false, 'Release dates', '[{"level":1,"owners":["U0ANA00001"],"targetMinutes":60}]',
             1, 'open', $3, $3::timestamptz + interval '1 hour', $4)
     returning id`,
    [TEAM, channelId, NOW, `form-${channelId}`],
    z.object({ id: z.coerce.number() }),
  );
  const id = row?.id ?? 0;
  await t.db.execute(
    `insert into escalation_events (team_id, escalation_id, kind, level, at, by_user)
     values ($1, $2, 'raised', 1, $3, 'U0ANA00001')`,
    [TEAM, id, NOW],
  );
  return id;
}

const teamsOf = (table: string, where = '') =>
  t.db
    .query(
      `select distinct team_id from ${table} ${where} order by team_id`,
      [],
      z.object({ team_id: z.string() }),
    )
    .then((rows) => rows.map((r) => r.team_id));

test('a channel that becomes shared brings its pairs and its escalations, with their groups and history', async () => {
  for (const channelId of [CHANNEL, OTHER]) {
    await savePairMember(t.db, {
      teamId: TEAM,
      channelId,
      userId: 'U0ANA00001',
      userTeamId: TEAM,
      zone: 'Europe/Berlin',
      joined: true,
      pausedUntil: null,
      now: NOW,
    });
    const round = { teamId: TEAM, ritualId: channelId === CHANNEL ? 1 : 2, roundDate: '2026-11-30' };
    expect(await startRound(t.db, { ...round, channelId, now: NOW })).toBe(true);
    await insertGroups(t.db, round, [['U0ANA00001', 'U0BEN00002']]);
    await escalation(channelId);
  }

  await t.db.execute('select adopt_shared_channel($1, $2)', [TEAM, CHANNEL]);

  for (const table of ['pair_members', 'pair_rounds', 'escalations']) {
    expect([table, await teamsOf(table, `where channel_id = '${CHANNEL}'`)]).toEqual([table, [CHANNEL]]);
    expect([table, await teamsOf(table, `where channel_id = '${OTHER}'`)]).toEqual([table, [TEAM]]);
  }
  // What hangs on a round or an escalation follows it.
  expect(await teamsOf('pair_groups', 'where ritual_id = 1')).toEqual([CHANNEL]);
  expect(await teamsOf('pair_groups', 'where ritual_id = 2')).toEqual([TEAM]);
  expect((await teamsOf('escalation_events')).sort()).toEqual([CHANNEL, TEAM].sort());
});
