import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { enqueueMessages, type OutboxMessage, replaceQueuedMessage } from '../../src/db/repos/outbox.js';
import { deliverOutbox } from '../../src/slack/outbox.js';
import { BOT_TOKEN, FakeSlack } from '../helpers/fake-slack.js';
import { silentLogger } from '../helpers/logs.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** Every message here belongs to the one test workspace. */
const botTokenFor = async () => BOT_TOKEN;

const log = silentLogger();
const TEAM = 'T0QUEUE001';
let database: TestDatabase;
let slack: FakeSlack;
let client: WebClient;
const clock = new TestClock('2026-11-20T08:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start();
  client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await slack.stop();
  await database.close();
});
beforeEach(async () => {
  await database.truncate();
  slack.resetCalls();
  clock.set('2026-11-20T08:00:00Z');
});

const deliver = () => deliverOutbox({ db: database.db, slack: client, botTokenFor, clock, log });
const reminder = (text: string, sendAt: string): OutboxMessage => ({
  teamId: TEAM,
  dedupeKey: 'review:42',
  channelId: 'U0OWNER',
  view: 'reply',
  data: { text },
  sendAt: new Date(sendAt),
});
const sent = () => slack.callsTo('chat.postMessage').map((c) => c.args.text);

test('a message queued for a later date waits for it, then goes once', async () => {
  await enqueueMessages(database.db, [reminder('Review the decision', '2026-11-23T08:00:00Z')], clock.now());
  await deliver();
  expect(sent()).toEqual([]);
  clock.set('2026-11-23T08:00:00Z');
  await deliver();
  await deliver();
  expect(sent()).toEqual(['Review the decision']);
});

test('a waiting message can be replaced or withdrawn; one already sent stays sent', async () => {
  await enqueueMessages(database.db, [reminder('First date', '2026-11-23T08:00:00Z')], clock.now());
  await replaceQueuedMessage(
    database.db,
    TEAM,
    'review:42',
    reminder('Moved date', '2026-11-25T08:00:00Z'),
    clock.now(),
  );
  clock.set('2026-11-24T08:00:00Z');
  await deliver();
  expect(sent()).toEqual([]);
  clock.set('2026-11-25T08:00:00Z');
  await deliver();
  expect(sent()).toEqual(['Moved date']);

  await replaceQueuedMessage(
    database.db,
    TEAM,
    'review:42',
    reminder('Again', '2026-11-26T08:00:00Z'),
    clock.now(),
  );
  clock.set('2026-11-26T08:00:00Z');
  await deliver();
  expect(sent()).toEqual(['Moved date']);

  await enqueueMessages(
    database.db,
    [{ ...reminder('Withdrawn', '2026-11-30T08:00:00Z'), dedupeKey: 'review:43' }],
    clock.now(),
  );
  await replaceQueuedMessage(database.db, TEAM, 'review:43', undefined, clock.now());
  clock.set('2026-12-01T08:00:00Z');
  await deliver();
  expect(sent()).toEqual(['Moved date']);
});
