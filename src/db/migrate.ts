import { runner } from 'node-pg-migrate';
import type { Logger } from 'pino';
import { projectPath } from '../project-path.js';

export const MIGRATIONS_DIR = projectPath('migrations');

/**
 * Advisory locks belong to a session, and the embedded engine serves every connection from one
 * session, so its lock excludes nobody; migrations started in this process therefore take turns.
 */
let turn: Promise<unknown> = Promise.resolve();

/**
 * Applies the plain SQL files in migrations/ in order, each in its own transaction. node-pg-migrate
 * holds a Postgres advisory lock meanwhile; a second replica starting at the same moment waits for
 * it and then finds nothing left to do.
 */
export function migrate(options: { databaseUrl: string; log: Logger }): Promise<string[]> {
  const run = turn.then(() => runMigrations(options));
  turn = run.catch(() => undefined);
  return run;
}

async function runMigrations(options: { databaseUrl: string; log: Logger }): Promise<string[]> {
  const log = options.log.child({ component: 'migrate' });
  const applied = await runner({
    databaseUrl: options.databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    advisoryLockMode: 'wait',
    logger: {
      debug: (msg: string) => log.debug(msg),
      info: (msg: string) => log.debug(msg),
      warn: (msg: string) => log.warn(msg),
      error: (msg: string) => log.error(msg),
    },
  });
  const names = applied.map((m) => m.name);
  if (names.length > 0) log.info({ applied: names }, 'database migrated');
  return names;
}
