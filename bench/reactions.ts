import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { openDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/logger.js';
import { projectPath } from '../src/project-path.js';
import { BOT_TOKEN, SlackStandIn } from '../src/slack-emulator/index.js';
import { type ChildApp, startChildApp, stopChildApp } from './child-app.js';
import { type Latency, measureLatencyAtRate } from './latency-at-rate.js';
import { reactionRequests, type SignedRequest } from './reaction-requests.js';
import { measureThroughput, type Throughput } from './throughput.js';

/**
 * `npm run bench`: signed reaction_added events against Rapport with its real database, beside a
 * bare Bolt app with a no-op listener, in the same run on this machine. Reports requests per second
 * for both and their ratio (goal: Rapport ≥ 0.7 of bare Bolt), and ack latency p50/p99 at a steady
 * 200 requests per second (goal: p99 < 50 ms). Figures missing a goal are reported, not fatal.
 *
 * Database: DATABASE_URL if set (a Postgres server), otherwise the embedded one in a fresh folder.
 * BENCH_SECONDS sets the length of each measured run (default 10).
 */

const SIGNING_SECRET = 'bench-signing-secret-5d1e8b3a9f';
const USER_COUNT = 50;
const CONNECTIONS = 16;
const WARMUP_SECONDS = 3;
const STEADY_RATE = 200;
const GOAL_RATIO = 0.7;
const GOAL_P99_MS = 50;
/** Above this share of the CPUs busy with other work before the run, the figures are flagged. */
const BUSY_MACHINE = 0.1;

type Run = {
  database: 'embedded' | 'server';
  seconds: number;
  channelId: string;
  /** Share of the CPUs' time other processes used just before the run. */
  otherLoad: number;
};
type Figures = {
  bare: { throughput: Throughput; latency: Latency };
  bot: { throughput: Throughput; latency: Latency };
  kudos: { recorded: number; acknowledged: number; cutOff: number };
};

async function main(): Promise<void> {
  const seconds = secondsFromEnv();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const run: Run = {
    database: databaseUrl ? 'server' : 'embedded',
    seconds,
    channelId: `CBENCH${Date.now().toString(36).toUpperCase()}`,
    otherLoad: await otherProcessesLoad(),
  };
  const workDir = await mkdtemp(join(tmpdir(), 'rapport-bench-'));
  const dataDir = join(workDir, 'data');
  const fake = await SlackStandIn.start();
  const userIds = addPeople(fake);
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
      : { DATA_DIR: dataDir };
    console.log(`Starting Rapport (${run.database} database) and a bare Bolt app…`);
    const bot = await startChildApp('rapport', projectPath('dist', 'src', 'main.js'), {
      env: { ...slackEnv, ...databaseEnv },
      nodeArgs: profileArgs('rapport'),
      isExpectedOutput: isCutOffRequest,
    });
    apps.push(bot);
    const bare = await startChildApp('bare-bolt', projectPath('dist', 'bench', 'bare-bolt.js'), {
      env: slackEnv,
      nodeArgs: profileArgs('bare-bolt'),
    });
    apps.push(bare);

    const next = reactionRequests({ signingSecret: SIGNING_SECRET, channelId: run.channelId, userIds });
    const figures = await measure(run, bare, bot, next);
    figures.kudos.recorded = await countKudos({ url: databaseUrl, dataDir }, run.channelId);
    printSummary(run, figures);
  } finally {
    await Promise.all(apps.map(stopChildApp));
    await fake.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * autocannon hangs up on the requests in flight when a timed run ends, and the bot logs a warning
 * (`no_answer`) for each, though it stores their kudos all the same. The bench accounts for them from
 * autocannon's figures, so those lines are not shown.
 */
function isCutOffRequest(line: string): boolean {
  return line.includes('"outcome":"no_answer"');
}

/** With BENCH_PROFILE_DIR set, each app writes a CPU profile there when it stops. */
function profileArgs(name: string): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
}

/** Bare Bolt first, then Rapport, in each phase, with the same load; both apps stay up throughout. */
async function measure(run: Run, bare: ChildApp, bot: ChildApp, next: () => SignedRequest): Promise<Figures> {
  const closedLoop = (app: ChildApp, seconds: number) =>
    measureThroughput({ url: app.url, connections: CONNECTIONS, seconds, next });
  const steady = (app: ChildApp) =>
    measureLatencyAtRate({ url: app.url, rate: STEADY_RATE, seconds: run.seconds, next });

  // Warm-up: JIT, connection pools, and the bot's users cache (the first reactions ask users.info).
  console.log(`Warming up both apps (${WARMUP_SECONDS} s each)…`);
  const bareWarmup = await closedLoop(bare, WARMUP_SECONDS);
  const botWarmup = await closedLoop(bot, WARMUP_SECONDS);
  reportFailures('warm-up', { bare: bareWarmup.failed, bot: botWarmup.failed });

  console.log(`Throughput: ${CONNECTIONS} connections, ${run.seconds} s each…`);
  const bareThroughput = await closedLoop(bare, run.seconds);
  const botThroughput = await closedLoop(bot, run.seconds);

  console.log(`Latency at a steady ${STEADY_RATE} requests/s, ${run.seconds} s each…`);
  const bareLatency = await steady(bare);
  const botLatency = await steady(bot);

  return {
    bare: { throughput: bareThroughput, latency: bareLatency },
    bot: { throughput: botThroughput, latency: botLatency },
    kudos: {
      recorded: 0,
      acknowledged: botWarmup.acknowledged + botThroughput.acknowledged + botLatency.acknowledged,
      cutOff: botWarmup.cutOff + botThroughput.cutOff,
    },
  };
}

/**
 * How busy the machine is before the bench adds load, measured over a second. Both apps compete
 * with everything else for the CPUs, so on a busy machine both figures drop and vary between runs.
 */
async function otherProcessesLoad(): Promise<number> {
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

/** People the fake Slack answers users.info for; reactions go between them. */
function addPeople(fake: SlackStandIn): string[] {
  return Array.from({ length: USER_COUNT }, (_, i) => {
    const id = `U0BENCH${String(i).padStart(3, '0')}`;
    fake.addUser({ id, name: `bench-person-${i}` });
    return id;
  });
}

/**
 * Kudos the bot stored for this run's channel, read while the bot still runs: with the embedded
 * database this joins the bot's engine (as `npm run export` does) rather than opening its files.
 */
async function countKudos(database: { url: string | undefined; dataDir: string }, channelId: string) {
  const log = createLogger({ level: 'warn', destination: process.stderr });
  const opened = await openDatabase({ ...database, poolMax: 1 }, log, { migrate: false });
  try {
    const [row] = await opened.db.query(
      'select count(*)::int as count from kudos where channel_id = $1',
      [channelId],
      z.object({ count: z.number() }),
    );
    return row?.count ?? 0;
  } finally {
    await opened.close();
  }
}

function reportFailures(phase: string, failed: { bare: number; bot: number }): void {
  if (failed.bare + failed.bot === 0) return;
  console.log(`${phase}: failed requests: bare Bolt ${failed.bare}, Rapport ${failed.bot}`);
}

function printSummary(run: Run, f: Figures): void {
  const ratio = f.bot.throughput.perSecond / f.bare.throughput.perSecond;
  const p99 = f.bot.latency.p99Ms;
  const failed = {
    bare: f.bare.throughput.failed + f.bare.latency.failed,
    bot: f.bot.throughput.failed + f.bot.latency.failed,
  };
  const cpu = cpus();
  const lines = [
    '',
    `Rapport reaction_added benchmark (database: ${run.database}, ${run.seconds} s per run)`,
    `on ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`,
    busyMachine(run.otherLoad),
    `throughput, ${CONNECTIONS} connections:`,
    `  bare Bolt : ${perSecond(f.bare.throughput.perSecond)} req/s`,
    `  Rapport   : ${perSecond(f.bot.throughput.perSecond)} req/s   ratio ${ratio.toFixed(2)} (goal ≥ ${GOAL_RATIO.toFixed(2)}): ${verdict(ratio >= GOAL_RATIO)}`,
    `ack latency at a steady ${STEADY_RATE} req/s:`,
    `  bare Bolt : ${percentiles(f.bare.latency)}`,
    `  Rapport   : ${percentiles(f.bot.latency)}   (goal p99 < ${GOAL_P99_MS} ms): ${verdict(p99 < GOAL_P99_MS)}`,
    ...lagging(f),
    `failed requests (non-2xx or no answer): bare Bolt ${failed.bare}, Rapport ${failed.bot}`,
    kudosLine(f.kudos),
  ];
  console.log(lines.join('\n'));
}

function busyMachine(otherLoad: number): string {
  const share = `other processes used ${Math.round(otherLoad * 100)}% of the CPUs just before the run`;
  return otherLoad > BUSY_MACHINE ? `${share}: figures may be low and vary between runs` : share;
}

function percentiles(latency: Latency): string {
  return `p50 ${ms(latency.p50Ms)}, p99 ${ms(latency.p99Ms)}, max ${ms(latency.maxMs)}`;
}

/** A generator that could not keep the rate would flatter the latency figures; say so. */
function lagging(f: Figures): string[] {
  const slow = [
    ['bare Bolt', f.bare.latency.sentPerSecond],
    ['Rapport', f.bot.latency.sentPerSecond],
  ] as const;
  return slow
    .filter(([, sent]) => sent < STEADY_RATE * 0.95)
    .map(([name, sent]) => `  warning: requests to ${name} went out at only ${perSecond(sent)} req/s`);
}

function kudosLine(k: Figures['kudos']): string {
  const expected = k.acknowledged + k.cutOff;
  const detail = `${k.acknowledged} acknowledged + ${k.cutOff} in flight when a timed run ended`;
  return k.recorded === expected
    ? `kudos recorded: ${k.recorded} (${detail})`
    : `kudos recorded: ${k.recorded}, expected ${expected} (${detail}): MISMATCH`;
}

const verdict = (met: boolean) => (met ? 'met' : 'GOAL MISSED');
const perSecond = (value: number) => value.toFixed(value < 1000 ? 1 : 0);
const ms = (value: number) => `${value.toFixed(1)} ms`;

function secondsFromEnv(): number {
  const raw = process.env.BENCH_SECONDS;
  const seconds = raw === undefined || raw === '' ? 10 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 1) {
    throw new Error(`BENCH_SECONDS must be a number of seconds, 1 or more (got ${raw})`);
  }
  return seconds;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
