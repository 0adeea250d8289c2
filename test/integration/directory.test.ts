import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { createDirectory } from '../../src/people/directory.js';
import { BOT_TOKEN, FakeSlack, TEAM_ID } from '../helpers/fake-slack.js';
import { silentLogger } from '../helpers/logs.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

let database: TestDatabase;
let slack: FakeSlack;
const clock = new TestClock('2026-11-22T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start();
});
afterAll(async () => {
  await slack.stop();
  await database.close();
});
beforeEach(async () => {
  await database.truncate();
  slack.resetCalls();
  slack.addUser({ id: 'U0ANA', name: 'ana', tz: 'America/Sao_Paulo', team_id: 'T0PARTNER' });
});

const newDirectory = () =>
  createDirectory({
    db: database.db,
    slack: new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
    botTokenFor: async () => BOT_TOKEN,
    clock,
    log: silentLogger(),
  });

test('a person is fetched from Slack once, then served from memory and from Postgres', async () => {
  const directory = newDirectory();
  const lookups = await Promise.all(Array.from({ length: 5 }, () => directory.find(TEAM_ID, 'U0ANA')));
  expect(lookups[0]).toEqual({
    userId: 'U0ANA',
    homeTeamId: 'T0PARTNER',
    displayName: 'ana',
    isBot: false,
    isDeleted: false,
    isAdmin: false,
    // A partner's member: Slack shares no zone of theirs with this workspace (the stand-in's users.info).
    tz: null,
  });
  expect(slack.callsTo('users.info')).toHaveLength(1);

  // Another replica (a new directory) reads the stored profile without asking Slack.
  await newDirectory().find(TEAM_ID, 'U0ANA');
  expect(slack.callsTo('users.info')).toHaveLength(1);
});

test('a stored profile older than a day is refreshed; if Slack fails then, the old one is used', async () => {
  await newDirectory().find(TEAM_ID, 'U0ANA');
  clock.advance(2 * DAY);
  slack.addUser({ id: 'U0ANA', name: 'ana', tz: 'Europe/Lisbon' });
  expect((await newDirectory().find(TEAM_ID, 'U0ANA'))?.tz).toBe('Europe/Lisbon');
  expect(slack.callsTo('users.info')).toHaveLength(2);

  clock.advance(2 * DAY);
  slack.failNext('users.info', 'internal_error');
  expect((await newDirectory().find(TEAM_ID, 'U0ANA'))?.tz).toBe('Europe/Lisbon');
});

test('unknown people are undefined; Slack being down for someone never seen is an error', async () => {
  const directory = newDirectory();
  expect(await directory.find(TEAM_ID, 'U0NOBODY')).toBeUndefined();
  expect(await directory.isActiveHuman(TEAM_ID, 'U0NOBODY')).toBe(false);
  slack.failNext('users.info', 'ratelimited');
  await expect(directory.find(TEAM_ID, 'U0NEWCOMER')).rejects.toThrow(/could not look the person up/);
});

test('Slackbot, bots and deactivated people are not active humans', async () => {
  slack.addUser({ id: 'USLACKBOT', name: 'slackbot' });
  slack.addUser({ id: 'U0BOT', is_bot: true });
  slack.addUser({ id: 'U0GONE', deleted: true });
  const directory = newDirectory();
  for (const id of ['USLACKBOT', 'U0BOT', 'U0GONE'])
    expect(await directory.isActiveHuman(TEAM_ID, id)).toBe(false);
  expect(await directory.isActiveHuman(TEAM_ID, 'U0ANA')).toBe(true);
});
