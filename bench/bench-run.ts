import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../src/db/open-database.js';
import type { Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { projectPath } from '../src/project-path.js';
import { BOT_TOKEN, SlackStandIn } from '../src/slack-emulator/index.js';
import { type ChildApp, startChildApp, stopChildApp } from './child-app.js';
import type { Latency } from './latency-at-rate.js';

/**
 * What the benches that send Slack's requests over HTTP share: Rapport and a bare Bolt app as
 * child processes beside one Slack stand-in and one database, the run's settings, and the pieces
 * of their reports.
 */

export const SIGNING_SECRET = 'bench-signing-secret-5d1e8b3a9f';
/** Above this share of the CPUs busy with other work before the run, the figures are flagged. */
const BUSY_MACHINE = 0.1;

/** Where the bot keeps its data: a server (DATABASE_URL), or the embedded engine in a folder. */
export type BotDatabase = { url: string | undefined; dataDir: string };

export type BenchApps = {
  database: 'embedded' | 'server';
  fake: SlackStandIn;
  bot: ChildApp;
  bare: ChildApp;
  /** The durable ceiling (bench/durable-ceiling.ts), when asked for. */
  ceiling: ChildApp | undefined;
  botDatabase: BotDatabase;
};

/**
 * Starts the Slack stand-in, Rapport (on DATABASE_URL if set, else the embedded engine in a fresh
 * folder) and the bare Bolt app, runs `fn`, then stops them all and removes the folder.
 */
export async function withBenchApps<T>(
  options: { isExpectedOutput?: (line: string) => boolean; ceiling?: boolean; inspectBot?: boolean },
  fn: (apps: BenchApps) => Promise<T>,
): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const database = databaseUrl ? 'server' : 'embedded';
  const workDir = await mkdtemp(join(tmpdir(), 'rapport-bench-'));
  const botDatabase = { url: databaseUrl, dataDir: join(workDir, 'data') };
  const fake = await SlackStandIn.start();
  const apps: ChildApp[] = [];
  try {
    const slackEnv = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'warn',
    };
    const databaseEnv: Record<string, string> = databaseUrl
      ? { DATABASE_URL: databaseUrl }
      : { DATA_DIR: botDatabase.dataDir };
    console.log(`Starting Rapport (${database} database) and a bare Bolt app…`);
    const bot = await startChildApp('rapport', projectPath('dist', 'src', 'main.js'), {
      env: { ...slackEnv, ...databaseEnv },
      nodeArgs: profileArgs('rapport'),
      isExpectedOutput: options.isExpectedOutput,
      inspect: options.inspectBot,
    });
    apps.push(bot);
    const bare = await startChildApp('bare-bolt', projectPath('dist', 'bench', 'bare-bolt.js'), {
      env: slackEnv,
      nodeArgs: profileArgs('bare-bolt'),
    });
    apps.push(bare);
    // After the bot: on the embedded engine it joins the bot's.
    const ceiling = options.ceiling
      ? await startChildApp('durable-ceiling', projectPath('dist', 'bench', 'durable-ceiling.js'), {
          env: { ...slackEnv, ...databaseEnv },
          nodeArgs: profileArgs('durable-ceiling'),
        })
      : undefined;
    if (ceiling) apps.push(ceiling);
    return await fn({ database, fake, bot, bare, ceiling, botDatabase });
  } finally {
    await Promise.all(apps.map(stopChildApp));
    await fake.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** With BENCH_PROFILE_DIR set, each app writes a CPU profile there when it stops. */
function profileArgs(name: string): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
}

/**
 * The bot's database, opened by the bench while the bot still runs: with the embedded database
 * this joins the bot's engine (as `npm run export` does) rather than opening its files.
 */
export async function withBotDatabase<T>(
  database: BotDatabase,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const log = createLogger({ level: 'warn', destination: process.stderr });
  const opened = await openDatabase({ ...database, poolMax: 1 }, log, { migrate: false });
  try {
    return await fn(opened.db);
  } finally {
    await opened.close();
  }
}

/** People the stand-in answers users.info for; requests go between them, as in a real team. */
export function addPeople(fake: SlackStandIn, count = 50): string[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `U0BENCH${String(i).padStart(3, '0')}`;
    fake.addUser({ id, name: `bench-person-${i}` });
    return id;
  });
}

/**
 * How busy the machine is before the bench adds load, measured over a second. Both apps compete
 * with everything else for the CPUs, so on a busy machine both figures drop and vary between runs.
 */
export async function otherProcessesLoad(): Promise<number> {
  const before = cpuTimes();
  await sleep(1_000);
  const after = cpuTimes();
  return 1 - (after.idle - before.idle) / (after.total - before.total || 1);
}

function cpuTimes(): { idle: number; total: number } {
  return cpus().reduce(
    (sum, { times }) => ({
      idle: sum.idle + times.idle,
      total: sum.total + times.user + times.nice + times.sys + times.irq + times.idle,
    }),
    { idle: 0, total: 0 },
  );
}

/** The report's lines about where it ran: the machine, Node, and how busy the machine was. */
export function machineLines(otherLoad: number): string[] {
  const cpu = cpus();
  const share = `other processes used ${Math.round(otherLoad * 100)}% of the CPUs just before the run`;
  return [
    `on ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`,
    otherLoad > BUSY_MACHINE ? `${share}: figures may be low and vary between runs` : share,
  ];
}

export function percentiles(latency: Latency): string {
  return `p50 ${ms(latency.p50Ms)}, p99 ${ms(latency.p99Ms)}, max ${ms(latency.maxMs)}`;
}

export const verdict = (met: boolean) => (met ? 'met' : 'GOAL MISSED');
export const perSecond = (value: number) => value.toFixed(value < 1000 ? 1 : 0);
export const ms = (value: number) => `${value.toFixed(1)} ms`;

export function secondsFromEnv(): number {
  const raw = process.env.BENCH_SECONDS;
  const seconds = raw === undefined || raw === '' ? 10 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 1) {
    throw new Error(`BENCH_SECONDS must be a number of seconds, 1 or more (got ${raw})`);
  }
  return seconds;
}

/** Runs a bench's main, reporting a failure as one line and a non-zero exit code. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
