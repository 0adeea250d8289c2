import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import pg from 'pg';
import { z } from 'zod';
import { createDatabase } from '../../src/db/database.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { silentLogger } from '../helpers/logs.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * The database goes away in the middle of a burst of reactions, and comes back, while the app runs
 * on: on a server, connections to the test database are forbidden and cut (`allow_connections`);
 * the embedded engine is stopped and opened again on its files. No request is answered 200 unless
 * its kudos is stored, /readyz says 503 meanwhile, and the app recovers without a restart.
 */
const PEOPLE = Array.from({ length: 10 }, (_, i) => `U0DOWN${String(i).padStart(4, '0')}`);
const REACTIONS = 200;
const IN_FLIGHT = 8;
const CUT_AFTER = 40;
/** Requests answered while the database is away, before it comes back. */
const DURING_OUTAGE = 60;
const log = silentLogger();

type Outage = { cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> };

let t: TestApp;
let database: TestDatabase;
let outage: Outage;

/** A server's test database, which the test forbids and allows again (only that database). */
async function onServer(serverUrl: string): Promise<Outage> {
  database = await createTestDatabase();
  const name = new URL(database.url).pathname.slice(1);
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    async cut() {
      await admin(`alter database ${name} allow_connections false`);
      await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
    },
    restore: () => admin(`alter database ${name} allow_connections true`),
    close: () => database.close(),
  };
}

/** The embedded engine on files of its own, reached at one address while it stops and reopens. */
async function embeddedOnFiles(): Promise<Outage> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-outage-'));
  const open = () => startEmbeddedPostgres({ dataDir: dir, log, thread: 'main' });
  let engine: EmbeddedPostgres = await open();
  await migrate({ databaseUrl: engine.url, log });
  const portOf = (e: EmbeddedPostgres) => Number(new URL(e.url).port);
  const proxy = await TcpProxy.start({ host: '127.0.0.1', port: portOf(engine) });
  const url = proxy.urlFor(engine.url);
  const db = createDatabase({ url, log, poolMax: 5, engine: 'embedded' });
  database = {
    url,
    db,
    engine: 'embedded',
    truncate: async () => {},
    close: async () => {
      await db.close();
      await proxy.stop();
      await engine.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return {
    async cut() {
      await engine.stop();
    },
    async restore() {
      engine = await open();
      proxy.retarget({ host: '127.0.0.1', port: portOf(engine) });
    },
    close: () => database.close(),
  };
}

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  outage = serverUrl ? await onServer(serverUrl) : await embeddedOnFiles();
  t = await startTestApp({ database });
  for (const id of PEOPLE) t.slack.addUser({ id, name: id.toLowerCase() });
}, 60_000);
afterAll(async () => {
  await t.close();
  await outage.close();
});

const ready = async () => (await fetch(`${t.url}/readyz`)).status;
const storedTs = async () =>
  new Set(
    (
      await t.database.db.query(
        `select message_ts from kudos where source = 'reaction'`,
        [],
        z.object({ message_ts: z.string() }),
      )
    ).map((r) => r.message_ts),
  );

test(`the database goes away mid-burst of ${String(REACTIONS)} reactions: no 200 without its kudos, /readyz 503, recovery without a restart`, async () => {
  const sent = Array.from({ length: REACTIONS }, (_, i) => ({
    ts: `1700002000.${String(i).padStart(6, '0')}`,
    eventId: `Ev0DOWN${String(i).padStart(5, '0')}`,
    status: 0,
  }));
  const readiness: number[] = [];
  let answered = 0;
  let next = 0;
  /** Answers since the database went away (counted once it is away). */
  let sinceCut: number | undefined;
  let outageUnderWay: Promise<void> = Promise.resolve();
  let restored = false;
  const send = (i: number, retryNum?: number) =>
    t.requests.event(
      reactionEvent({
        user: PEOPLE[i % PEOPLE.length] as string,
        item_user: PEOPLE[(i + 1) % PEOPLE.length] as string,
        ts: sent[i]?.ts,
      }),
      { event_id: sent[i]?.eventId, ...(retryNum ? { retryNum } : {}) },
    );
  const sender = async () => {
    while (next < REACTIONS) {
      const i = next;
      next += 1;
      const res = await send(i);
      (sent[i] as { status: number }).status = res.status;
      answered += 1;
      if (sinceCut !== undefined) sinceCut += 1;
      if (answered === CUT_AFTER) {
        outageUnderWay = outage.cut().then(async () => {
          readiness.push(await ready());
          sinceCut = 0;
        });
      }
      if (sinceCut === DURING_OUTAGE) {
        restored = true;
        outageUnderWay = outageUnderWay.then(() => outage.restore());
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  await outageUnderWay;
  // A burst that ended before enough answers came during the outage: the database comes back now.
  if (!restored) await outage.restore();
  // Back without a restart: the same app answers ready again.
  for (let i = 0; i < 100 && (await ready()) !== 200; i += 1) await new Promise((r) => setTimeout(r, 100));
  expect(await ready()).toBe(200);
  expect(readiness).toEqual([503]);

  const statuses = sent.map((s) => s.status);
  expect(statuses.filter((s) => s !== 200 && s !== 500)).toEqual([]);
  const refused = sent.filter((s) => s.status === 500);
  expect(refused.length).toBeGreaterThan(0);
  // Every 200 has its kudos.
  const stored = await storedTs();
  expect(sent.filter((s) => s.status === 200 && !stored.has(s.ts))).toEqual([]);

  // Slack sends the others again: each lands once.
  for (const s of refused) {
    const res = await send(sent.indexOf(s), 1);
    expect(res.status).toBe(200);
  }
  const after = await storedTs();
  expect(after.size).toBe(REACTIONS);
  const total = await t.database.db.query(
    `select count(*)::int as n from kudos where source = 'reaction'`,
    [],
    z.object({ n: z.number() }),
  );
  expect(total[0]?.n).toBe(REACTIONS);
  process.stdout.write(
    `database outage (${t.database.engine}): ${String(REACTIONS)} sent, ${String(REACTIONS - refused.length)} answered 200 (all stored), ${String(refused.length)} answered 500 and re-sent; ${String(after.size)} stored once\n`,
  );
}, 120_000);
