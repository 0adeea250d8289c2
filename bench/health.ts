import { cpus } from 'node:os';
import pg from 'pg';
import { z } from 'zod';
import type { Database } from '../src/db/database.js';
import { computeDigest, computePeriods, type Digest } from '../src/health/digest.js';
import { createLogger } from '../src/logger.js';
import { createBenchDatabase } from './bench-database.js';
import { END, seedSizes, seedYear, TEAM } from './health-seed.js';

/**
 * `npm run bench:health`: the alliance-health digest of one channel, on a generated year of a
 * 2,000-person workspace (200 alliance channels, about a million kudos, 500k check-ins, 20k
 * credits; see bench/health-seed.ts), beside the lower bound a digest cannot beat: one aggregate
 * statement that reads the rows the digest must read (the channel's stand-up occurrences and
 * check-ins, kudos, credits, action items, retros, pulse answers and sides for its week, the
 * check-ins of the blocker look-back, the give ledger's quarter, the coffee pairs' members and
 * the groups that met in their 91 days and quarter, the channel's escalations raised before its
 * end, and the 7 weeks stored before it),
 * timed in the same run on
 * the same connection pool, sent as the bot sends a statement (parsed and planned each time).
 * The digest's two biggest statements are database functions that keep their plans; the same
 * bound with its plan kept is timed too and printed beside it, so that what the kept plans save
 * is visible rather than counted as the digest's own.
 * Reports, for a few channels, the median and p95 of each over RUNS runs after a warm-up, their
 * ratio, the same two scorecards counted separately, and the wall time of all 200 channels'
 * digests one after another and several at a time.
 * Goals: one digest under 300 ms, and at most 2× the lower bound as sent (all 200 channels too). A goal missed is reported, not
 * fatal; the exit code is 1 when a digest's counts disagree with the lower bound's own.
 *
 * Database: a new database on BENCH_DATABASE_URL's server (dropped afterwards), or the embedded
 * engine. BENCH_HEALTH_SCALE (0–1, default 1) shrinks the year's kudos, credits and stand-up days.
 */

const RUNS = 20;
const WARMUP = 3;
const CONCURRENCY = 8;
const GOAL_DIGEST_MS = 300;
const GOAL_RATIO = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one digest measured, as a weekly digest makes it: the week's scorecard (both weeks' counts in
 * one statement when the week before is not stored), the 7 weeks before read from what earlier
 * digests stored, and the lists of what to celebrate and what needs attention. The week's stored
 * scorecard is removed first, untimed, so each run computes it again rather than reading it back.
 */
async function digestOf(db: Database, channelId: string, end: Date): Promise<{ ms: number; digest: Digest }> {
  await db.execute('delete from health_periods where team_id = $1 and channel_id = $2 and period_end = $3', [
    TEAM,
    channelId,
    end,
  ]);
  const started = performance.now();
  const digest = await computeDigest(db, { teamId: TEAM, channelId, end, now: end });
  return { ms: performance.now() - started, digest };
}

/** The same week's scorecard and the week before's, counted separately in parallel, for comparison. */
async function twoScorecards(db: Database, channelId: string, end: Date) {
  return Promise.all([
    computePeriods(db, TEAM, channelId, [end]),
    computePeriods(db, TEAM, channelId, [new Date(end.getTime() - 7 * DAY_MS)]),
  ]);
}

/**
 * The lower bound: one statement, one round trip, reading each row the digest needs once (both
 * periods together), with only counts to send back. The counts also check the digest's.
 */
const LOWER_BOUND = `
  with occurrences as (
    select o.scheduled_at >= $4 as current, c.status
    from ritual_occurrences o
    join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
    left join checkins c on c.team_id = o.team_id and c.ritual_id = o.ritual_id
      and c.user_id = o.participant_id and c.local_date = o.local_date
    where o.team_id = $1 and r.channel_id = $2 and r.kind = 'standup'
      and o.status in ('sent', 'answered') and o.scheduled_at >= $3 and o.scheduled_at < $5
  ),
  kudos_in as (
    select created_at >= $4 as current from kudos
    where team_id = $1 and channel_id = $2 and created_at >= $3 and created_at < $5 and retracted_at is null
  ),
  credited as (
    select c.created_at >= $4 as current, c.id from credits c
    join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status <> 'declined'
    where c.team_id = $1 and c.channel_id = $2 and c.created_at >= $3 and c.created_at < $5
  )
  select
    (select count(*) filter (where current and status is distinct from 'skipped') from occurrences)::int as expected,
    (select count(*) filter (where current and status = 'answered') from occurrences)::int as answered,
    (select count(*) filter (where not current and status is distinct from 'skipped') from occurrences)::int
      as expected_before,
    (select count(*) filter (where current) from kudos_in)::int as kudos,
    (select count(*) filter (where not current) from kudos_in)::int as kudos_before,
    (select count(distinct id) filter (where current) from credited)::int as deliverables,
    (select count(*) filter (where current) from credited)::int as contributors,
    (select count(*) from checkins c join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
     -- Each check-in falls in a period by its prompt's time (health_period_counts's \`answered\`).
     left join ritual_occurrences o on o.team_id = c.team_id and o.ritual_id = c.ritual_id
       and o.participant_id = c.user_id and o.local_date = c.local_date
     left join ritual_slots s on s.team_id = c.team_id and s.ritual_id = c.ritual_id
       and s.participant_id = c.user_id and s.next_local_date = c.local_date
     where c.team_id = $1 and r.channel_id = $2 and r.kind = 'standup' and c.status = 'answered'
       and c.local_date >= ($3::timestamptz at time zone 'UTC')::date - 58
       and c.local_date < ($5::timestamptz at time zone 'UTC')::date + 2
       and coalesce(o.scheduled_at, s.next_at, c.submitted_at) >= $3::timestamptz - interval '56 days'
       and coalesce(o.scheduled_at, s.next_at, c.submitted_at) < $5)::int as lookback_checkins,
    (select count(*) from action_items where team_id = $1 and channel_id = $2
       and (due_on >= ($3::timestamptz at time zone 'UTC')::date and due_on < ($5::timestamptz at time zone 'UTC')::date
            or done_at >= $3 and done_at < $5))::int as actions,
    (select count(*) from ritual_occurrences o join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
     left join retros t on t.team_id = o.team_id and t.ritual_id = o.ritual_id and t.local_date = o.local_date
     where o.team_id = $1 and r.channel_id = $2 and r.kind = 'retro' and o.status = 'sent'
       and o.scheduled_at >= $3 and o.scheduled_at < $5)::int as retros,
    (select count(*) from pulse_rounds p join pulse_responses a
       on a.team_id = p.team_id and a.ritual_id = p.ritual_id and a.round_date = p.round_date
     where p.team_id = $1 and p.channel_id = $2
       and p.closed_at >= $3::timestamptz - interval '35 days' and p.closed_at < $5)::int as pulse_answers,
    (select count(*) from alliance_sides where team_id = $1 and channel_id = $2)::int as sides,
    (select count(*) from gives g join give_receivers r on r.team_id = g.team_id and r.give_id = g.id
     where g.team_id = $1 and g.channel_id = $2
       and g.created_at >= date_trunc('quarter', $5::timestamptz - interval '1 microsecond', 'UTC')
       and g.created_at < $5)::int as quarter_gives,
    (select count(*) from pair_members where team_id = $1 and channel_id = $2)::int as pair_members,
    (select count(*) filter (where g.met_at >= date_trunc('quarter', $5::timestamptz - interval '1 microsecond', 'UTC'))
     from pair_rounds r
     join pair_groups g on g.team_id = r.team_id and g.ritual_id = r.ritual_id and g.round_date = r.round_date
     where r.team_id = $1 and r.channel_id = $2
       and g.met_at >= least($5::timestamptz - interval '91 days',
                             date_trunc('quarter', $5::timestamptz - interval '1 microsecond', 'UTC'))
       and g.met_at < $5)::int as pair_meetings,
    (select count(*) from escalations where team_id = $1 and channel_id = $2 and raised_at < $5)::int as escalations,
    (select count(*) from health_periods where team_id = $1 and channel_id = $2
       and period_end >= $5::timestamptz - interval '51 days' and period_end < $5)::int as stored_weeks`;

const lowerBoundRow = z.object({
  expected: z.number(),
  answered: z.number(),
  expected_before: z.number(),
  kudos: z.number(),
  kudos_before: z.number(),
  deliverables: z.number(),
  contributors: z.number(),
  lookback_checkins: z.number(),
  actions: z.number(),
  retros: z.number(),
  pulse_answers: z.number(),
  sides: z.number(),
  quarter_gives: z.number(),
  pair_members: z.number(),
  pair_meetings: z.number(),
  escalations: z.number(),
  stored_weeks: z.number(),
});
type LowerBound = z.infer<typeof lowerBoundRow>;

/**
 * The same statement inside a function that keeps its one generic plan, as the digest's own
 * statements do (migrations/1765300000000): the bound without its planning. It is created in the
 * bench's own database only.
 */
const KEPT_PLAN_BOUND = `
  create function bench_lower_bound(text, text, timestamptz, timestamptz, timestamptz)
  returns table (${Object.keys(lowerBoundRow.shape)
    .map((column) => `${column} int`)
    .join(', ')})
  language plpgsql stable set plan_cache_mode = force_generic_plan as $$
  #variable_conflict use_column
  begin return query ${LOWER_BOUND}; end $$`;

type BoundKind = 'as sent' | 'plan kept';

async function lowerBound(db: Database, channelId: string, end: Date, kind: BoundKind): Promise<LowerBound> {
  const [row] = await db.query(
    kind === 'as sent' ? LOWER_BOUND : 'select * from bench_lower_bound($1, $2, $3, $4, $5)',
    // The week only: a weekly digest reads the week before as it was stored, like the 6 before it.
    [TEAM, channelId, new Date(end.getTime() - 7 * DAY_MS), new Date(end.getTime() - 7 * DAY_MS), end],
    lowerBoundRow,
  );
  if (!row) throw new Error('the lower-bound query returned no row');
  return row;
}

type Timings = { medianMs: number; p95Ms: number };
type ChannelFigures = {
  label: string;
  channelId: string;
  rows: LowerBound;
  digest: Timings;
  separate: Timings;
  bound: Timings;
  keptBound: Timings;
  /** What differs between the digest's counts and the lower bound's; empty when they agree. */
  mismatches: string[];
};
type AllFigures = { channels: number; sequentialMs: number; concurrentMs: number; boundSequentialMs: number };

async function main(): Promise<void> {
  const scale = scaleFromEnv();
  const log = createLogger({ level: 'warn', destination: process.stderr });
  const database = await createBenchDatabase(log);
  try {
    console.log(`Alliance-health benchmark (database: ${database.engine}, scale ${scale}); seeding…`);
    // Seeding runs statements far longer than the bot's time limit, on a connection of its own.
    const seeder = new pg.Client({ connectionString: database.url });
    await seeder.connect();
    const seedStarted = performance.now();
    let sizes: Record<string, number>;
    try {
      const steps = await seedYear(seeder, scale);
      for (const s of steps) console.log(`  ${s.step.padEnd(22)} ${(s.ms / 1000).toFixed(1).padStart(6)} s`);
      sizes = await seedSizes(seeder);
    } finally {
      await seeder.end();
    }
    const seedMs = performance.now() - seedStarted;
    console.log(
      `seeded in ${(seedMs / 1000).toFixed(1)} s: ${Object.entries(sizes)
        .map(([table, count]) => `${table} ${count.toLocaleString('en')}`)
        .join(', ')}`,
    );

    const { db } = database;
    await db.execute(KEPT_PLAN_BOUND, []);
    const channels = await pickChannels(db);
    const figures: ChannelFigures[] = [];
    for (const { label, channelId } of channels) figures.push(await timeChannel(db, label, channelId));
    const all = await timeAllChannels(db);
    printSummary(database.engine, seedMs, sizes, figures, all);
    for (const f of figures) {
      for (const m of f.mismatches)
        console.error(`${f.channelId}: the digest and the lower bound disagree: ${m}`);
    }
    if (figures.some((f) => f.mismatches.length > 0)) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

/** The channels with the most, the median and the fewest kudos in the week, and one that declared sides. */
async function pickChannels(db: Database): Promise<{ label: string; channelId: string }[]> {
  const rows = await db.query(
    `select channel_id, count(*)::int as kudos,
            exists (select 1 from alliance_sides s where s.team_id = k.team_id and s.channel_id = k.channel_id) as declared
     from kudos k
     where team_id = $1 and created_at >= $2 and created_at < $3
     group by team_id, channel_id
     order by kudos desc, channel_id`,
    [TEAM, new Date(END.getTime() - 7 * DAY_MS), END],
    z.object({ channel_id: z.string(), kudos: z.number(), declared: z.boolean() }),
  );
  const busiest = rows[0];
  const median = rows[Math.floor(rows.length / 2)];
  const quietest = rows[rows.length - 1];
  const declared = rows.find((r) => r.declared && r !== busiest && r !== median && r !== quietest);
  if (!busiest || !median || !quietest) throw new Error('the seed left no kudos in the last week');
  return [
    { label: 'most kudos', channelId: busiest.channel_id },
    { label: 'median kudos', channelId: median.channel_id },
    { label: 'fewest kudos', channelId: quietest.channel_id },
    ...(declared ? [{ label: 'declared sides', channelId: declared.channel_id }] : []),
  ];
}

/** The digest and the lower bound in turn, so both see the same state of the machine. */
async function timeChannel(db: Database, label: string, channelId: string): Promise<ChannelFigures> {
  for (let i = 0; i < WARMUP; i += 1) {
    await digestOf(db, channelId, END);
    await twoScorecards(db, channelId, END);
    await lowerBound(db, channelId, END, 'as sent');
    await lowerBound(db, channelId, END, 'plan kept');
  }
  const digestMs: number[] = [];
  const separateMs: number[] = [];
  const boundMs: number[] = [];
  const keptBoundMs: number[] = [];
  let digest: Digest | undefined;
  let rows: LowerBound | undefined;
  for (let i = 0; i < RUNS; i += 1) {
    const run = await digestOf(db, channelId, END);
    digest = run.digest;
    digestMs.push(run.ms);
    let started = performance.now();
    await twoScorecards(db, channelId, END);
    separateMs.push(performance.now() - started);
    started = performance.now();
    rows = await lowerBound(db, channelId, END, 'as sent');
    boundMs.push(performance.now() - started);
    started = performance.now();
    const kept = await lowerBound(db, channelId, END, 'plan kept');
    keptBoundMs.push(performance.now() - started);
    if (JSON.stringify(kept) !== JSON.stringify(rows)) throw new Error('the two lower bounds disagree');
  }
  if (!digest || !rows) throw new Error('no run');
  return {
    label,
    channelId,
    rows,
    digest: timings(digestMs),
    separate: timings(separateMs),
    bound: timings(boundMs),
    keptBound: timings(keptBoundMs),
    mismatches: compare(digest, rows),
  };
}

/** The counts both compute the same way must be equal (and the week must not be empty). */
function compare(digest: Digest, rows: LowerBound): string[] {
  const { current } = digest;
  // The week before is read from what was stored for it (the seed's own weeks), not counted again.
  const pairs: [string, number, number][] = [
    ['stand-up prompts expected', current.inputs.checkins.expected, rows.expected],
    ['check-ins answered', current.inputs.checkins.answered, rows.answered],
    ['kudos received', sum(current.inputs.kudosReceived), rows.kudos],
    ['deliverables credited', current.inputs.credits.deliverables, rows.deliverables],
    ['contributors credited', current.inputs.credits.contributors, rows.contributors],
    ['coffee pair meetings this quarter', current.inputs.connections?.meetings ?? 0, rows.pair_meetings],
  ];
  const wrong = pairs.filter(([, a, b]) => a !== b).map(([what, a, b]) => `${what}: ${a} against ${b}`);
  if (rows.expected === 0 || rows.kudos === 0) wrong.push('the week has no stand-up or no kudos to count');
  return wrong;
}

async function timeAllChannels(db: Database): Promise<AllFigures> {
  const channels = (
    await db.query(
      'select distinct channel_id from rituals where team_id = $1 order by channel_id',
      [TEAM],
      z.object({ channel_id: z.string() }),
    )
  ).map((r) => r.channel_id);
  let sequentialMs = 0;
  for (const channelId of channels) sequentialMs += (await digestOf(db, channelId, END)).ms;
  let started = performance.now();
  for (const channelId of channels) await lowerBound(db, channelId, END, 'as sent');
  const boundSequentialMs = performance.now() - started;
  await db.execute('delete from health_periods where team_id = $1 and period_end = $2', [TEAM, END]);
  started = performance.now();
  const queue = [...channels];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let channelId = queue.shift(); channelId; channelId = queue.shift()) {
        await computeDigest(db, { teamId: TEAM, channelId, end: END, now: END });
      }
    }),
  );
  const concurrentMs = performance.now() - started;
  return { channels: channels.length, sequentialMs, concurrentMs, boundSequentialMs };
}

function timings(samples: number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

function printSummary(
  engine: string,
  seedMs: number,
  sizes: Record<string, number>,
  figures: ChannelFigures[],
  all: AllFigures,
): void {
  const cpu = cpus();
  const ratio = (f: ChannelFigures) => f.digest.medianMs / f.bound.medianMs;
  const keptRatio = (f: ChannelFigures) => f.digest.medianMs / f.keptBound.medianMs;
  const meets = (f: ChannelFigures) =>
    f.digest.medianMs < GOAL_DIGEST_MS && ratio(f) <= GOAL_RATIO ? 'yes' : 'NO: MISSED';
  const rows = [
    ['', ...figures.map((f) => `${f.label} (${f.channelId})`)],
    ['the week: kudos / stand-up prompts', ...figures.map((f) => `${f.rows.kudos} / ${f.rows.expected}`)],
    ['    check-ins of the blocker look-back', ...figures.map((f) => f.rows.lookback_checkins.toLocaleString('en'))],
    ['one digest: median', ...figures.map((f) => ms(f.digest.medianMs))],
    ['    p95', ...figures.map((f) => ms(f.digest.p95Ms))],
    ['    its two weeks counted apart: median', ...figures.map((f) => ms(f.separate.medianMs))],
    ['lower bound, one query: median', ...figures.map((f) => ms(f.bound.medianMs))],
    ['    p95', ...figures.map((f) => ms(f.bound.p95Ms))],
    ['digest ÷ lower bound (medians)', ...figures.map((f) => `${ratio(f).toFixed(1)}×`)],
    ['the bound with its plan kept: median', ...figures.map((f) => ms(f.keptBound.medianMs))],
    ['    digest ÷ that bound', ...figures.map((f) => `${keptRatio(f).toFixed(1)}×`)],
    [`goals (< ${GOAL_DIGEST_MS} ms, ≤ ${GOAL_RATIO}×)`, ...figures.map(meets)],
    ['counts agree with the bound', ...figures.map((f) => (f.mismatches.length === 0 ? 'yes' : 'NO: MISMATCH'))],
  ]; // prettier-ignore
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  console.log(
    [
      '',
      `Alliance-health digest benchmark (database: ${engine}) on ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`,
      `data: ${sizes.channels} channels, ${sizes.slack_users} people, ${sizes.kudos?.toLocaleString('en')} kudos, ${sizes.checkins?.toLocaleString('en')} check-ins (${sizes.ritual_occurrences?.toLocaleString('en')} occurrences), ${sizes.credits?.toLocaleString('en')} credits; seeded in ${(seedMs / 1000).toFixed(1)} s`,
      `one digest = the channel's week to ${END.toISOString()} computed and stored, its 7 weeks before read back, and its highlights and attention lists; ${RUNS} runs each after ${WARMUP} warm-ups`,
      ...rows.map((r) =>
        r
          .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
          .join('   '),
      ),
      `all ${all.channels} channels' digests, one after another: ${(all.sequentialMs / 1000).toFixed(2)} s (${ms(all.sequentialMs / all.channels)} each; lower bound ${(all.boundSequentialMs / 1000).toFixed(2)} s)`,
      `    all channels ÷ their lower bound: ${(all.sequentialMs / all.boundSequentialMs).toFixed(2)}× (goal ≤ ${GOAL_RATIO}×): ${all.sequentialMs <= GOAL_RATIO * all.boundSequentialMs ? 'met' : 'MISSED'}`,
      `all ${all.channels} channels' digests, ${CONCURRENCY} at a time: ${(all.concurrentMs / 1000).toFixed(2)} s`,
    ].join('\n'),
  );
}

function scaleFromEnv(): number {
  const raw = process.env.BENCH_HEALTH_SCALE || '1';
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_HEALTH_SCALE must be in (0, 1] (got ${raw})`);
  return scale;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
