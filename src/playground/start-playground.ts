import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { createHttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { createPlayground } from './playground.js';
import { PlaygroundClock } from './playground-clock.js';
import { playgroundRoutes } from './playground-http.js';
import { BOT_TOKEN, SlackRequests, SlackStandIn } from '../slack-emulator/index.js';

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
  log: Logger;
  /** Where the embedded engine runs: its own thread (the default), or this one (tests). */
  thread?: 'main' | 'worker';
}): Promise<RunningPlayground> {
  const { log } = options;
  const clock = new PlaygroundClock();
  const slack = await SlackStandIn.start({ clock });
  const signingSecret = randomBytes(16).toString('hex');
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(options.port),
  });
  const database = await openDatabase(
    { url: undefined, dataDir: join(options.dataDir, PLAYGROUND_FOLDER), poolMax: 1 },
    log,
    { migrate: true, thread: options.thread ?? 'worker' },
  );
  const app = createApp({ config, db: database.db, log, clock });
  // The page's routes exist once the server knows its port (the requests go to it).
  let playgroundHttp: ReturnType<typeof playgroundRoutes> | undefined;
  const server = createHttpServer({
    slack: app.httpListener,
    db: database.db,
    log,
    routes: (req, res) => (playgroundHttp ? playgroundHttp(req, res) : false),
  });
  try {
    await app.start();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://localhost:${port}`;
    const requests = new SlackRequests({
      appUrl: `http://127.0.0.1:${port}`,
      signingSecret,
      slack,
    });
    const playground = createPlayground({
      slack,
      requests,
      db: database.db,
      clock,
      jobs: app.jobs,
      log,
      settle: () => app.background.drain(),
    });
    playgroundHttp = playgroundRoutes(playground, slack);
    app.jobs.start();
    return {
      url,
      port,
      server,
      async close() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await app.jobs.stop();
        await app.background.drain();
        await app.stop();
        await slack.stop();
        await database.close();
      },
    };
  } catch (error) {
    await slack.stop();
    await database.close();
    throw error;
  }
}
