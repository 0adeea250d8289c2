import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { enqueueMessages } from '../../src/db/repos/outbox.js';
import { type ConversationPacing, deliverOutbox, type OutboxSlack } from '../../src/slack/outbox.js';
import { BOT_TOKEN, FakeSlack } from '../helpers/fake-slack.js';
import { silentLogger } from '../helpers/logs.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** Every message here belongs to the one test workspace. */
const botTokenFor = async () => BOT_TOKEN;

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

const deliver = (through: OutboxSlack = client) =>
  deliverOutbox({ db: database.db, slack: through, botTokenFor, clock, log });
const queue = (keys: string[], channel = (k: string) => `U0${k.toUpperCase()}`) =>
  enqueueMessages(
    database.db,
    keys.map((k) => ({
      teamId: TEAM,
      dedupeKey: k,
      channelId: channel(k),
      view: 'reply',
      data: { text: `hello ${k}` },
    })),
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
  expect(await queue(['ana', 'ben'])).toEqual(new Set(['ana', 'ben']));
  expect(await queue(['ana'])).toEqual(new Set());
  expect(await deliver()).toEqual({ sent: 2, retried: 0, failed: 0 });
  // Sent side by side, so they may reach Slack in either order.
  expect(
    posts()
      .map((c) => [c.args.channel, c.args.text, c.args.metadata])
      .sort(),
  ).toEqual([
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

test('a reply in the thread of a message it did not post: sent with its thread_ts, and after an uncertain outcome looked up in that thread', async () => {
  const parent = await client.chat.postMessage({ channel: 'C0ROOM', text: 'the message someone escalated' });
  const threadTs = String(parent.ts);
  await enqueueMessages(
    database.db,
    [
      {
        teamId: TEAM,
        dedupeKey: 'summary',
        channelId: 'C0ROOM',
        threadTs,
        view: 'reply',
        data: { text: 'in the thread' },
      },
    ],
    clock.now(),
  );
  slack.failNextAfterPosting('chat.postMessage', 500);
  expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0 });
  clock.advance(5_000);
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
  // Posted once, in the thread; the retry looked in that thread, not the channel's history.
  expect(posts().map((c) => [c.args.channel, c.args.thread_ts, c.args.text])).toEqual([
    ['C0ROOM', undefined, 'the message someone escalated'],
    ['C0ROOM', threadTs, 'in the thread'],
  ]);
  expect(slack.callsTo('conversations.replies').map((c) => c.args.ts)).toEqual([threadTs]);
  expect(slack.callsTo('conversations.history')).toHaveLength(0);
  const reply = slack.conversations.get('C0ROOM')?.find((m) => m.text === 'in the thread');
  expect(reply?.thread_ts).toBe(threadTs);
  expect((await rows())[0]).toMatchObject({ status: 'sent', message_ts: reply?.ts });
  expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
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

test('a conversation gets a burst of three, then one message a second; 500 prompts all go out, each once', async () => {
  await queue(['one', 'two', 'three', 'four', 'five'], () => 'C0CHANNEL');
  expect(await deliver()).toEqual({ sent: 3, retried: 2, failed: 0 });
  expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
  clock.advance(1_000);
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
  clock.advance(1_000);
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
  expect(posts().map((c) => c.args.text)).toEqual(
    ['one', 'two', 'three', 'four', 'five'].map((k) => `hello ${k}`),
  );

  await database.truncate();
  slack.resetCalls();
  await queue(Array.from({ length: 500 }, (_, i) => `p${i}`));
  // Batches of 100 come back full, so one pass takes the next until all are out.
  expect(await deliver()).toEqual({ sent: 500, retried: 0, failed: 0 });
  expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
  expect(posts()).toHaveLength(500);
  expect(new Set(posts().map((c) => c.args.channel)).size).toBe(500);
});

test('conversations are served side by side, each paced on its own, each message once', async () => {
  const channels = Array.from({ length: 20 }, (_, i) => `C0TEAM${String(i).padStart(2, '0')}`);
  await queue(
    channels.flatMap((c) => [`${c}-1`, `${c}-2`, `${c}-3`, `${c}-4`]),
    (key) => key.split('-')[0] ?? '',
  );
  slack.slowDown(50);
  const counted = countingCallsInFlight(client);

  expect(await deliver(counted.slack)).toEqual({ sent: 60, retried: 20, failed: 0 });
  expect(counted.most).toBeGreaterThan(1);
  expect(counted.most).toBeLessThanOrEqual(16);
  // The fourth message of each conversation is not ready until a second after the burst.
  expect(await deliver(counted.slack)).toEqual({ sent: 0, retried: 0, failed: 0 });
  clock.advance(1_000);
  expect(await deliver(counted.slack)).toEqual({ sent: 20, retried: 0, failed: 0 });

  expect(posts()).toHaveLength(80);
  for (const channel of channels) {
    const texts = posts()
      .filter((c) => c.args.channel === channel)
      .map((c) => c.args.text);
    expect(texts).toEqual([1, 2, 3, 4].map((n) => `hello ${channel}-${n}`));
  }
  expect((await rows()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
});

test('a conversation that used its burst in one pass waits its turn in the next', async () => {
  const pacing: ConversationPacing = new Map();
  const pass = () => deliverOutbox({ db: database.db, slack: client, botTokenFor, clock, log, pacing });
  await queue(['one', 'two', 'three'], () => 'C0CHANNEL');
  expect(await pass()).toEqual({ sent: 3, retried: 0, failed: 0 });
  clock.advance(400);
  await queue(['four'], () => 'C0CHANNEL');
  expect(await pass()).toEqual({ sent: 0, retried: 1, failed: 0 });
  expect(posts()).toHaveLength(3);
  clock.advance(599);
  expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 0 });
  clock.advance(1);
  expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });
  expect(posts().map((c) => c.args.text)).toEqual(['one', 'two', 'three', 'four'].map((k) => `hello ${k}`));
});

test('a queued edit is sent with chat.update to its message, once, and recorded as sent', async () => {
  const header = await client.chat.postMessage({ channel: 'C0STANDUP', text: 'stand-up, Friday' });
  await enqueueMessages(
    database.db,
    [
      {
        teamId: TEAM,
        dedupeKey: 'close',
        channelId: 'C0STANDUP',
        view: 'reply',
        data: { text: 'stand-up, Friday: 4 answered' },
        updateTs: header.ts,
      },
    ],
    clock.now(),
  );
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
  expect(slack.callsTo('chat.update').map((c) => [c.args.channel, c.args.ts, c.args.text])).toEqual([
    ['C0STANDUP', header.ts, 'stand-up, Friday: 4 answered'],
  ]);
  expect(posts()).toHaveLength(1); // the header itself; the edit posted nothing new
  expect(slack.conversations.get('C0STANDUP')?.map((m) => m.text)).toEqual(['stand-up, Friday: 4 answered']);
  expect(await rows()).toEqual([expect.objectContaining({ status: 'sent', message_ts: header.ts })]);
  expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
});

test('an edit whose outcome was uncertain is sent again without a look-up; a missing message fails it', async () => {
  const header = await client.chat.postMessage({ channel: 'C0STANDUP', text: 'stand-up, Friday' });
  const edit = (dedupeKey: string, updateTs: string | undefined) => ({
    teamId: TEAM,
    dedupeKey,
    channelId: 'C0STANDUP',
    view: 'reply',
    data: { text: `summary ${dedupeKey}` },
    updateTs,
  });
  await enqueueMessages(database.db, [edit('close', header.ts)], clock.now());
  slack.failNextAfterPosting('chat.update', 500);
  expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0 });
  clock.advance(5_000);
  expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
  // Editing twice changes nothing, so no history is read to find out whether the first got through.
  expect(slack.callsTo('conversations.history')).toHaveLength(0);
  expect(slack.callsTo('chat.update')).toHaveLength(2);

  await enqueueMessages(database.db, [edit('gone', '1700000000.999999')], clock.now());
  expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 1 });
  expect(await rows()).toEqual([
    expect.objectContaining({ dedupe_key: 'close', status: 'sent', message_ts: header.ts }),
    expect.objectContaining({ dedupe_key: 'gone', status: 'failed', last_error: 'message_not_found' }),
  ]);
  expect(posts()).toHaveLength(1);
});

/** The outbox's client, counting its chat.postMessage calls under way at once. */
function countingCallsInFlight(inner: WebClient) {
  const counted = { now: 0, most: 0, slack: inner as OutboxSlack };
  const postMessage = (async (args: Parameters<WebClient['chat']['postMessage']>[0]) => {
    counted.now += 1;
    counted.most = Math.max(counted.most, counted.now);
    try {
      return await inner.chat.postMessage(args);
    } finally {
      counted.now -= 1;
    }
  }) as WebClient['chat']['postMessage'];
  counted.slack = {
    chat: { ...inner.chat, postMessage },
    conversations: inner.conversations,
    files: inner.files,
  };
  return counted;
}
