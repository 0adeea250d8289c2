import { afterEach, beforeEach, expect, jest, test } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createDatabase } from '../../src/db/database.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { capturingLogger, silentLogger } from '../helpers/logs.js';

const log = silentLogger();
/**
 * Each test starts (and stops) the real embedded engine two or three times, about 5 s each on an
 * idle machine; on a busy shared one a start can take several times that.
 */
jest.setTimeout(90_000);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-embedded-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const answer = async (url: string) => {
  const db = createDatabase({ url, log, engine: 'embedded' });
  try {
    return (await db.query('select 41 + 1 as n', [], z.object({ n: z.number() })))[0]?.n;
  } finally {
    await db.close();
  }
};

test('a second opener of the same folder joins the owner instead of opening its files', async () => {
  const owner = await startEmbeddedPostgres({ dataDir: dir, log });
  const joiner = await startEmbeddedPostgres({ dataDir: dir, log });
  expect([owner.owner, joiner.owner]).toEqual([true, false]);
  expect(joiner.url).toBe(owner.url);
  expect(await answer(joiner.url)).toBe(42);
  expect(JSON.parse(await readFile(join(dir, 'embedded.lock'), 'utf8'))).toEqual({
    pid: process.pid,
    port: Number(new URL(owner.url).port),
  });
  await joiner.stop();
  expect(await answer(owner.url)).toBe(42);
  await owner.stop();
  await expect(readFile(join(dir, 'embedded.lock'))).rejects.toThrow();
});

test('data written by one owner is there for the next', async () => {
  const first = await startEmbeddedPostgres({ dataDir: dir, log });
  const db = createDatabase({ url: first.url, log, engine: 'embedded' });
  await db.execute('create table notes (team_id text, body text)', []);
  await db.execute("insert into notes values ('T1', 'kept')", []);
  await db.close();
  await first.stop();

  const second = await startEmbeddedPostgres({ dataDir: dir, log });
  const again = createDatabase({ url: second.url, log, engine: 'embedded' });
  expect(await again.query('select body from notes', [], z.object({ body: z.string() }))).toEqual([
    { body: 'kept' },
  ]);
  await again.close();
  await second.stop();
});

test.each([
  ['its process is gone', () => ({ pid: 2 ** 22 + 12345, port: 1 })],
  ['it names a port nobody serves', () => ({ pid: process.pid, port: closedPort })],
  [
    'it names this process, still starting (a restarted container reuses the pid)',
    () => ({ pid: process.pid }),
  ],
])('a lock left behind is taken over when %s', async (_case, lock) => {
  await writeFile(join(dir, 'embedded.lock'), JSON.stringify(lock()));
  const { log: watched, lines } = capturingLogger();
  const embedded = await startEmbeddedPostgres({ dataDir: dir, log: watched });
  expect(embedded.owner).toBe(true);
  // Taken over as soon as it was read, not after waiting out the lock (which gives up after 60 s).
  const events = lines().map((l) => l.msg);
  expect(events.filter((m) => m === 'a lock left behind by a process that is gone was removed')).toHaveLength(
    1,
  );
  expect(events.indexOf('embedded Postgres started')).toBeGreaterThan(0);
  await embedded.stop();
});

let closedPort = 1;
beforeEach(async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
