import type { Server } from 'node:http';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { type Config, ConfigError, loadConfig, secretsOf } from './config.js';
import { openDatabase } from './db/open-database.js';
import { createHttpServer } from './http/server.js';
import { createLogger } from './logger.js';

const SHUTDOWN_DEADLINE_MS = 15_000;

/** Process entry: config → logger → database → migrations → app → HTTP → signals. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.problems.join('\n')}\n`);
    process.exit(1);
  }
  const log = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));

  const database = await openDatabase(config.database, log, { migrate: true });
  const app = createApp({ config, db: database.db, log, clock: systemClock });
  const server = createHttpServer({ slack: app.httpListener, db: database.db, log });
  try {
    await app.start();
    await listen(server, config.port);
    app.jobs.start();
  } catch (error) {
    // Close the database properly (the embedded engine flushes its files) before reporting.
    await database.close();
    throw error;
  }
  log.info(
    {
      port: addressPort(server),
      mode: config.slack.mode,
      database: database.embedded ? 'embedded' : 'server',
    },
    'Rapport is running',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: no new requests; finishing the ones in flight');
    const deadline = setTimeout(() => {
      log.error('could not stop in time; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    await app.stop();
    await close(server);
    await app.jobs.stop();
    await app.background.drain();
    await database.close();
    log.info('stopped');
    log.flush();
    clearTimeout(deadline);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

function addressPort(server: Server): number | undefined {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : undefined;
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Rapport could not start: ${message}\n`);
  process.exit(1);
});
