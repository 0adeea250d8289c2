import { cpus } from 'node:os';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import {
  addPeople,
  type BotDatabase,
  machineLines,
  otherProcessesLoad,
  percentiles,
  perSecond,
  runBench,
  secondsFromEnv,
  SIGNING_SECRET,
  verdict,
  withBenchApps,
  withBotDatabase,
} from './bench-run.js';
import type { ChildApp } from './child-app.js';
import { type CpuUse, startCpuMeter } from './cpu-use.js';
import { heapAfterGcMb } from './heap-after-gc.js';
import { type Latency, measureLatencyAtRate } from './latency-at-rate.js';
import { reactionRequests, type SignedRequest } from './reaction-requests.js';
import { measureThroughput, type Throughput } from './throughput.js';

/**
 * `npm run bench`: signed reaction_added events against Rapport with its real database, beside a
 * bare Bolt app with a no-op listener and the durable ceiling (bare Bolt that stores each reaction
 * with one group-committed insert and answers after the commit, on the same database), in the same
 * run on this machine. Reports requests per second for each, Rapport ÷ the ceiling as the headline
 * (goal ≥ 0.8) with Rapport ÷ bare Bolt beside it, and ack latency p50/p99 at a steady 200
 * requests per second (goal: p99 < 20 ms). Figures missing a goal are reported, not fatal.
 *
 * Database: DATABASE_URL if set (a Postgres server), otherwise the embedded one in a fresh folder.
 * BENCH_SECONDS sets the length of each measured run (default 10).
 */

const CONNECTIONS = 16;
const WARMUP_SECONDS = 3;
const STEADY_RATE = 200;
const GOAL_CEILING_RATIO = 0.8;
const GOAL_P99_MS = 20;

type Run = {
  database: 'embedded' | 'server';
  seconds: number;
  channelId: string;
  /** Share of the CPUs' time other processes used just before the run. */
  otherLoad: number;
};
type Figures = {
  bare: { throughput: Throughput; latency: Latency };
  ceiling: { throughput: Throughput; latency: Latency; cpu: CpuUse };
  bot: { throughput: Throughput; latency: Latency; cpu: CpuUse };
  kudos: { recorded: number; acknowledged: number; cutOff: number };
  /**
   * Rapport's memory, in MB, at idle and then after each of three throughput runs: resident (what
   * the process holds) and its JavaScript heap after a full collection (what is still reachable).
   */
  memory: { idleMb: number; afterRunsMb: number[]; heapIdleMb: number; heapAfterRunsMb: number[] };
};

async function main(): Promise<void> {
  const seconds = secondsFromEnv();
  const otherLoad = await otherProcessesLoad();
  await withBenchApps(
    { isExpectedOutput: isCutOffRequest, ceiling: true, inspectBot: true },
    async ({ database, fake, bot, bare, ceiling, botDatabase }) => {
      const run: Run = {
        database,
        seconds,
        channelId: `CBENCH${Date.now().toString(36).toUpperCase()}`,
        otherLoad,
      };
      const userIds = addPeople(fake);
      const next = reactionRequests({ signingSecret: SIGNING_SECRET, channelId: run.channelId, userIds });
      if (!ceiling) throw new Error('the durable ceiling did not start');
      const figures = await measure(run, { bare, ceiling, bot }, next);
      figures.kudos.recorded = await countKudos(botDatabase, run.channelId);
      printSummary(run, figures);
    },
  );
}

/**
 * autocannon hangs up on the requests in flight when a timed run ends, and the bot logs a warning
 * (`no_answer`) for each, though it stores their kudos all the same. The bench accounts for them from
 * autocannon's figures, so those lines are not shown.
 */
function isCutOffRequest(line: string): boolean {
  return line.includes('"outcome":"no_answer"');
}

/** Bare Bolt, the ceiling, then Rapport, in each phase, with the same load; all stay up throughout. */
async function measure(
  run: Run,
  { bare, ceiling, bot }: { bare: ChildApp; ceiling: ChildApp; bot: ChildApp },
  next: () => SignedRequest,
): Promise<Figures> {
  const closedLoop = (app: ChildApp, seconds: number) =>
    measureThroughput({ url: app.url, connections: CONNECTIONS, seconds, next });
  /** A closed-loop run and the CPU time each process spent on it. */
  const metered = async (app: ChildApp, seconds: number) => {
    // On the embedded engine the ceiling's database is the engine inside Rapport's process.
    const host = app !== bot && run.database === 'embedded' ? bot.process.pid : undefined;
    const meter = await startCpuMeter(pidOf(app), host);
    const throughput = await closedLoop(app, seconds);
    return { throughput, cpu: await meter.stop() };
  };
  const steady = (app: ChildApp) =>
    measureLatencyAtRate({ url: app.url, rate: STEADY_RATE, seconds: run.seconds, next });

  const idleMb = await residentMb(bot);
  const heapIdleMb = await heapMb(bot);
  // Warm-up: JIT, connection pools, and the bot's users cache (the first reactions ask users.info).
  console.log(`Warming up the three apps (${WARMUP_SECONDS} s each)…`);
  const bareWarmup = await closedLoop(bare, WARMUP_SECONDS);
  const ceilingWarmup = await closedLoop(ceiling, WARMUP_SECONDS);
  const botWarmup = await closedLoop(bot, WARMUP_SECONDS);
  reportFailures('warm-up', { bare: bareWarmup.failed + ceilingWarmup.failed, bot: botWarmup.failed });

  console.log(`Throughput: ${CONNECTIONS} connections, ${run.seconds} s each…`);
  const bareThroughput = await closedLoop(bare, run.seconds);
  const { throughput: ceilingThroughput, cpu: ceilingCpu } = await metered(ceiling, run.seconds);
  const { throughput: botThroughput, cpu: botCpu } = await metered(bot, run.seconds);
  const afterFirstRunMb = await residentMb(bot);
  const heapAfterRunsMb = [await heapMb(bot)];

  console.log(`Latency at a steady ${STEADY_RATE} requests/s, ${run.seconds} s each…`);
  const bareLatency = await steady(bare);
  const ceilingLatency = await steady(ceiling);
  const botLatency = await steady(bot);

  // Two more of Rapport's throughput runs: memory must not grow from one to the next.
  console.log(`Memory: two more throughput runs of Rapport, ${run.seconds} s each…`);
  const afterRunsMb = [afterFirstRunMb];
  const moreRuns: Throughput[] = [];
  for (let i = 0; i < 2; i += 1) {
    moreRuns.push(await closedLoop(bot, run.seconds));
    afterRunsMb.push(await residentMb(bot));
    heapAfterRunsMb.push(await heapMb(bot));
  }

  return {
    bare: { throughput: bareThroughput, latency: bareLatency },
    ceiling: { throughput: ceilingThroughput, latency: ceilingLatency, cpu: ceilingCpu },
    bot: { throughput: botThroughput, latency: botLatency, cpu: botCpu },
    kudos: {
      recorded: 0,
      acknowledged:
        botWarmup.acknowledged +
        botThroughput.acknowledged +
        botLatency.acknowledged +
        moreRuns.reduce((sum, r) => sum + r.acknowledged, 0),
      cutOff: botWarmup.cutOff + botThroughput.cutOff + moreRuns.reduce((sum, r) => sum + r.cutOff, 0),
    },
    memory: { idleMb, afterRunsMb, heapIdleMb, heapAfterRunsMb },
  };
}

/**
 * A process's resident memory (VmRSS in /proc/<pid>/status, Linux), in MB, a second after the
 * load stopped, so what the last requests held can be let go.
 */
function pidOf(app: ChildApp): number {
  const { pid } = app.process;
  if (pid === undefined) throw new Error(`${app.name} has no process id`);
  return pid;
}

/** The app's JavaScript heap after a full collection, through its inspector. */
async function heapMb(app: ChildApp): Promise<number> {
  if (!app.inspectorUrl) throw new Error(`${app.name} was started without its inspector`);
  return heapAfterGcMb(await app.inspectorUrl);
}

async function residentMb(app: ChildApp): Promise<number> {
  await sleep(1_000);
  const status = await readFile(`/proc/${app.process.pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for ${app.name}`);
  return kb / 1024;
}

/** Kudos the bot stored for this run's channel. */
async function countKudos(database: BotDatabase, channelId: string): Promise<number> {
  return withBotDatabase(database, async (db) => {
    const [row] = await db.query(
      'select count(*)::int as count from kudos where channel_id = $1',
      [channelId],
      z.object({ count: z.number() }),
    );
    return row?.count ?? 0;
  });
}

function reportFailures(phase: string, failed: { bare: number; bot: number }): void {
  if (failed.bare + failed.bot === 0) return;
  console.log(`${phase}: failed requests: bare Bolt ${failed.bare}, Rapport ${failed.bot}`);
}

function printSummary(run: Run, f: Figures): void {
  const toBare = f.bot.throughput.perSecond / f.bare.throughput.perSecond;
  const toCeiling = f.bot.throughput.perSecond / f.ceiling.throughput.perSecond;
  const p99 = f.bot.latency.p99Ms;
  const failed = {
    bare: f.bare.throughput.failed + f.bare.latency.failed,
    ceiling: f.ceiling.throughput.failed + f.ceiling.latency.failed,
    bot: f.bot.throughput.failed + f.bot.latency.failed,
  };
  const lines = [
    '',
    `Rapport reaction_added benchmark (database: ${run.database}, ${run.seconds} s per run)`,
    ...machineLines(run.otherLoad),
    `throughput, ${CONNECTIONS} connections:`,
    `  bare Bolt        : ${perSecond(f.bare.throughput.perSecond)} req/s`,
    `  durable ceiling  : ${perSecond(f.ceiling.throughput.perSecond)} req/s   (bare Bolt + one group-committed insert, answered after commit)`,
    `  Rapport          : ${perSecond(f.bot.throughput.perSecond)} req/s`,
    `  Rapport ÷ ceiling: ${toCeiling.toFixed(2)} (goal ≥ ${GOAL_CEILING_RATIO.toFixed(2)}): ${verdict(toCeiling >= GOAL_CEILING_RATIO)}   Rapport ÷ bare Bolt: ${toBare.toFixed(2)}`,
    `CPU per request in those runs (where the ${cpus().length} CPUs went):`,
    `  durable ceiling  : ${cpuLine(run, f.ceiling.cpu, f.ceiling.throughput, 'the ceiling')}`,
    `  Rapport          : ${cpuLine(run, f.bot.cpu, f.bot.throughput, 'Rapport')}`,
    `ack latency at a steady ${STEADY_RATE} req/s:`,
    `  bare Bolt        : ${percentiles(f.bare.latency)}`,
    `  durable ceiling  : ${percentiles(f.ceiling.latency)}`,
    `  Rapport          : ${percentiles(f.bot.latency)}   (goal p99 < ${GOAL_P99_MS} ms): ${verdict(p99 < GOAL_P99_MS)}`,
    ...lagging(f),
    `failed requests (non-2xx or no answer): bare Bolt ${failed.bare}, ceiling ${failed.ceiling}, Rapport ${failed.bot}`,
    kudosLine(f.kudos),
    memoryLine(f.memory),
  ];
  console.log(lines.join('\n'));
}

/**
 * Milliseconds of CPU per acknowledged request, by process, and their sum: with every CPU busy, a
 * contender's rate is the CPUs' time divided by that sum, so the line shows whose work sets it.
 */
function cpuLine(run: Run, cpu: CpuUse, throughput: Throughput, name: string): string {
  const per = (value: number) => (value / Math.max(1, throughput.acknowledged)).toFixed(3);
  const database =
    run.database === 'server'
      ? `Postgres ${per(cpu.databaseMs)} ms`
      : name === 'Rapport'
        ? 'the embedded engine counted in Rapport'
        : `Rapport's process (hosting the embedded engine) ${per(cpu.otherAppMs)} ms`;
  const total = cpu.appMs + cpu.otherAppMs + cpu.databaseMs + cpu.loadMs;
  return `${name} ${per(cpu.appMs)} ms, ${database}, load generator ${per(cpu.loadMs)} ms; all ${per(total)} ms`;
}

/** A generator that could not keep the rate would flatter the latency figures; say so. */
function lagging(f: Figures): string[] {
  const slow = [
    ['bare Bolt', f.bare.latency.sentPerSecond],
    ['the ceiling', f.ceiling.latency.sentPerSecond],
    ['Rapport', f.bot.latency.sentPerSecond],
  ] as const;
  return slow
    .filter(([, sent]) => sent < STEADY_RATE * 0.95)
    .map(([name, sent]) => `  warning: requests to ${name} went out at only ${perSecond(sent)} req/s`);
}

/**
 * Growth of the heap still reachable after a full collection, from the first throughput run to the
 * third, above this share is reported as a leak. Resident memory is shown beside it, but not
 * judged: a process keeps what a burst made it take, whether or not anything leaks.
 */
const GOAL_MEMORY_GROWTH = 0.1;

function memoryLine(m: Figures['memory']): string {
  const [first = 0, , third = 0] = m.heapAfterRunsMb;
  const growth = third / first - 1;
  const list = (values: number[]) => values.map((mb) => mb.toFixed(0)).join(' / ');
  return [
    `Rapport's memory, idle and then after each of three throughput runs:`,
    `  JavaScript heap after a full collection: ${m.heapIdleMb.toFixed(0)} MB idle; ${list(m.heapAfterRunsMb)} MB ` +
      `(first to third ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%, goal: no growth over ${GOAL_MEMORY_GROWTH * 100}%): ` +
      verdict(growth <= GOAL_MEMORY_GROWTH),
    `  resident: ${m.idleMb.toFixed(0)} MB idle; ${list(m.afterRunsMb)} MB`,
  ].join('\n');
}

function kudosLine(k: Figures['kudos']): string {
  const expected = k.acknowledged + k.cutOff;
  const detail = `${k.acknowledged} acknowledged + ${k.cutOff} in flight when a timed run ended`;
  return k.recorded === expected
    ? `kudos recorded: ${k.recorded} (${detail})`
    : `kudos recorded: ${k.recorded}, expected ${expected} (${detail}): MISMATCH`;
}

runBench(main);
