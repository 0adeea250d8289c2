import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { INSPECTOR_LINE, isInspectorLine } from './heap-after-gc.js';

const READY_TIMEOUT_MS = 60_000;
/** A little over the bot's own shutdown deadline (15 s), so it gets to finish cleanly. */
const STOP_TIMEOUT_MS = 20_000;

export type ChildApp = {
  name: string;
  /** Base URL, such as http://127.0.0.1:40123 */
  url: string;
  process: ChildProcess;
  /** The inspector's WebSocket address, when the app was started with `inspect`. */
  inspectorUrl: Promise<string> | undefined;
};

export type ChildAppOptions = {
  env: Record<string, string>;
  /** Extra Node options, such as --cpu-prof. */
  nodeArgs?: readonly string[];
  /** Output lines the caller expects and does not want shown. */
  isExpectedOutput?: (line: string) => boolean;
  /** Starts the app's inspector on a free local port (for bench/heap-after-gc.ts). */
  inspect?: boolean;
};

/**
 * Runs a Node script as a separate process listening on a free port, and resolves once its
 * /readyz answers 200. Each app gets its own process, as in production, so neither shares an event
 * loop with the load generator. Its output is passed on, prefixed with its name, except the lines
 * the caller expects.
 */
export async function startChildApp(
  name: string,
  script: string,
  options: ChildAppOptions,
): Promise<ChildApp> {
  const port = await freePort();
  const inspectArgs = options.inspect ? ['--inspect=127.0.0.1:0'] : [];
  const child = spawn(process.execPath, [...inspectArgs, ...(options.nodeArgs ?? []), script], {
    env: { ...inheritedEnv(), ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const isExpected = options.isExpectedOutput ?? (() => false);
  const app: ChildApp = {
    name,
    url: `http://127.0.0.1:${port}`,
    process: child,
    inspectorUrl: options.inspect ? inspectorUrlOf(child) : undefined,
  };
  forwardOutput(app, options.inspect ? (line) => isInspectorLine(line) || isExpected(line) : isExpected);
  try {
    await waitUntilReady(app);
  } catch (error) {
    await stopChildApp(app); // the caller never gets it, so it could not stop it
    throw error;
  }
  return app;
}

/** SIGTERM, as an orchestrator stops the bot; SIGKILL only if it does not exit in time. */
export async function stopChildApp(app: ChildApp): Promise<void> {
  const child = app.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    process.stderr.write(`${app.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it\n`);
    child.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * The parent's environment without anything that configures a Slack app or a database, so a
 * variable the person running the bench happens to have set (SLACK_APP_TOKEN would switch the bot
 * to Socket Mode) cannot change what is measured. PG* variables and NODE_OPTIONS stay.
 */
function inheritedEnv(): Record<string, string> {
  const appVariables = /^(SLACK_|PORT$|LOG_LEVEL$|DATA_DIR$|DATABASE_URL$)/;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !appVariables.test(key)) env[key] = value;
  }
  return env;
}

async function waitUntilReady(app: ChildApp): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (app.process.exitCode !== null || app.process.signalCode !== null) {
      throw new Error(
        `${app.name} exited before it was ready (${app.process.exitCode ?? app.process.signalCode})`,
      );
    }
    if (await answersReady(app.url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${app.name} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

async function answersReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
    return response.status === 200;
  } catch {
    return false; // not listening yet
  }
}

/** The address Node prints on stderr when its inspector listens. */
function inspectorUrlOf(child: ChildProcess): Promise<string> {
  const url = new Promise<string>((resolve, reject) => {
    if (!child.stderr) return reject(new Error('the app has no stderr to read the inspector from'));
    const lines = createInterface({ input: child.stderr });
    lines.on('line', (line) => {
      const url = INSPECTOR_LINE.exec(line)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', () => reject(new Error('the app exited before its inspector listened')));
  });
  url.catch(() => undefined); // an app that never listened fails its start instead; only a reader needs this
  return url;
}

function forwardOutput(app: ChildApp, isExpected: (line: string) => boolean): void {
  for (const stream of [app.process.stdout, app.process.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      if (!isExpected(line)) process.stderr.write(`[${app.name}] ${line}\n`);
    });
  }
}

/** Asks the OS for a port nobody uses; the child binds it a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
