import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp, type RapportApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { createHttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import type { LogEntry } from './api-types.js';
import { createPlayground } from './playground.js';
import { PlaygroundWorld } from './playground-world.js';
import { PlaygroundClock } from './playground-clock.js';
import { playgroundRoutes } from './playground-http.js';
import { PlaygroundInstalls, playgroundOAuthApp } from './playground-installs.js';
import { deleteAllInstallations } from '../db/repos/installations.js';
import { SlackRequests, SlackStandIn, TEAM_ID } from '../slack-emulator/index.js';

export type RunningPlayground = { url: string; port: number; server: Server; close(): Promise<void> };

/** The folder under DATA_DIR where the playground keeps its database, apart from a real install's. */
export const PLAYGROUND_FOLDER = 'playground';

/**
 * Rapport with no Slack workspace: the real app (Bolt, listeners, services, scheduler) on an
 * embedded database of its own, its Web API calls answered by the in-process Slack stand-in, and a
 * page where a visitor acts as one of the stand-in's people. Every action reaches the app as Slack
 * would send it, signed, at /slack/events.
 */
export async function startPlayground(options: {
  dataDir: string;
  port: number;
  /** The address to listen on: 127.0.0.1 unless told otherwise (HOST). */
  host?: string;
  log: Logger;
  /** Where the embedded engine runs: its own thread (the default), or this one (tests). */
  thread?: 'main' | 'worker';
}): Promise<RunningPlayground> {
  const { log } = options;
  const clock = new PlaygroundClock();
  const slack = await SlackStandIn.start({ clock });
  const database = await openDatabase(
    { url: undefined, dataDir: join(options.dataDir, PLAYGROUND_FOLDER), poolMax: 1 },
    log,
    { migrate: true, thread: options.thread ?? 'worker' },
  );
  // What people saw before a restart comes back before the app runs, so what it edits is there.
  const activity: LogEntry[] = [];
  const world = new PlaygroundWorld({ db: database.db, slack, clock, activity, log });
  const started = await world.restore();
  // The server listens first: the app's redirect URL, which Slack must know, names its port.
  let app: RapportApp | undefined;
  let playgroundHttp: ReturnType<typeof playgroundRoutes> | undefined;
  const server = createHttpServer({
    slack: (req, res) => app?.httpListener?.(req, res),
    installs: true,
    db: database.db,
    log,
    routes: (req, res) => (playgroundHttp ? playgroundHttp(req, res) : false),
    // The app's metrics once it is built: /metrics, and the page's "Health of Rapport" panel.
    metrics: () => app?.metrics,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://localhost:${port}`;
    const oauth = playgroundOAuthApp(url);
    slack.installs.app = oauth.registered;
    // The stand-in's Slack began afresh, so the tokens it issued before are gone: the workspaces
    // that had installed Rapport install it again, below, through the same flow.
    const installed = await deleteAllInstallations(database.db);
    const config = loadConfig({ ...oauth.env, SLACK_API_URL: slack.apiUrl, PORT: String(port) });
    app = createApp({ config, db: database.db, log, clock });
    await app.start();
    const requests = new SlackRequests({
      appUrl: `http://127.0.0.1:${port}`,
      signingSecret: oauth.env.SLACK_SIGNING_SECRET,
      slack,
    });
    const installs = new PlaygroundInstalls(slack, url, app.botTokens);
    for (const teamId of new Set([TEAM_ID, ...installed])) await installs.install(teamId);
    const playground = createPlayground({
      slack,
      requests,
      installs,
      db: database.db,
      clock,
      jobs: app.jobs,
      log,
      activity,
      world,
      started,
      settle: () => (app as RapportApp).background.drain(),
    });
    playgroundHttp = playgroundRoutes(playground, slack, app.metrics.registry);
    app.jobs.start();
    world.start();
    const running = app;
    return {
      url,
      port,
      server,
      async close() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await running.jobs.stop();
        await running.background.drain();
        await running.stop();
        await world.stop();
        await slack.stop();
        await database.close();
      },
    };
  } catch (error) {
    server.closeAllConnections();
    server.close();
    await app?.stop();
    await slack.stop();
    await database.close();
    throw error;
  }
}
