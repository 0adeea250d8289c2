import { loadDatabaseConfig, secretsOf } from '../config.js';
import { configOrExit } from './config-or-exit.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function main() {
  const config = configOrExit(loadDatabaseConfig);
  const log = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const database = await openDatabase(config.database, log, { migrate: true });
  await database.close();
  log.info('migrations are up to date');
  log.flush();
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
