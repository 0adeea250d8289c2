import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { createDatabase, type Database } from '../../src/db/database.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { type Logger, silentLogger } from './logs.js';

export type TestDatabase = {
  url: string;
  db: Database;
  engine: 'server' | 'embedded';
  /** Empties every table (schema and migrations stay). */
  truncate(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A fresh, migrated database for one test file: a new database on the server named by
 * TEST_DATABASE_URL, or an in-memory embedded Postgres when it is unset.
 */
export async function createTestDatabase(
  options: { log?: Logger; poolMax?: number } = {},
): Promise<TestDatabase> {
  const log = options.log ?? silentLogger();
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let dispose: () => Promise<void>;
  if (serverUrl) {
    const name = `rapport_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await withAdmin(serverUrl, (admin) => admin.query(`create database ${name}`));
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    dispose = async () => {
      await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    };
  } else {
    const embedded = await startEmbeddedPostgres({ log });
    url = embedded.url;
    dispose = embedded.stop;
  }
  await migrate({ databaseUrl: url, log });
  const db = createDatabase({
    url,
    log,
    poolMax: options.poolMax ?? 5,
    engine: serverUrl ? 'server' : 'embedded',
  });
  return {
    url,
    db,
    engine: serverUrl ? 'server' : 'embedded',
    async truncate() {
      const tables = await db.query(
        `select tablename from pg_tables where schemaname = 'public' and tablename <> 'pgmigrations'`,
        [],
        z.object({ tablename: z.string() }),
      );
      if (tables.length > 0) await db.execute(`truncate ${tables.map((t) => t.tablename).join(', ')}`, []);
    },
    async close() {
      await db.close();
      await dispose();
    },
  };
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
