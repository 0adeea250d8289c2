import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { enqueueMessages } from '../../src/db/repos/scheduler.js';
import { deliverOutbox } from '../../src/scheduler/deliver-outbox.js';
import { BOT_TOKEN, FakeSlack } from '../helpers/fake-slack.js';
import { silentLogger } from '../helpers/logs.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const log = silentLogger();
const TEAM = 'T0OUTBOX01';
let database: TestDatabase;
let slack: FakeSlack;
let client: WebClient;
const clock = new TestClock('2026-11-20T08:30:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start();
  client = new WebClient(BOT_TOKEN, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
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

const deliver = () => deliverOutbox({ db: database.db, slack: client, clock, log });
const queue = (keys: string[], channel = (k: string) => `U0${k.toUpperCase()}`) =>
  enqueueMessages(
    database.db,
    keys.map((k) => ({ teamId: TEAM, dedupeKey: k, channelId: channel(k), payload: { text: `hello ${k}` } })),
    clock.now(),
  );
const rows = () =>
  database.db.query(
    'select dedupe_key, status, attempts, last_error, message_ts from outbox order by id',
    [],
    z.object({
      dedupe_key: z.string(),
      status: z.string(),
      attempts: z.number(),
      last_error: z.string().nullable(),
      message_ts: z.string().nullable(),
    }),
  );
const posts = () => slack.callsTo('chat.postMessage');

test('queued messages are posted once, tagged with their key, and marked sent', async () => {
  expect(await queue(['ana', 'ben'])).toBe(2);
  expect(await queue(['ana'])).toBe(0);
  expect(await deliver()).toEqual({ sent: 2, retried: 0, failed: 0 });
  expect(posts().map((c) => [c.args.channel, c.args.text, c.args.metadata])).toEqual([
    ['U0ANA', 'hello ana', { event_type: 'rapport_outbox', event_payload: { key: 'ana' } }],
    ['U0BEN', 'hello ben', { event_type: 'rapport_outbox', event_payload: { key: 'ben' } }],
  ]);
  expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent']);
  expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
});

test('a 429 is honoured with its Retry-After, and does not count as a failed attempt', async () => {
  await queue(['ana']);
  slack.rateLimitNext('chat.postMessage', 30);
  expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0 });
  expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 0, last_error: 'ratelimited' });
  clock.advance(29_000);
  expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
  clock.advance(1_000);
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
});

test('a transient error backs off; a permanent one fails the message without retrying', async () => {
  await queue(['ana', 'ben']);
  slack.failNext('chat.postMessage', 'service_unavailable', 'user_not_found');
  expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 1 });
  expect(await rows()).toEqual([
    expect.objectContaining({ dedupe_key: 'ana', status: 'pending', last_error: 'service_unavailable' }),
    expect.objectContaining({ dedupe_key: 'ben', status: 'failed', last_error: 'user_not_found' }),
  ]);
  clock.advance(5_000);
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
});

test('after an uncertain outcome the message is looked up, not posted twice', async () => {
  await queue(['ana']);
  slack.failNextAfterPosting('chat.postMessage', 500);
  expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0 });
  expect(posts()).toHaveLength(1);
  clock.advance(5_000);
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
  expect(posts()).toHaveLength(1);
  expect((await rows())[0]?.message_ts).toMatch(/^\d+\.\d+$/);
});

test('a delivery that died mid-send is retried after its lease, without posting twice', async () => {
  await queue(['ana']);
  // A first delivery claimed the message and posted it, then its process died before recording it.
  await database.db.execute(`update outbox set attempts = 1, next_attempt_at = $1 where dedupe_key = 'ana'`, [
    new Date(clock.now().getTime() + 120_000),
  ]);
  await client.chat.postMessage({
    channel: 'U0ANA',
    text: 'hello ana',
    metadata: { event_type: 'rapport_outbox', event_payload: { key: 'ana' } },
  });
  expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
  clock.advance(120_000);
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
  expect(posts()).toHaveLength(1);
});

test('one message per conversation per second; 500 prompts all go out, each once', async () => {
  await queue(['one', 'two'], () => 'C0CHANNEL');
  expect(await deliver()).toEqual({ sent: 1, retried: 1, failed: 0 });
  clock.advance(1_000);
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });

  await database.truncate();
  slack.resetCalls();
  await queue(Array.from({ length: 500 }, (_, i) => `p${i}`));
  let passes = 0;
  while ((await rows()).some((r) => r.status === 'pending') && passes < 20) {
    await deliver();
    passes += 1;
  }
  expect(posts()).toHaveLength(500);
  expect(new Set(posts().map((c) => c.args.channel)).size).toBe(500);
});
