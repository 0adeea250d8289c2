import type { DatabaseConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { createDatabase, type Database } from './database.js';
import { startEmbeddedPostgres } from './embedded.js';
import { migrate } from './migrate.js';

export type OpenDatabase = { db: Database; url: string; embedded: boolean; close(): Promise<void> };

/**
 * Connects to DATABASE_URL, or, when it is unset, starts (or joins) the embedded Postgres in
 * DATA_DIR. With `migrate`, brings the schema up to date first; a process that joins another's
 * embedded engine leaves that to the owner.
 */
export async function openDatabase(
  config: DatabaseConfig,
  log: Logger,
  options: { migrate: boolean },
): Promise<OpenDatabase> {
  const embedded = config.url
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, log, thread: 'worker' });
  const url = config.url ?? embedded?.url ?? '';
  try {
    if (options.migrate && (embedded === undefined || embedded.owner))
      await migrate({ databaseUrl: url, log });
    const db = createDatabase({
      url,
      log,
      poolMax: config.poolMax,
      preparedStatements: embedded === undefined,
    });
    return {
      db,
      url,
      embedded: embedded !== undefined,
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
