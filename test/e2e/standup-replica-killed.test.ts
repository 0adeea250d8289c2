import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { z } from 'zod';
import { FakeSlack } from '../helpers/fake-slack.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * Two replicas on one database, one of them lost in the middle of delivering a stand-up's prompts:
 * its database link is cut while its posts are under way, so what it claimed stays leased and what
 * Slack accepted from it is never marked sent. Once the leases run out, the other replica delivers
 * the rest, and looks for each uncertain one before posting it: every prompt reaches Slack once.
 */
const PEOPLE = Array.from({ length: 40 }, (_, i) => `U0REP${String(i).padStart(5, '0')}`);
const CHANNEL = 'C0STANDUP1';
const DUE = '2026-11-20T08:30:05Z';
/** The outbox's lease on what a replica claimed (src/slack/outbox.ts LEASE_MS), and a little more. */
const PAST_THE_LEASE_MS = 2 * 60 * 1000 + 5_000;

let database: TestDatabase;
let slack: FakeSlack;
let proxy: TcpProxy;
let doomed: TestApp;
let survivor: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start();
  const target = new URL(database.url);
  proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
  doomed = await startTestApp({ database, slack, appDatabaseUrl: proxy.urlFor(database.url) });
  survivor = await startTestApp({ database, slack });
}, 60_000);
afterAll(async () => {
  proxy.restore();
  await doomed.close();
  await survivor.close();
  await proxy.stop();
  await slack.stop();
  await database.close();
});

const promptsTo = (user: string) =>
  slack
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === user && String(c.args.text).startsWith('Stand-up for'));
const pending = async () =>
  (
    await database.db.query(
      `select count(*)::int as n from outbox where status = 'pending'`,
      [],
      z.object({ n: z.number() }),
    )
  )[0]?.n ?? 0;

test('a replica lost mid-delivery: the other delivers every prompt exactly once after the lease', async () => {
  for (const id of PEOPLE) slack.addUser({ id, name: id.toLowerCase(), tz: 'Europe/Berlin' });
  slack.channelMembers.set(CHANNEL, PEOPLE);
  for (const app of [doomed, survivor]) app.clock.set('2026-11-20T07:00:00Z');
  const set = await survivor.requests.command({
    command: '/rituals',
    text: 'standup mon-fri 09:30 local',
    user_id: PEOPLE[0] as string,
    channel_id: CHANNEL,
  });
  expect(set.status).toBe(200);
  await survivor.app.background.drain();

  // The doomed replica claims the prompts and starts posting them, slowly.
  slack.slowDown(100);
  for (const app of [doomed, survivor]) app.clock.set(DUE);
  await doomed.app.jobs.tick();
  const delivering = doomed.app.jobs.deliver().catch(() => undefined);
  await slack.waitFor(() => slack.callsTo('chat.postMessage').length >= 8, 10_000);
  // Lost: its database link goes while posts are in flight; Slack takes what it already sent.
  proxy.cut();
  await delivering;
  const postedBeforeTheLoss = slack.callsTo('chat.postMessage').length;
  slack.slowDown(0);
  // The hard case is there: prompts Slack took from the lost replica that it never marked sent.
  const stillPending = await database.db.query(
    `select dedupe_key from outbox where status = 'pending'`,
    [],
    z.object({ dedupe_key: z.string() }),
  );
  const postedButUnmarked = stillPending.filter((r) =>
    PEOPLE.some((p) => r.dedupe_key.includes(p) && promptsTo(p).length > 0),
  );
  expect(postedButUnmarked.length).toBeGreaterThan(0);

  survivor.clock.set(new Date(Date.parse(DUE) + PAST_THE_LEASE_MS));
  for (let pass = 0; pass < 50 && (await pending()) > 0; pass += 1) {
    await survivor.app.jobs.deliver();
    survivor.clock.advance(1_000);
  }
  expect(await pending()).toBe(0);
  const counts = PEOPLE.map((p) => promptsTo(p).length);
  expect(counts.filter((n) => n !== 1)).toEqual([]);
  process.stdout.write(
    `replica lost mid-delivery: ${String(PEOPLE.length)} prompts due, ${String(postedBeforeTheLoss)} posted by the lost replica (${String(postedButUnmarked.length)} of them never marked sent), ${String(PEOPLE.length)} delivered once each\n`,
  );
}, 120_000);
