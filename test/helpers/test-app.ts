import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type RapportApp } from '../../src/app.js';
import { loadConfig, secretsOf } from '../../src/config.js';
import { createDatabase } from '../../src/db/database.js';
import { createHttpServer } from '../../src/http/server.js';
import { BOT_TOKEN, FakeSlack } from './fake-slack.js';
import { capturingLogger } from './logs.js';
import { SIGNING_SECRET, SlackRequests } from './slack-request.js';
import { TcpProxy } from './tcp-proxy.js';
import { TestClock } from './test-clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export type TestApp = {
  url: string;
  app: RapportApp;
  slack: FakeSlack;
  database: TestDatabase;
  requests: SlackRequests;
  clock: TestClock;
  logs: ReturnType<typeof capturingLogger>;
  /** Between tests: empty tables, forget fake Slack's calls, settle background work. */
  reset(): Promise<void>;
  close(): Promise<void>;
};

/**
 * The real app (Bolt, listeners, services, Postgres) behind a real HTTP server on a free port, its
 * WebClient pointed at a fake Slack Web API. Tests talk to it only through signed HTTP requests.
 */
export type TestAppOptions = {
  database?: TestDatabase;
  /** Share this Slack stand-in (another replica's); it is left running at close. */
  slack?: FakeSlack;
  /** Connect the app through this URL instead (a proxy in front of the test database). */
  appDatabaseUrl?: string;
  env?: Record<string, string>;
  logLevel?: 'info' | 'debug' | 'trace';
  /** Runs once the fake Slack is up, before the app connects to it. */
  beforeStart?: (slack: FakeSlack) => Promise<void>;
};

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const slack = options.slack ?? (await FakeSlack.start());
  await options.beforeStart?.(slack);
  // Installs by OAuth (the test sets SLACK_CLIENT_ID …) take the place of the single token.
  const oauth = options.env?.SLACK_CLIENT_ID !== undefined;
  const config = loadConfig({
    ...(oauth ? {} : { SLACK_BOT_TOKEN: BOT_TOKEN }),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    LOG_LEVEL: options.logLevel ?? 'info',
    ...options.env,
  });
  const logs = capturingLogger({
    level: options.logLevel ?? 'info',
    secrets: [...new Set([BOT_TOKEN, SIGNING_SECRET, ...secretsOf(config)])],
  });
  const database = options.database ?? (await createTestDatabase({ log: logs.log }));
  const clock = new TestClock();
  const appDb = options.appDatabaseUrl
    ? createDatabase({ url: options.appDatabaseUrl, log: logs.log, engine: database.engine })
    : database.db;
  const app = createApp({ config, db: appDb, log: logs.log, clock, slackRetries: 0 });
  await app.start();
  const server = createHttpServer({
    slack: app.httpListener,
    installs: app.installationStore !== undefined,
    db: appDb,
    log: logs.log,
    metrics: app.metrics,
    metricsToken: config.metricsToken,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    slack,
    database,
    requests: new SlackRequests(url, slack),
    clock,
    logs,
    async reset() {
      await app.background.drain();
      await database.truncate();
      slack.resetCalls();
      app.jobs.forgetPacing();
      clock.set(new Date());
    },
    async close() {
      await closeServer(server);
      await app.background.drain();
      await app.stop();
      if (!options.slack) await slack.stop();
      if (appDb !== database.db) await appDb.close();
      if (!options.database) await database.close();
    },
  };
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The app with a TCP proxy between it and its database, so a test can cut or stall Postgres. */
export type ProxiedApp = { t: TestApp; proxy: TcpProxy; database: TestDatabase; close(): Promise<void> };

export async function startAppBehindProxy(
  options: Omit<TestAppOptions, 'database'> = {},
): Promise<ProxiedApp> {
  const database = await createTestDatabase();
  const target = new URL(database.url);
  const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
  const t = await startTestApp({ ...options, database, appDatabaseUrl: proxy.urlFor(database.url) });
  return {
    t,
    proxy,
    database,
    async close() {
      await t.close();
      await proxy.stop();
      await database.close();
    },
  };
}
