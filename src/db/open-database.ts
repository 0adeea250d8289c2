import type { Logger } from 'pino';
import type { DatabaseConfig } from '../config.js';
import { RapportError } from '../errors.js';
import { createDatabase, type Database } from './database.js';
import { startEmbeddedPostgres } from './embedded.js';
import { migrate } from './migrate.js';

export type OpenDatabase = {
  db: Database;
  url: string;
  embedded: boolean;
  /** How long opening took: starting (or joining) the embedded engine, and the migrations. */
  timings: { openMs: number; migrateMs: number };
  close(): Promise<void>;
};

/**
 * Connects to DATABASE_URL, or, when it is unset, starts (or joins) the embedded Postgres in
 * DATA_DIR. With `migrate`, brings the schema up to date first; a process that joins another's
 * embedded engine leaves that to the owner.
 */
export async function openDatabase(
  config: DatabaseConfig,
  log: Logger,
  options: { migrate: boolean; thread?: 'main' | 'worker' },
): Promise<OpenDatabase> {
  const started = performance.now();
  const embedded = config.url
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, log, thread: options.thread ?? 'worker' });
  const url = config.url ?? embedded?.url ?? '';
  const opened = performance.now();
  try {
    if (options.migrate && (embedded === undefined || embedded.owner)) {
      await migrate({ databaseUrl: url, log }).catch((error: unknown) => {
        throw explainConnectionError(error, url);
      });
    }
    const migrated = performance.now();
    const db = createDatabase({
      url,
      log,
      poolMax: config.poolMax,
      engine: embedded ? 'embedded' : 'server',
    });
    return {
      db,
      url,
      embedded: embedded !== undefined,
      timings: { openMs: Math.round(opened - started), migrateMs: Math.round(migrated - opened) },
      async close() {
        await db.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** Turns a refused or failed connection into a sentence an admin can act on. */
function explainConnectionError(error: unknown, url: string): unknown {
  const code = (error as { code?: string }).code;
  const { hostname, port } = new URL(url);
  const where = `${hostname}:${port || 5432}`;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') {
    return new RapportError(
      'database_unreachable',
      `cannot reach the database at ${where} (${code}): check DATABASE_URL and that Postgres is running`,
      { cause: error },
    );
  }
  if (code === '28P01' || code === '28000' || code === '3D000') {
    const why = code === '3D000' ? 'the database does not exist' : 'the user or password was refused';
    return new RapportError('database_refused', `the database at ${where} said ${why}: check DATABASE_URL`, {
      cause: error,
    });
  }
  return error;
}
