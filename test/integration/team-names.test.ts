import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { createDirectory } from '../../src/people/directory.js';
import { createTeamNames } from '../../src/people/team-names.js';
import { BOT_TOKEN, FakeSlack, TEAM_ID } from '../helpers/fake-slack.js';
import { silentLogger } from '../helpers/logs.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

let database: TestDatabase;
let slack: FakeSlack;
const clock = new TestClock('2026-11-22T09:00:00Z');
const HOUR = 60 * 60 * 1000;
const GLOBEX = 'T0GLOBEX01';
const INITECH = 'T0INITECH1';

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start();
  slack.teams.set(GLOBEX, 'Globex');
});
afterAll(async () => {
  await slack.stop();
  await database.close();
});
beforeEach(async () => {
  await database.truncate();
  slack.resetCalls();
});

const client = () => new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
const deps = () => ({
  db: database.db,
  slack: client(),
  botTokenFor: async () => BOT_TOKEN,
  clock,
  log: silentLogger(),
});
const names = () =>
  database.db.query(
    'select team_id, named_team_id, name from team_names order by named_team_id',
    [],
    z.object({ team_id: z.string(), named_team_id: z.string(), name: z.string().nullable() }),
  );

/** People of three workspaces, as the directory stores them from users.info. */
async function peopleFromThreeWorkspaces() {
  slack.addUser({ id: 'U0ANA', name: 'ana', tz: 'Europe/Berlin' });
  slack.addUser({ id: 'W0GUS', name: 'gus', team_id: GLOBEX });
  slack.addUser({ id: 'W0IDA', name: 'ida', team_id: INITECH });
  const directory = createDirectory(deps());
  for (const id of ['U0ANA', 'W0GUS', 'W0IDA']) await directory.find(TEAM_ID, id);
}

test('the hourly pass names every workspace its people come from, once a day', async () => {
  await peopleFromThreeWorkspaces();
  const teamNames = createTeamNames(deps());
  await teamNames.refreshAll();
  // Initech shares no channel with this workspace: team.info will not show it.
  expect(await names()).toEqual([
    { team_id: TEAM_ID, named_team_id: GLOBEX, name: 'Globex' },
    { team_id: TEAM_ID, named_team_id: INITECH, name: null },
    { team_id: TEAM_ID, named_team_id: TEAM_ID, name: 'Rapport Playground' },
  ]);
  expect(slack.callsTo('team.info').map((c) => c.args.team ?? '')).toEqual([GLOBEX, INITECH, '']);

  clock.advance(HOUR);
  await teamNames.refreshAll();
  expect(slack.callsTo('team.info')).toHaveLength(3);
  clock.advance(24 * HOUR);
  await teamNames.refreshAll();
  expect(slack.callsTo('team.info')).toHaveLength(6);
});

test('when Slack cannot be reached nothing is kept, so the next pass asks again', async () => {
  await peopleFromThreeWorkspaces();
  slack.failNextAfterPosting('team.info', 503);
  const teamNames = createTeamNames(deps());
  await teamNames.refresh(TEAM_ID);
  expect((await names()).map((n) => n.named_team_id)).toEqual([INITECH, TEAM_ID]);
  await teamNames.refresh(TEAM_ID);
  expect((await names()).map((n) => [n.named_team_id, n.name])).toEqual([
    [GLOBEX, 'Globex'],
    [INITECH, null],
    [TEAM_ID, 'Rapport Playground'],
  ]);
});
