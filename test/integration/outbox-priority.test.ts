import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { GivenKudos } from '../../src/db/repos/kudos.js';
import { enqueueMessages, type OutboxMessage } from '../../src/db/repos/outbox.js';
import { kudosView } from '../../src/kudos/kudos-views.js';
import { type ConversationPacing, deliverOutbox } from '../../src/slack/outbox.js';
import { BOT_TOKEN, FakeSlack } from '../helpers/fake-slack.js';
import { silentLogger } from '../helpers/logs.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const botTokenFor = async () => BOT_TOKEN;
const log = silentLogger();
const TEAM = 'T0PRIORITY';
const BEN = 'U0BEN00002';
const START = '2026-11-20T08:00:00.000Z';
/** Slack's pacing of chat.postMessage in one conversation: about one a second (outbox.ts). */
const SLACK_GAP_MS = 1_000;

let database: TestDatabase;
let slack: FakeSlack;
let client: WebClient;
const clock = new TestClock(START);

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
  clock.set(START);
});

/** One replica's outbox: its own pacing of conversations, as a process keeps it across passes. */
const replica = () => {
  const pacing: ConversationPacing = new Map();
  return () => deliverOutbox({ db: database.db, slack: client, botTokenFor, clock, log, pacing });
};

let kudosId = 0;
const kudosDm = (giver: string, reason: string): OutboxMessage => {
  kudosId += 1;
  const kudos: GivenKudos = {
    id: kudosId,
    team_id: TEAM,
    giver_id: giver,
    receiver_id: BEN,
    channel_id: 'C0LAUNCH01',
    source: 'command',
    reason,
    emoji: null,
    message_ts: null,
  };
  return {
    teamId: TEAM,
    dedupeKey: `kudos-dm:${kudosId}`,
    channelId: BEN,
    ...kudosView('kudos.dm', { kudos }),
    mergeAs: 'kudos.dms',
  };
};
const note = (key: string, text: string, asks = false): OutboxMessage => ({
  teamId: TEAM,
  dedupeKey: key,
  channelId: BEN,
  view: 'reply',
  data: { text, blocks: [] },
  asks,
});

const postsToBen = () => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === BEN);
const textOf = (call: { args: Record<string, unknown> }) => String(call.args.text);

/** Moves the clock on in steps, delivering at each, until `done`; the clock's time then (ms since START). */
async function deliverUntil(deliver: () => Promise<unknown>, done: () => boolean, limitMs = 200_000) {
  for (let waited = 0; waited <= limitMs; waited += 100) {
    await deliver();
    if (done()) return clock.now().getTime() - Date.parse(START);
    clock.advance(100);
  }
  throw new Error('never delivered');
}

/** Delivers every 100 ms of the clock for `ms`, as the outbox's poll would. */
async function deliverFor(deliver: () => Promise<unknown>, ms: number) {
  for (let waited = 0; waited <= ms; waited += 100) {
    await deliver();
    clock.advance(100);
  }
}

const outboxRows = () =>
  database.db.query(
    `select dedupe_key, status, message_ts from outbox where team_id = $1 order by id`,
    [TEAM],
    z.object({ dedupe_key: z.string(), status: z.string(), message_ts: z.string().nullable() }),
  );

test('a prompt queued behind 100 notifications to the same person goes at the next free slot, not after them', async () => {
  const deliver = replica();
  await enqueueMessages(
    database.db,
    Array.from({ length: 100 }, (_, i) => note(`notice:${i}`, `Notice ${i}`)),
    clock.now(),
  );
  await deliver();
  clock.advance(100);
  await enqueueMessages(database.db, [note('prompt:1', 'Your pulse check is open', true)], clock.now());
  const promptAt = await deliverUntil(deliver, () =>
    postsToBen().some((c) => textOf(c) === 'Your pulse check is open'),
  );
  const queuedAt = 100;
  // Slack's pacing lets the conversation have its next message a gap after the burst it allows; the
  // prompt takes that slot, with at most 2 s more.
  expect(promptAt - queuedAt).toBeLessThanOrEqual(SLACK_GAP_MS + 2_000);
  const order = postsToBen().map(textOf);
  expect(order.indexOf('Your pulse check is open')).toBeLessThan(6);
});

test('ten kudos DMs to one person ready together go as one message, each told once', async () => {
  const deliver = replica();
  const givers = ['U0ANA00001', 'U0CAL00003', 'U0DIA00004', 'U0EVE00005', 'U0FAY00006'];
  await enqueueMessages(
    database.db,
    Array.from({ length: 10 }, (_, i) => kudosDm(givers[i % 5] as string, `for thing ${i}`)),
    clock.now(),
  );
  await deliver();
  const posts = postsToBen();
  expect(posts).toHaveLength(1);
  expect(textOf(posts[0] as never)).toBe(
    ':tada: 5 people gave you kudos: <@U0ANA00001>, <@U0CAL00003>, <@U0DIA00004>, <@U0EVE00005> and <@U0FAY00006>.',
  );
  const blocks = JSON.stringify(posts[0]?.args.blocks);
  for (let i = 0; i < 10; i += 1) expect(blocks).toContain(`for thing ${i}`);
  const rows = await outboxRows();
  expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['sent']));
  expect(new Set(rows.map((r) => r.message_ts)).size).toBe(1);
});

test('a burst arriving while the conversation is paced waits together and goes as one; a credit to confirm goes first', async () => {
  const deliver = replica();
  await enqueueMessages(database.db, [kudosDm('U0ANA00001', 'first')], clock.now());
  await deliver();
  expect(postsToBen().map(textOf)).toEqual([':tada: <@U0ANA00001> gave you kudos in <#C0LAUNCH01>: first']);
  // Three more posts fill the burst Slack allows; then nine kudos and a credit to confirm arrive.
  await enqueueMessages(database.db, [note('n:1', 'One'), note('n:2', 'Two')], clock.now());
  await deliver();
  for (let i = 0; i < 9; i += 1) {
    clock.advance(50);
    await enqueueMessages(database.db, [kudosDm('U0CAL00003', `later ${i}`)], clock.now());
    await deliver();
  }
  await enqueueMessages(database.db, [note('credit:1', 'Confirm your credit', true)], clock.now());
  await deliverUntil(deliver, () => postsToBen().length >= 5);
  expect(postsToBen().map(textOf)).toEqual([
    ':tada: <@U0ANA00001> gave you kudos in <#C0LAUNCH01>: first',
    'One',
    'Two',
    'Confirm your credit',
    ':tada: <@U0CAL00003> gave you 9 kudos:',
  ]);
});

test('kudos queued more than a minute apart are not merged', async () => {
  const deliver = replica();
  await enqueueMessages(database.db, [kudosDm('U0ANA00001', 'early')], clock.now());
  await deliver();
  clock.advance(61_000);
  await enqueueMessages(database.db, [kudosDm('U0CAL00003', 'late')], clock.now());
  await deliverUntil(deliver, () => postsToBen().length >= 2);
  expect(postsToBen().map(textOf)).toEqual([
    ':tada: <@U0ANA00001> gave you kudos in <#C0LAUNCH01>: early',
    ':tada: <@U0CAL00003> gave you kudos in <#C0LAUNCH01>: late',
  ]);
});

test('two replicas delivering the same burst tell each kudos exactly once', async () => {
  const [one, two] = [replica(), replica()];
  await enqueueMessages(
    database.db,
    Array.from({ length: 10 }, (_, i) => kudosDm('U0ANA00001', `reason ${i}`)),
    clock.now(),
  );
  await Promise.all([one(), two(), one(), two()]);
  await deliverFor(() => Promise.all([one(), two()]), 5_000);
  const told = JSON.stringify(postsToBen().map((c) => c.args.blocks));
  for (let i = 0; i < 10; i += 1) expect(told.match(new RegExp(`reason ${i}(?!\\d)`, 'g'))).toHaveLength(1);
  expect((await outboxRows()).every((r) => r.status === 'sent')).toBe(true);
});

test('a merged DM that reached Slack before its answer was lost is found again by each entry, never posted twice', async () => {
  const deliver = replica();
  await enqueueMessages(
    database.db,
    [kudosDm('U0ANA00001', 'alpha'), kudosDm('U0CAL00003', 'beta'), kudosDm('U0DIA00004', 'gamma')],
    clock.now(),
  );
  slack.failNextAfterPosting('chat.postMessage');
  await deliver();
  expect(postsToBen()).toHaveLength(1);
  await deliverFor(deliver, 30_000);
  expect(postsToBen()).toHaveLength(1);
  const rows = await outboxRows();
  expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  expect(new Set(rows.map((r) => r.message_ts)).size).toBe(1);
});
