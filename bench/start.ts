import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectPath } from '../src/project-path.js';
import { BOT_TOKEN, SlackStandIn } from '../src/slack-emulator/index.js';
import { machineLines, otherProcessesLoad, runBench, verdict } from './bench-run.js';
import { createEmptyServerDatabase } from './bench-database.js';
import { freePort } from './child-app.js';

/**
 * `npm run bench:start`: how long `npm start` takes to answer /healthz, split into its steps, on
 * the embedded engine (a fresh folder) and, when BENCH_DATABASE_URL or DATABASE_URL names a
 * server, on a new database there. Each engine is started twice, as `npm start` does it: the build
 * step (scripts/build-if-changed.mjs), then the process, timed from its spawn to /healthz's first
 * 200. The first start migrates an empty database; the second is a restart with nothing changed,
 * the figure the goals are about: within 3 s on a server and 6 s on the embedded engine. The
 * process's own split (loading the code, opening the database, migrations, the app, listening)
 * comes from its "Rapport is running" log line.
 */

const GOAL_RESTART_MS = { server: 3_000, embedded: 6_000 } as const;
const READY_TIMEOUT_MS = 60_000;

type Start = {
  buildMs: number;
  buildSaid: string;
  healthzMs: number;
  split: Record<string, number>;
};

async function main(): Promise<void> {
  const otherLoad = await otherProcessesLoad();
  const fake = await SlackStandIn.start();
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
  const results: { engine: 'embedded' | 'server'; first: Start; restart: Start }[] = [];
  try {
    const folder = await mkdtemp(join(tmpdir(), 'rapport-start-'));
    try {
      const env = { DATA_DIR: join(folder, 'data') };
      results.push({ engine: 'embedded', first: await start(fake, env), restart: await start(fake, env) });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    if (serverUrl) {
      const database = await createEmptyServerDatabase(serverUrl);
      try {
        const env = { DATABASE_URL: database.url };
        results.push({ engine: 'server', first: await start(fake, env), restart: await start(fake, env) });
      } finally {
        await database.drop();
      }
    }
  } finally {
    await fake.stop();
  }
  print(results, otherLoad);
}

/** One `npm start`: the build step, then the process until /healthz answers; then it is stopped. */
async function start(fake: SlackStandIn, env: Record<string, string>): Promise<Start> {
  const buildStarted = performance.now();
  const build = spawnSync(process.execPath, [projectPath('scripts', 'build-if-changed.mjs')], {
    cwd: projectPath(),
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the build step failed: ${build.stderr}`);
  const buildMs = performance.now() - buildStarted;

  const port = await freePort();
  const spawned = performance.now();
  const child = spawn(process.execPath, [projectPath('dist', 'src', 'main.js')], {
    cwd: projectPath(),
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      PORT: String(port),
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_API_URL: fake.apiUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let split: Record<string, number> = {};
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.includes('Rapport is running')) return;
    split = (JSON.parse(line) as { startup?: Record<string, number> }).startup ?? {};
  });
  const errors: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => errors.push(line));
  try {
    const healthzMs = (await untilHealthy(`http://127.0.0.1:${port}/healthz`, child)) - spawned;
    // The log line is written as the server starts listening; give the pipe a moment.
    for (let waited = 0; Object.keys(split).length === 0 && waited < 2_000; waited += 20) await sleep(20);
    return { buildMs, buildSaid: build.stdout.trim().split('\n').at(-1) ?? '', healthzMs, split };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${errors.join('\n')}`, { cause: error });
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}

async function untilHealthy(url: string, child: ReturnType<typeof spawn>): Promise<number> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Rapport exited (${child.exitCode}) before /healthz answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(500) });
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`/healthz did not answer within ${READY_TIMEOUT_MS / 1000} s`);
}

function print(
  results: { engine: 'embedded' | 'server'; first: Start; restart: Start }[],
  otherLoad: number,
) {
  const steps = ['loadMs', 'databaseOpenMs', 'migrationsMs', 'appMs', 'listenMs'];
  const names: Record<string, string> = {
    loadMs: 'load the code',
    databaseOpenMs: 'open the database',
    migrationsMs: 'migrations',
    appMs: 'the app (auth.test)',
    listenMs: 'listen',
  };
  const lines = ['', 'Start-up: `npm start` to the first 200 from /healthz', ...machineLines(otherLoad)];
  for (const { engine, first, restart } of results) {
    lines.push(`${engine}:`, `  ${''.padEnd(28)}${'first start'.padStart(14)}${'restart'.padStart(12)}`);
    const row = (name: string, a: number | undefined, b: number | undefined) =>
      lines.push(
        `  ${name.padEnd(28)}${(a === undefined ? '-' : `${Math.round(a)} ms`).padStart(14)}${(b === undefined ? '-' : `${Math.round(b)} ms`).padStart(12)}`,
      );
    row('build step (npm prestart)', first.buildMs, restart.buildMs);
    for (const step of steps) row(`  ${names[step] ?? step}`, first.split[step], restart.split[step]);
    row('process start to /healthz', first.healthzMs, restart.healthzMs);
    const total = restart.buildMs + restart.healthzMs;
    const goal = GOAL_RESTART_MS[engine];
    row('npm start to /healthz', first.buildMs + first.healthzMs, total);
    lines.push(
      `  restart within ${goal / 1000} s: ${verdict(total <= goal)}   (build step said: ${restart.buildSaid})`,
    );
  }
  console.log(lines.join('\n'));
}

runBench(main);
