import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createDatabase, type Database } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import type { Logger } from '../src/logger.js';

export type BenchDatabase = {
  db: Database;
  /** For a connection of the bench's own, outside the bot's pool (seeding). */
  url: string;
  engine: 'server' | 'embedded';
  close(): Promise<void>;
};

/**
 * A new, migrated database for one bench run, dropped afterwards: on the server named by
 * BENCH_DATABASE_URL when it is set, otherwise an in-memory embedded engine on its own thread, as
 * the bot runs it. The bot's own defaults for the pool apply, so the figures are the bot's.
 */
export async function createBenchDatabase(log: Logger): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL || undefined;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ log, thread: 'worker' });
    await migrate({ databaseUrl: embedded.url, log });
    const db = createDatabase({ url: embedded.url, log, engine: 'embedded' });
    return {
      db,
      url: embedded.url,
      engine: 'embedded',
      async close() {
        await db.close();
        await embedded.stop();
      },
    };
  }
  const { url, drop: dropDatabase } = await createEmptyServerDatabase(serverUrl);
  const target = new URL(url);
  try {
    await migrate({ databaseUrl: target.toString(), log });
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  const db = createDatabase({ url: target.toString(), log, engine: 'server' });
  return {
    db,
    url: target.toString(),
    engine: 'server',
    async close() {
      await db.close();
      await dropDatabase();
    },
  };
}

/** A new, empty database on the server at `serverUrl`, and the way to drop it. */
export async function createEmptyServerDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `rapport_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`create database ${name}`));
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const drop = () =>
    withAdmin(serverUrl, async (admin) => {
      // The pool's end() resolves before its connections have gone: forced out, they would each log
      // an error. Give them a moment first.
      for (let waited = 0; waited < 2_000; waited += 20) {
        const { rows } = await admin.query<{ open: number }>(
          'select count(*)::int as open from pg_stat_activity where datname = $1',
          [name],
        );
        if ((rows[0]?.open ?? 0) === 0) break;
        await sleep(20);
      }
      await admin.query(`drop database if exists ${name} with (force)`);
    });
  return { url: target.toString(), drop };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
