import type { Server } from 'node:http';
import { join } from 'node:path';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import {
  type Config,
  ConfigError,
  loadConfig,
  loadPlaygroundConfig,
  SLACK_VARIABLES,
  secretsOf,
  wantsPlayground,
} from './config.js';
import { openDatabase } from './db/open-database.js';
import { createHttpServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';

const SHUTDOWN_DEADLINE_MS = 15_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Process entry: config → logger → database → migrations → app → HTTP → signals. */
async function main(): Promise<void> {
  let config: Config;
  try {
    if (wantsPlayground(process.env)) return await playground();
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.problems.join('\n')}\n`);
    process.exit(1);
  }
  const log = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));

  const timer = startupTimer();
  const database = await openDatabase(config.database, log, { migrate: true });
  timer.add({ databaseOpenMs: database.timings.openMs, migrationsMs: database.timings.migrateMs });
  const app = createApp({ config, db: database.db, log, clock: systemClock });
  const server = createHttpServer({
    slack: app.httpListener,
    installs: app.installationStore !== undefined,
    db: database.db,
    log,
    metrics: app.metrics,
    metricsToken: config.metricsToken,
  });
  try {
    await app.start();
    timer.mark('appMs');
    await listen(server, config.port);
    app.jobs.start();
    timer.mark('listenMs');
  } catch (error) {
    // Close the database properly (the embedded engine flushes its files) before reporting.
    await database.close();
    throw error;
  }
  log.info(
    {
      port: addressPort(server),
      mode: config.slack.mode,
      workspaces: config.slack.oauth ? 'installed by OAuth at /slack/install' : 'one (SLACK_BOT_TOKEN)',
      database: database.embedded ? 'embedded' : 'server',
      startup: timer.split(),
    },
    'Rapport is running',
  );

  stopOnSignals(log, async () => {
    await app.stop();
    await close(server);
    await app.jobs.stop();
    await app.background.drain();
    await database.close();
  });
}

/**
 * Where start-up time went: loading the code (process start to main), opening the database (the
 * embedded engine starting, or nothing for a server), its migrations, building and starting the
 * app (auth.test), and listening. The build, if any,
 * ran before the process (scripts/build-if-changed.mjs says how long).
 */
function startupTimer() {
  const split: Record<string, number> = { loadMs: Math.round(process.uptime() * 1000) };
  let last = performance.now();
  return {
    /** Steps timed elsewhere, which together took the time since the last mark. */
    add(steps: Record<string, number>) {
      Object.assign(split, steps);
      last = performance.now();
    },
    mark(step: string) {
      const now = performance.now();
      split[step] = Math.round(now - last);
      last = now;
    },
    split: () => ({ ...split, sinceProcessStartMs: Math.round(process.uptime() * 1000) }),
  };
}

/**
 * No Slack workspace configured: the playground, on its own embedded database in
 * DATA_DIR/playground, with a page to use Rapport as the stand-in's people. Imported only here, so
 * a start with Slack variables never loads it or the Slack emulator (test/unit/production-start.test.ts).
 */
async function playground(): Promise<void> {
  const config = loadPlaygroundConfig(process.env);
  const { PLAYGROUND_FOLDER, startPlayground } = await import('./playground/start-playground.js');
  const log = createLogger({ level: config.logLevel });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  const running = await startPlayground({
    dataDir: config.dataDir,
    port: config.port,
    host: config.host,
    log,
  });
  log.info(
    {
      url: `${running.url}/`,
      port: running.port,
      listening: `on ${config.host}${LOOPBACK.has(config.host) ? ', this machine only: set HOST=0.0.0.0 to reach it from other machines' : ''}`,
      data: join(config.dataDir, PLAYGROUND_FOLDER),
      connect: `to connect a real workspace instead, set ${SLACK_VARIABLES.slice(0, 2).join(' and ')} (or SLACK_APP_TOKEN for Socket Mode): docs/slack-app-setup.md`,
      ...(config.databaseUrl ? { ignored: 'DATABASE_URL: the playground keeps its own database' } : {}),
    },
    `This is the Rapport playground, with no Slack workspace: open ${running.url}/ to try it`,
  );
  stopOnSignals(log, () => running.close());
}

/** Stops cleanly on SIGTERM or SIGINT, within a deadline. */
function stopOnSignals(log: Logger, shutdown: () => Promise<void>): void {
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
    await shutdown();
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
