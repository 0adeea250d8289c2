import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { createDatabase } from '../../src/db/database.js';
import { enqueueMessages, type OutboxMessage } from '../../src/db/repos/outbox.js';
import { createBackground } from '../../src/slack/background.js';
import { createOutbox, type Outbox } from '../../src/slack/outbox.js';
import { BOT_TOKEN, FakeSlack } from '../helpers/fake-slack.js';
import { silentLogger } from '../helpers/logs.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** Every message here belongs to the one test workspace. */
const botTokenFor = async () => BOT_TOKEN;

/**
 * The outbox delivers as soon as a message is committed, with no poll: an in-process signal when
 * the transaction commits, and on a server Postgres's NOTIFY for what other processes commit.
 */
const TEAM = 'T0OUTBOX03';
const log = silentLogger();
let database: TestDatabase;
let slack: FakeSlack;
let outbox: Outbox;
const clock = new TestClock('2026-11-20T08:30:00Z');
const background = createBackground(log);

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start();
  const client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  outbox = createOutbox({ db: database.db, slack: client, botTokenFor, clock, log, background });
  outbox.listen();
});
afterAll(async () => {
  outbox.stop();
  await background.drain();
  await slack.stop();
  await database.close();
});
beforeEach(async () => {
  await background.drain();
  await database.truncate();
  slack.resetCalls();
});

const message = (key: string): OutboxMessage => ({
  teamId: TEAM,
  dedupeKey: key,
  channelId: `C0${key.toUpperCase()}`,
  view: 'reply',
  data: { text: `hello ${key}` },
});
const posted = (key: string) =>
  slack.callsTo('chat.postMessage').filter((c) => c.args.text === `hello ${key}`);

test('a message committed in a transaction reaches Slack without anyone calling deliver', async () => {
  await database.db.transaction((tx) => enqueueMessages(tx, [message('one')], clock.now()));
  await slack.waitFor(() => posted('one')[0], 2_000);
  await background.drain();
  expect(posted('one')).toHaveLength(1);
});

test('nothing is sent for a transaction that rolls back, and nothing before the commit', async () => {
  await expect(
    database.db.transaction(async (tx) => {
      await enqueueMessages(tx, [message('never')], clock.now());
      throw new Error('the save failed');
    }),
  ).rejects.toThrow('the save failed');
  await database.db.transaction(async (tx) => {
    await enqueueMessages(tx, [message('later')], clock.now());
    // Still inside the transaction: the outbox has not been woken, and could not see it anyway.
    await new Promise((r) => setTimeout(r, 100));
    expect(posted('later')).toHaveLength(0);
  });
  await slack.waitFor(() => posted('later')[0], 2_000);
  await background.drain();
  expect(posted('never')).toHaveLength(0);
});

test('on a server, a message another process commits wakes this one (LISTEN/NOTIFY)', async () => {
  if (database.engine !== 'server') return; // The embedded engine serves one process.
  const other = createDatabase({ url: database.url, log, engine: 'server' });
  try {
    await other.transaction((tx) => enqueueMessages(tx, [message('elsewhere')], clock.now()));
    await slack.waitFor(() => posted('elsewhere')[0], 2_000);
  } finally {
    await other.close();
  }
  await background.drain();
  expect(posted('elsewhere')).toHaveLength(1);
});
