import { z } from 'zod';
import type { Flow, PeriodInputs } from '../../health/scorecard.js';
import type { Queryable } from '../database.js';

/**
 * The counts behind one channel's scorecards, for one period [start, end) or several at once;
 * docs/METRICS.md says what each one is. Every statement reads one channel of one workspace, and
 * counts all the periods asked for in one pass: a digest (this week and the week before) costs one
 * statement per group of counts, not one per group and period. Each function returns one entry
 * per period, in the order given.
 */
export type Period = { teamId: string; channelId: string; start: Date; end: Date };
export type Periods = { teamId: string; channelId: string; periods: { start: Date; end: Date }[] };

const params = (p: Periods) => {
  const starts = p.periods.map((x) => x.start);
  const ends = p.periods.map((x) => x.end);
  const first = new Date(Math.min(...starts.map((d) => d.getTime())));
  const last = new Date(Math.max(...ends.map((d) => d.getTime())));
  return [p.teamId, p.channelId, starts, ends, first, last];
};
/**
 * The periods asked for, numbered from 1 in the order given, with their first and last-plus-one
 * dates in UTC. With the statement's other parameters: $1 the team, $2 the channel, and $5 and $6
 * the earliest start and the latest end. Each table is read between $5 and $6 as well as within
 * each period: the plan then knows how many rows it reads (a range bounded only by another
 * table's columns is guessed at, too high, which can make a small statement look big enough to
 * compile with JIT, for longer than it runs).
 */
const PERIODS = `
  periods as (
    select p.i::int as i, p.start_at, p.end_at,
           (p.start_at at time zone 'UTC')::date as start_day, (p.end_at at time zone 'UTC')::date as end_day
    from unnest($3::timestamptz[], $4::timestamptz[]) with ordinality as p(start_at, end_at, i)
  )`;
/** How far back a blocker episode or a channel's use of kudos is looked for. */
const LOOKBACK_DAYS = 56;
const PULSE_DAYS = 35;

const periodNumber = z.number().int().min(1);
/** Each period's row, or `empty` for a period the statement returned no row for. */
function byPeriod<Row extends { i: number }, T>(p: Periods, rows: Row[], of: (row: Row) => T, empty: T): T[] {
  const found = new Map(rows.map((r) => [r.i, of(r)]));
  return p.periods.map((_, index) => found.get(index + 1) ?? empty);
}
/** Each period's rows, in the statement's order. */
function groupByPeriod<Row extends { i: number }, T>(p: Periods, rows: Row[], of: (row: Row) => T): T[][] {
  const groups = p.periods.map((): T[] => []);
  for (const row of rows) groups[row.i - 1]?.push(of(row));
  return groups;
}

export async function checkinCounts(q: Queryable, p: Periods): Promise<PeriodInputs['checkins'][]> {
  const rows = await q.query(
    `with ${PERIODS}
     select p.i,
            count(*) filter (where c.status is distinct from 'skipped')::int as expected,
            count(*) filter (where c.status = 'answered')::int as answered,
            count(*) filter (where c.status = 'answered' and (o.status = 'answered'
              or c.submitted_at <= o.scheduled_at + make_interval(mins => r.close_after_minutes)))::int as on_time
     from periods p
     join ritual_occurrences o on o.scheduled_at >= p.start_at and o.scheduled_at < p.end_at
     join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
     left join checkins c on c.team_id = o.team_id and c.ritual_id = o.ritual_id
       and c.user_id = o.participant_id and c.local_date = o.local_date
     where o.team_id = $1 and r.channel_id = $2 and r.kind = 'standup' and o.status in ('sent', 'answered')
       and o.scheduled_at >= $5 and o.scheduled_at < $6
     group by p.i`,
    params(p),
    z.object({ i: periodNumber, expected: z.number(), answered: z.number(), on_time: z.number() }),
  );
  return byPeriod(p, rows, (r) => ({ expected: r.expected, answered: r.answered, onTime: r.on_time }), {
    expected: 0,
    answered: 0,
    onTime: 0,
  });
}

/**
 * Each period looks back at its own 8 weeks of answered check-ins. A blocker episode is a run of
 * check-ins raising a blocker with no check-in without one between them: `cleared` counts the
 * person's check-ins without a blocker so far, so it is the same all along a run, and the check-in
 * that resolves the run is the next one without a blocker, the one whose `cleared` is one more.
 * The check-ins are read and counted once for all the periods: a period sees the part of a run
 * inside its own look-back, and a resolution before its end.
 */
export async function blockerCounts(q: Queryable, p: Periods): Promise<PeriodInputs['blockers'][]> {
  const rows = await q.query(
    `with ${PERIODS},
     answered as materialized (
       select c.ritual_id, c.user_id, c.local_date, c.blocker,
              count(*) filter (where not c.blocker)
                over (partition by c.ritual_id, c.user_id order by c.local_date rows unbounded preceding) as cleared
       from checkins c
       join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
       where c.team_id = $1 and r.channel_id = $2 and r.kind = 'standup' and c.status = 'answered'
         and c.local_date >= ($5::timestamptz at time zone 'UTC')::date - ${LOOKBACK_DAYS}
         and c.local_date < ($6::timestamptz at time zone 'UTC')::date
     ),
     episodes as (
       select p.i, min(b.local_date) as started, min(n.local_date) as resolved
       from periods p
       join answered b on b.blocker and b.local_date >= p.start_day - ${LOOKBACK_DAYS} and b.local_date < p.end_day
       left join answered n on n.ritual_id = b.ritual_id and n.user_id = b.user_id
         and not n.blocker and n.cleared = b.cleared + 1 and n.local_date < p.end_day
       group by p.i, b.ritual_id, b.user_id, b.cleared
     ),
     open_in_period as (
       select e.i, coalesce(e.resolved, p.end_day) - e.started as days_open
       from episodes e join periods p on p.i = e.i
       where e.started < p.end_day and (e.resolved is null or e.resolved >= p.start_day)
     )
     select p.i,
            (select count(*)::int from answered a
             where a.blocker and a.local_date >= p.start_day and a.local_date < p.end_day) as raised,
            (select count(*)::int from open_in_period o where o.i = p.i) as episodes,
            (select avg(days_open)::float8 from open_in_period o where o.i = p.i) as mean_open_days
     from periods p`,
    params(p),
    z.object({
      i: periodNumber,
      raised: z.number(),
      episodes: z.number(),
      mean_open_days: z.number().nullable(),
    }),
  );
  return byPeriod(
    p,
    rows,
    (r) => ({ raised: r.raised, episodes: r.episodes, meanOpenDays: r.mean_open_days }),
    { raised: 0, episodes: 0, meanOpenDays: null },
  );
}

export async function retroCounts(q: Queryable, p: Periods): Promise<PeriodInputs['retros'][]> {
  const rows = await q.query(
    `with ${PERIODS}
     select p.i, count(*)::int as scheduled,
            count(*) filter (where exists (
              select 1 from retros t join retro_notes n on n.team_id = t.team_id and n.retro_id = t.id
              where t.team_id = o.team_id and t.ritual_id = o.ritual_id and t.local_date = o.local_date
            ))::int as held
     from periods p
     join ritual_occurrences o on o.scheduled_at >= p.start_at and o.scheduled_at < p.end_at
     join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
     where o.team_id = $1 and r.channel_id = $2 and r.kind = 'retro' and o.status = 'sent'
       and o.scheduled_at >= $5 and o.scheduled_at < $6
     group by p.i`,
    params(p),
    z.object({ i: periodNumber, scheduled: z.number(), held: z.number() }),
  );
  return byPeriod(p, rows, (r) => ({ scheduled: r.scheduled, held: r.held }), { scheduled: 0, held: 0 });
}

export async function creditCounts(q: Queryable, p: Periods): Promise<PeriodInputs['credits'][]> {
  const rows = await q.query(
    `with ${PERIODS}
     select p.i, count(distinct c.id)::int as deliverables,
            count(cc.id)::int as contributors,
            count(cc.id) filter (where cc.status = 'confirmed')::int as confirmed
     from periods p
     join credits c on c.created_at >= p.start_at and c.created_at < p.end_at
     join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status <> 'declined'
     where c.team_id = $1 and c.channel_id = $2 and c.created_at >= $5 and c.created_at < $6
     group by p.i`,
    params(p),
    z.object({ i: periodNumber, deliverables: z.number(), contributors: z.number(), confirmed: z.number() }),
  );
  return byPeriod(
    p,
    rows,
    (r) => ({ deliverables: r.deliverables, contributors: r.contributors, confirmed: r.confirmed }),
    { deliverables: 0, contributors: 0, confirmed: 0 },
  );
}

export async function actionCounts(q: Queryable, p: Periods): Promise<PeriodInputs['actions'][]> {
  const rows = await q.query(
    `with ${PERIODS}
     select p.i,
            count(*) filter (where a.due_on >= p.start_day and a.due_on < p.end_day)::int as due,
            count(*) filter (where a.due_on >= p.start_day and a.due_on < p.end_day
                               and (a.done_at at time zone 'UTC')::date <= a.due_on)::int as done_on_time,
            count(*) filter (where a.done_at >= p.start_at and a.done_at < p.end_at)::int as completed
     from periods p
     join action_items a on a.due_on >= p.start_day and a.due_on < p.end_day
                         or a.done_at >= p.start_at and a.done_at < p.end_at
     where a.team_id = $1 and a.channel_id = $2
       and (a.due_on >= ($5::timestamptz at time zone 'UTC')::date and a.due_on < ($6::timestamptz at time zone 'UTC')::date
            or a.done_at >= $5 and a.done_at < $6)
     group by p.i`,
    params(p),
    z.object({ i: periodNumber, due: z.number(), done_on_time: z.number(), completed: z.number() }),
  );
  return byPeriod(p, rows, (r) => ({ due: r.due, doneOnTime: r.done_on_time, completed: r.completed }), {
    due: 0,
    doneOnTime: 0,
    completed: 0,
  });
}

/** For each period, the latest round closed in the 35 days before its end with 3 or more answers. */
export async function pulseMeans(q: Queryable, p: Periods): Promise<PeriodInputs['pulse'][]> {
  const rows = await q.query(
    `with ${PERIODS}
     select p.i, s.statement, avg(a.scores[s.n])::float8 as mean
     from periods p
     cross join lateral (
       select r.ritual_id, r.round_date, r.statements from pulse_rounds r
       where r.team_id = $1 and r.channel_id = $2
         and r.closed_at >= p.end_at - interval '${PULSE_DAYS} days' and r.closed_at < p.end_at
         and r.closed_at >= $5::timestamptz - interval '${PULSE_DAYS} days' and r.closed_at < $6
         and (select count(*) from pulse_responses a
              where a.team_id = r.team_id and a.ritual_id = r.ritual_id and a.round_date = r.round_date) >= 3
       order by r.closed_at desc limit 1
     ) round
     cross join lateral unnest(round.statements) with ordinality as s(statement, n)
     join pulse_responses a on a.team_id = $1 and a.ritual_id = round.ritual_id and a.round_date = round.round_date
     group by p.i, s.n, s.statement
     order by p.i, s.n`,
    params(p),
    z.object({ i: periodNumber, statement: z.string(), mean: z.number() }),
  );
  return groupByPeriod(p, rows, (r) => ({ statement: r.statement, mean: r.mean })).map((means) =>
    means.length === 0 ? null : means,
  );
}

/**
 * The channel's active members in each period and the kudos each received there, and whether the
 * channel gave any kudos in the period or the 8 weeks before it (told only for a period with an
 * active member).
 */
export async function recognition(
  q: Queryable,
  p: Periods,
): Promise<Pick<PeriodInputs, 'kudosReceived' | 'usesKudos'>[]> {
  const rows = await q.query(
    `with ${PERIODS},
     k as (
       select p.i, k.giver_id, k.receiver_id
       from periods p
       join kudos k on k.created_at >= p.start_at and k.created_at < p.end_at
       where k.team_id = $1 and k.channel_id = $2 and k.retracted_at is null
         and k.created_at >= $5 and k.created_at < $6
     ),
     active as (
       select p.i, o.participant_id as user_id
       from periods p
       join ritual_occurrences o on o.scheduled_at >= p.start_at and o.scheduled_at < p.end_at
       join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
       where o.team_id = $1 and r.channel_id = $2 and r.kind = 'standup' and o.status in ('sent', 'answered')
         and o.scheduled_at >= $5 and o.scheduled_at < $6
       union select i, giver_id from k
       union select i, receiver_id from k
       union select p.i, cc.contributor_id
       from periods p
       join credits c on c.created_at >= p.start_at and c.created_at < p.end_at
       join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status <> 'declined'
       where c.team_id = $1 and c.channel_id = $2 and c.created_at >= $5 and c.created_at < $6
     ),
     received as (select i, receiver_id, count(*)::int as received from k group by i, receiver_id),
     uses as materialized (
       select p.i, exists (select 1 from kudos
                           where team_id = $1 and channel_id = $2 and retracted_at is null
                             and created_at >= p.start_at - interval '${LOOKBACK_DAYS} days' and created_at < p.end_at) as uses
       from periods p
     )
     select a.i, coalesce(r.received, 0) as received, u.uses
     from active a
     join uses u on u.i = a.i
     left join received r on r.i = a.i and r.receiver_id = a.user_id
     order by a.i, a.user_id`,
    params(p),
    z.object({ i: periodNumber, received: z.number(), uses: z.boolean() }),
  );
  return groupByPeriod(p, rows, (r) => r).map((members) => ({
    kudosReceived: members.map((m) => m.received),
    usesKudos: members[0]?.uses ?? false,
  }));
}

/**
 * A person's side in this channel: the side declared for them, when the channel declared sides;
 * otherwise their own workspace (recorded with each kudos, else from the directory).
 */
const SIDES = `
  declared as (select user_id, side from alliance_sides where team_id = $1 and channel_id = $2),
  declaring as (select exists (select 1 from declared) as yes)`;
const sideOf = (userColumn: string, teamColumn: string | null, alias: string) => `
  case when (select yes from declaring)
       then (select side from declared where user_id = ${userColumn})
       else coalesce(${teamColumn ?? 'null'}, (select home_team_id from slack_users
                                               where team_id = $1 and user_id = ${userColumn}))
  end as ${alias}`;

/**
 * Kudos and credits between sides in each period, and the sides there are: the declared ones, or
 * else those seen in the period's flows.
 */
export async function sideFlows(
  q: Queryable,
  p: Periods,
): Promise<Pick<PeriodInputs, 'sides' | 'kudosFlows' | 'creditFlows'>[]> {
  const rows = await q.query(
    `with ${PERIODS}, ${SIDES},
     kudos_sided as (
       select p.i, ${sideOf('k.giver_id', 'k.giver_team_id', 'from_side')},
              ${sideOf('k.receiver_id', 'k.receiver_team_id', 'to_side')}
       from periods p
       join kudos k on k.created_at >= p.start_at and k.created_at < p.end_at
       where k.team_id = $1 and k.channel_id = $2 and k.retracted_at is null
         and k.created_at >= $5 and k.created_at < $6
     ),
     credits_sided as (
       select p.i, ${sideOf('c.given_by', null, 'from_side')}, ${sideOf('cc.contributor_id', null, 'to_side')}
       from periods p
       join credits c on c.created_at >= p.start_at and c.created_at < p.end_at
       join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status <> 'declined'
       where c.team_id = $1 and c.channel_id = $2 and cc.contributor_id <> c.given_by
         and c.created_at >= $5 and c.created_at < $6
     )
     select 'kudos' as kind, i, from_side as "from", to_side as "to", count(*)::int as count from kudos_sided
     where from_side is not null and to_side is not null
     group by i, from_side, to_side
     union all
     select 'credits', i, from_side, to_side, count(*)::int from credits_sided
     where from_side is not null and to_side is not null
     group by i, from_side, to_side
     union all
     select distinct 'declared', null::int, side, side, 0 from declared
     order by kind, i, "from", "to"`,
    params(p),
    z.object({
      kind: z.enum(['kudos', 'credits', 'declared']),
      i: periodNumber.nullable(),
      from: z.string(),
      to: z.string(),
      count: z.number(),
    }),
  );
  const declared = rows.filter((r) => r.kind === 'declared').map((r) => r.from);
  const flows = (kind: 'kudos' | 'credits') =>
    groupByPeriod(
      p,
      rows.flatMap((r) => (r.kind === kind && r.i !== null ? [{ ...r, i: r.i }] : [])),
      (r): Flow => ({ from: r.from, to: r.to, count: r.count }),
    );
  const kudosFlows = flows('kudos');
  const creditFlows = flows('credits');
  return p.periods.map((_, index) => {
    const kudos = kudosFlows[index] ?? [];
    const credits = creditFlows[index] ?? [];
    const seen = [...kudos, ...credits].flatMap((f) => [f.from, f.to]);
    const sides = declared.length > 0 ? declared : [...new Set(seen)].sort();
    return { sides, kudosFlows: kudos, creditFlows: credits };
  });
}
