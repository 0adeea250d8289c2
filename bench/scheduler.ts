import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { createApp, type RapportApp } from '../src/app.js';
import type { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { type BenchDatabase, createBenchDatabase } from './bench-database.js';
import { type Latency, RateLimitedSlack } from './rate-limited-slack.js';
import { type Seeded, seedManyRituals, seedOneStandup } from './scheduler-seed.js';
import { settle, WrittenRows } from './written-rows.js';

/**
 * `npm run bench:scheduler`: the scheduler and the outbox of the real app, on a fresh database, against
 * a fake Slack that enforces 1 message per second per conversation and answers after a realistic
 * delay. Two scenarios:
 *   - 2,000 stand-ups across 50 zones, seeded so that one tick finds 500 prompts due;
 *   - one stand-up of 500 people, all due at one instant.
 * For each: the tick's claim-and-enqueue time beside its lower bound (the same rows written by one
 * statement per table, bench/written-rows.ts), the outbox's time to deliver every prompt, and a
 * check that each prompt reached Slack exactly once. Then the 500-person stand-up's day goes on:
 * 400 people answer, the tick of the reminders reminds the other 100, and the tick of the close
 * summarises the day; each beside its lower bound too.
 *
 * Database: a new database on BENCH_DATABASE_URL's server (dropped afterwards), or the embedded
 * engine. BENCH_SLACK_LATENCY_MS sets the fake Slack's delay per call, "min-max" (default 50-150).
 */

/** Monday 23 November 2026, 08:30 UTC: working hours from the Americas' night to Tokyo's evening. */
const DUE_AT = new Date('2026-11-23T08:30:00Z');
const DUE_PROMPTS = 500;
/** Of the 500-person stand-up, how many answer before the reminders. */
const ANSWERING = 400;
/** The tick's goals: under this, and within this many times its lower bound. */
const GOAL_TICK_MS = 250;
const GOAL_TICK_RATIO = 3;
/** Delivery that takes longer than this is reported as a failure rather than waited for. */
const DELIVERY_TIMEOUT_MS = 10 * 60 * 1000;
const BOT_TOKEN = 'xoxb-1111-2222-benchtoken';

type Figures = {
  name: string;
  seeded: Seeded;
  tickMs: number;
  boundMs: number;
  queued: number;
  conversations: number;
  deliveryMs: number;
  passes: number;
  outbox: { sent: number; failed: number; pending: number };
  slack: {
    posted: number;
    distinctPrompts: number;
    duplicated: number;
    rateLimited: number;
    maxInFlight: number;
  };
};

/** The app's clock: held at one instant for the tick, then running with real time for delivery. */
class BenchClock implements Clock {
  private base = DUE_AT;
  private startedAt: number | undefined;

  holdAt(at: Date): void {
    this.base = at;
    this.startedAt = undefined;
  }

  runFrom(at: Date): void {
    this.base = at;
    this.startedAt = performance.now();
  }

  now(): Date {
    const elapsed = this.startedAt === undefined ? 0 : performance.now() - this.startedAt;
    return new Date(this.base.getTime() + elapsed);
  }
}

async function main(): Promise<void> {
  const latency = latencyFromEnv();
  const log = createLogger({ level: 'warn', destination: process.stderr });
  const database = await createBenchDatabase(log);
  const slack = await RateLimitedSlack.start(latency);
  const clock = new BenchClock();
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: slack.apiUrl,
  });
  const app = createApp({ config, db: database.db, log, clock, slackRetries: 0 });
  try {
    console.log(`Scheduler benchmark (database: ${database.engine}); seeding…`);
    const scenario = { app, database, slack, clock };
    const many = await run(scenario, '(a, b) 2,000 rituals, 50 zones', (db) =>
      seedManyRituals(db, DUE_AT, DUE_PROMPTS),
    );
    const single = await run(scenario, '(c) one 500-person stand-up', (db) =>
      seedOneStandup(db, DUE_AT, DUE_PROMPTS),
    );
    const day = await restOfDay(scenario);
    printSummary(database.engine, latency, [many, single], day);
    if (![many, single].every(isComplete)) process.exitCode = 1;
  } finally {
    await app.background.drain();
    await slack.stop();
    await database.close();
  }
}

async function run(
  s: { app: RapportApp; database: BenchDatabase; slack: RateLimitedSlack; clock: BenchClock },
  name: string,
  seed: (db: Database) => Promise<Seeded>,
): Promise<Figures> {
  const { db } = s.database;
  await emptyTables(db);
  s.slack.reset();
  const seeded = await seed(db);
  console.log(
    `${name}: ${seeded.rituals} rituals (${seeded.localRituals} local), ${seeded.slots} slots in ${seeded.zones} zones, ${seeded.due} due`,
  );

  // The tick at the instant the prompts come due, as node-cron starts it on the minute.
  const { tickMs, boundMs } = await timedTick(s, DUE_AT);
  const queued = (await outboxCounts(db)).pending;
  const conversations = await conversationCount(db);

  // Delivery as node-cron drives it: a pass, then the next one on the next whole second.
  s.clock.runFrom(DUE_AT);
  const deliveryStarted = performance.now();
  let passes = 0;
  for (;;) {
    await s.app.jobs.deliver();
    passes += 1;
    if ((await outboxCounts(db)).pending === 0) break;
    if (performance.now() - deliveryStarted > DELIVERY_TIMEOUT_MS) break;
    await sleep(1_000 - (Date.now() % 1_000));
  }
  const posts = [...s.slack.postsByKey.values()];
  return {
    name,
    seeded,
    tickMs,
    boundMs,
    queued,
    conversations,
    deliveryMs: s.slack.lastPostAt - deliveryStarted,
    passes,
    outbox: await outboxCounts(db),
    slack: {
      posted: s.slack.counts.posted,
      distinctPrompts: posts.length,
      duplicated: posts.filter((n) => n > 1).length,
      rateLimited: s.slack.counts.rateLimited,
      maxInFlight: s.slack.maxInFlight,
    },
  };
}

/** A tick at `at`, timed, and its lower bound: the rows it wrote, written by one statement per table. */
async function timedTick(s: { app: RapportApp; database: BenchDatabase; clock: BenchClock }, at: Date) {
  const written = await WrittenRows.snapshot(s.database.db);
  await settle(s.database.db);
  s.clock.holdAt(at);
  const started = performance.now();
  const result = await s.app.jobs.tick();
  const tickMs = performance.now() - started;
  const bound = await written.writeBound();
  return { tickMs, boundMs: bound.ms, rows: bound.rows, result };
}

type DayFigures = { reminders: DayTick; close: DayTick };
type DayTick = { tickMs: number; boundMs: number; messages: number; rows: number };

/**
 * The rest of the 500-person stand-up's day, after its prompts went out: 400 people answer, then
 * the tick of the reminders, then the tick of the close, each timed beside its lower bound.
 */
async function restOfDay(s: {
  app: RapportApp;
  database: BenchDatabase;
  clock: BenchClock;
}): Promise<DayFigures> {
  const { db } = s.database;
  await db.execute(
    `insert into checkins (team_id, ritual_id, user_id, local_date, status, answers, blocker, submitted_at, updated_at)
     select s.team_id, s.ritual_id, s.participant_id, o.local_date, 'answered',
            jsonb_build_array(jsonb_build_object('question', r.questions[1], 'answer', 'Shipped the importer'),
                              jsonb_build_object('question', r.questions[2], 'answer', 'The exporter'),
                              jsonb_build_object('question', r.questions[3], 'answer', case when n % 10 = 0 then 'Waiting on access' else '' end)),
            n % 10 = 0, $1, $1
     from (select *, row_number() over (order by participant_id) as n from ritual_slots) s
     join rituals r on r.team_id = s.team_id and r.id = s.ritual_id
     join ritual_occurrences o on o.team_id = s.team_id and o.ritual_id = s.ritual_id and o.participant_id = s.participant_id
     where s.n <= $2`,
    [new Date(DUE_AT.getTime() + 30 * 60_000), ANSWERING],
  );
  const due = await db.query(
    `select kind, min(due_at) as due_at from ritual_followups group by kind`,
    [],
    z.object({ kind: z.enum(['reminder', 'close']), due_at: z.date() }),
  );
  const at = (kind: string) => {
    const found = due.find((d) => d.kind === kind)?.due_at;
    if (!found) throw new Error(`no ${kind} was planned for the 500-person stand-up`);
    return found;
  };
  const tickOf = async (kind: string): Promise<DayTick> => {
    const before = (await outboxCounts(db)).pending;
    const tick = await timedTick(s, at(kind));
    return {
      tickMs: tick.tickMs,
      boundMs: tick.boundMs,
      messages: (await outboxCounts(db)).pending - before,
      rows: Object.values(tick.rows).reduce((a, b) => a + b, 0),
    };
  };
  return { reminders: await tickOf('reminder'), close: await tickOf('close') };
}

/** Every prompt that was due was queued, sent, and reached Slack exactly once. */
function isComplete(f: Figures): boolean {
  const due = f.seeded.due;
  return (
    f.queued === due &&
    f.outbox.sent === due &&
    f.outbox.failed + f.outbox.pending === 0 &&
    f.slack.posted === due &&
    f.slack.distinctPrompts === due &&
    f.slack.duplicated === 0
  );
}

async function outboxCounts(db: Database) {
  const [row] = await db.query(
    `select count(*) filter (where status = 'sent')::int as sent,
            count(*) filter (where status = 'failed')::int as failed,
            count(*) filter (where status = 'pending')::int as pending
     from outbox`,
    [],
    z.object({ sent: z.number(), failed: z.number(), pending: z.number() }),
  );
  return row ?? { sent: 0, failed: 0, pending: 0 };
}

async function conversationCount(db: Database): Promise<number> {
  const [row] = await db.query(
    'select count(distinct channel_id)::int as count from outbox',
    [],
    z.object({ count: z.number() }),
  );
  return row?.count ?? 0;
}

async function emptyTables(db: Database): Promise<void> {
  const tables = await db.query(
    `select tablename from pg_tables where schemaname = 'public' and tablename <> 'pgmigrations'`,
    [],
    z.object({ tablename: z.string() }),
  );
  await db.execute(`truncate ${tables.map((t) => t.tablename).join(', ')}`, []);
}

function printSummary(engine: string, latency: Latency, all: Figures[], day: DayFigures): void {
  const cpu = cpus();
  const rows = [
    ['', ...all.map((f) => f.name)],
    ['prompts due at the tick', ...all.map((f) => String(f.seeded.due))],
    ['tick: claim and enqueue', ...all.map((f) => `${f.tickMs.toFixed(0)} ms`)],
    ['    lower bound: its rows, one insert a table', ...all.map((f) => `${f.boundMs.toFixed(0)} ms`)],
    [
      `    tick ÷ bound (goals: ≤ ${GOAL_TICK_RATIO}×, < ${GOAL_TICK_MS} ms)`,
      ...all.map(
        (f) => `${(f.tickMs / f.boundMs).toFixed(2)}×${goalsMet(f.tickMs, f.boundMs) ? '' : ' MISSED'}`,
      ),
    ],
    ['    queued (conversations)', ...all.map((f) => `${f.queued} (${f.conversations})`)],
    ['outbox: deliver all', ...all.map((f) => `${f.deliveryMs.toFixed(0)} ms`)],
    ['    messages/s', ...all.map((f) => (f.seeded.due / (f.deliveryMs / 1000)).toFixed(1))],
    ['    delivery passes', ...all.map((f) => String(f.passes))],
    ['    last prompt, after due', ...all.map((f) => `${((f.tickMs + f.deliveryMs) / 1000).toFixed(1)} s`)],
    ['    Slack calls in flight, most', ...all.map((f) => String(f.slack.maxInFlight))],
    ['    429s from Slack', ...all.map((f) => String(f.slack.rateLimited))],
    [
      'outbox sent / failed / pending',
      ...all.map((f) => `${f.outbox.sent} / ${f.outbox.failed} / ${f.outbox.pending}`),
    ],
    ['    prompts in Slack (distinct)', ...all.map((f) => `${f.slack.posted} (${f.slack.distinctPrompts})`)],
    [
      '    lost / duplicated',
      ...all.map((f) => `${f.seeded.due - f.slack.distinctPrompts} / ${f.slack.duplicated}`),
    ],
    ['    complete, each once', ...all.map((f) => (isComplete(f) ? 'yes' : 'NO: MISMATCH'))],
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  console.log(
    [
      '',
      `Scheduler and outbox benchmark (database: ${engine}) on ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`,
      `fake Slack: ${latency.minMs}-${latency.maxMs} ms per call (uniform), 1 message per second per conversation (HTTP 429, Retry-After: 1)`,
      ...rows.map((r) =>
        r
          .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
          .join('   '),
      ),
    ].join('\n'),
  );
  printDay(day);
}

function printDay(day: DayFigures): void {
  const row = (name: string, t: DayTick) =>
    `${name.padEnd(40)}${`${t.tickMs.toFixed(0)} ms`.padStart(9)}${`${t.boundMs.toFixed(0)} ms`.padStart(9)}` +
    `${`${(t.tickMs / t.boundMs).toFixed(2)}×${goalsMet(t.tickMs, t.boundMs) ? '' : ' MISSED'}`.padStart(14)}` +
    `   ${t.messages} messages, ${t.rows} rows`;
  console.log(
    [
      '',
      `The 500-person stand-up's day, ${ANSWERING} having answered   tick    bound   tick ÷ bound`,
      row('tick of the reminders', day.reminders),
      row("tick of the day's close", day.close),
    ].join('\n'),
  );
}

const goalsMet = (tickMs: number, boundMs: number) =>
  tickMs < GOAL_TICK_MS && tickMs <= GOAL_TICK_RATIO * boundMs;

function latencyFromEnv(): Latency {
  const raw = process.env.BENCH_SLACK_LATENCY_MS || '50-150';
  const [minMs, maxMs] = raw.split('-').map(Number);
  if (minMs === undefined || maxMs === undefined || !(minMs >= 0 && maxMs >= minMs)) {
    throw new Error(`BENCH_SLACK_LATENCY_MS must be "min-max" in milliseconds, such as 50-150 (got ${raw})`);
  }
  return { minMs, maxMs };
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
