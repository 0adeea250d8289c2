import { ConfigError, loadDatabaseConfig, secretsOf } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function main() {
  let config: ReturnType<typeof loadDatabaseConfig>;
  try {
    config = loadDatabaseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.problems.join('\n')}\n`);
    process.exit(1);
  }
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
