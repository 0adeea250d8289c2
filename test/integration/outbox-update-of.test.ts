import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { enqueueMessages, type OutboxMessage } from '../../src/db/repos/outbox.js';
import { deliverOutbox } from '../../src/slack/outbox.js';
import { BOT_TOKEN, FakeSlack } from '../helpers/fake-slack.js';
import { silentLogger } from '../helpers/logs.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** Every message here belongs to the one test workspace. */
const botTokenFor = async () => BOT_TOKEN;

/** An outbox entry that edits the message another entry posts, whose ts is not known when it is queued. */

const TEAM = 'T0OUTBOX02';
let database: TestDatabase;
let slack: FakeSlack;
let client: WebClient;
const clock = new TestClock('2026-11-20T08:30:00Z');

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
  clock.set('2026-11-20T08:30:00Z');
});

const deliver = () =>
  deliverOutbox({ db: database.db, slack: client, botTokenFor, clock, log: silentLogger() });
const queue = (...messages: Omit<OutboxMessage, 'teamId'>[]) =>
  enqueueMessages(
    database.db,
    messages.map((m) => ({ ...m, teamId: TEAM })),
    clock.now(),
  );
const statuses = () =>
  database.db.query(
    'select dedupe_key, status, last_error from outbox order by id',
    [],
    z.object({ dedupe_key: z.string(), status: z.string(), last_error: z.string().nullable() }),
  );
/** The next pass, a second later: a conversation gets one message a second. */
const nextPass = () => {
  clock.advance(1_000);
  return deliver();
};

test('an edit queued before its post waits for it, then edits the message it posted', async () => {
  await queue(
    { dedupeKey: 'post', channelId: 'C0ROOM', view: 'reply', data: { text: 'first' } },
    { dedupeKey: 'post:r2', channelId: 'C0ROOM', updateOf: 'post', view: 'reply', data: { text: 'second' } },
  );
  // The pass takes another batch once the post is sent, and the edit is ready then.
  expect(await deliver()).toEqual({ sent: 2, retried: 0, failed: 0 });
  expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update']);
  const [posted] = slack.callsTo('chat.postMessage');
  const ts = slack.conversations.get('C0ROOM')?.[0]?.ts;
  expect(posted?.args.text).toBe('first');
  expect(slack.callsTo('chat.update').map((c) => c.args)).toEqual([
    expect.objectContaining({ channel: 'C0ROOM', ts, text: 'second' }),
  ]);
  expect(slack.conversations.get('C0ROOM')).toEqual([expect.objectContaining({ ts, text: 'second' })]);
});

test('while its post is being retried, the edit waits too', async () => {
  slack.failNext('chat.postMessage', 'internal_error');
  await queue(
    { dedupeKey: 'post', channelId: 'C0ROOM', view: 'reply', data: { text: 'first' } },
    { dedupeKey: 'post:r2', channelId: 'C0ROOM', updateOf: 'post', view: 'reply', data: { text: 'second' } },
  );
  expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0 });
  expect(slack.callsTo('chat.update')).toHaveLength(0);
  clock.advance(60_000);
  expect(await deliver()).toEqual({ sent: 2, retried: 0, failed: 0 });
  expect(slack.conversations.get('C0ROOM')?.map((m) => m.text)).toEqual(['second']);
});

test('a DM posted to a user id is edited in the DM conversation Slack opens for it', async () => {
  await queue({ dedupeKey: 'dm', channelId: 'U0ANA', view: 'reply', data: { text: 'asked' } });
  await deliver();
  await queue({
    dedupeKey: 'dm:r2',
    channelId: 'U0ANA',
    updateOf: 'dm',
    view: 'reply',
    data: { text: 'answered' },
  });
  await nextPass();
  expect(slack.callsTo('conversations.open').map((c) => c.args.users)).toEqual(['U0ANA']);
  expect(slack.callsTo('chat.update')[0]?.args).toMatchObject({ channel: 'DU0ANA', text: 'answered' });
  expect(slack.conversations.get('DU0ANA')?.map((m) => m.text)).toEqual(['answered']);
});

test('an edit of a message that was never posted fails without posting anything', async () => {
  slack.channelsWithoutBot.add('C0PRIVATE');
  await queue(
    { dedupeKey: 'post', channelId: 'C0PRIVATE', view: 'reply', data: { text: 'first' } },
    {
      dedupeKey: 'post:r2',
      channelId: 'C0PRIVATE',
      updateOf: 'post',
      view: 'reply',
      data: { text: 'second' },
    },
    {
      dedupeKey: 'orphan:r2',
      channelId: 'C0OTHER',
      updateOf: 'orphan',
      view: 'reply',
      data: { text: 'nothing' },
    },
  );
  await deliver();
  await nextPass();
  expect(await statuses()).toEqual([
    { dedupe_key: 'post', status: 'failed', last_error: 'not_in_channel' },
    { dedupe_key: 'post:r2', status: 'failed', last_error: 'nothing_to_update' },
    { dedupe_key: 'orphan:r2', status: 'failed', last_error: 'nothing_to_update' },
  ]);
  expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  expect(slack.callsTo('chat.update')).toHaveLength(0);
});
