import { z } from 'zod';
import type { Flow, PeriodInputs } from '../../health/scorecard.js';
import type { Queryable } from '../database.js';

/**
 * The counts behind one channel's scorecard for one period, [start, end); docs/METRICS.md says
 * what each one is. Every statement reads one channel of one workspace.
 */
export type Period = { teamId: string; channelId: string; start: Date; end: Date };

const params = (p: Period) => [p.teamId, p.channelId, p.start, p.end];
/** How far back a blocker episode or a channel's use of kudos is looked for. */
const LOOKBACK_DAYS = 56;
const PULSE_DAYS = 35;

export async function checkinCounts(q: Queryable, p: Period): Promise<PeriodInputs['checkins']> {
  const [row] = await q.query(
    `select count(*) filter (where c.status is distinct from 'skipped')::int as expected,
            count(*) filter (where c.status = 'answered')::int as answered,
            count(*) filter (where c.status = 'answered' and (o.status = 'answered'
              or c.submitted_at <= o.scheduled_at + make_interval(mins => r.close_after_minutes)))::int as on_time
     from ritual_occurrences o
     join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
     left join checkins c on c.team_id = o.team_id and c.ritual_id = o.ritual_id
       and c.user_id = o.participant_id and c.local_date = o.local_date
     where o.team_id = $1 and r.channel_id = $2 and r.kind = 'standup'
       and o.status in ('sent', 'answered') and o.scheduled_at >= $3 and o.scheduled_at < $4`,
    params(p),
    z.object({ expected: z.number(), answered: z.number(), on_time: z.number() }),
  );
  return { expected: row?.expected ?? 0, answered: row?.answered ?? 0, onTime: row?.on_time ?? 0 };
}

export async function blockerCounts(q: Queryable, p: Period): Promise<PeriodInputs['blockers']> {
  const [row] = await q.query(
    `with answered as (
       select c.ritual_id, c.user_id, c.local_date, c.blocker,
              lag(c.blocker) over (partition by c.ritual_id, c.user_id order by c.local_date) as before
       from checkins c
       join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
       where c.team_id = $1 and r.channel_id = $2 and r.kind = 'standup' and c.status = 'answered'
         and c.local_date >= ($3::timestamptz at time zone 'UTC')::date - ${LOOKBACK_DAYS}
         and c.local_date < ($4::timestamptz at time zone 'UTC')::date
     ),
     episodes as (
       select s.local_date as started,
              (select min(a.local_date) from answered a
               where a.ritual_id = s.ritual_id and a.user_id = s.user_id
                 and a.local_date > s.local_date and not a.blocker) as resolved
       from answered s
       where s.blocker and not coalesce(s.before, false)
     ),
     open_in_period as (
       select coalesce(resolved, ($4::timestamptz at time zone 'UTC')::date) - started as days_open
       from episodes
       where started < ($4::timestamptz at time zone 'UTC')::date
         and (resolved is null or resolved >= ($3::timestamptz at time zone 'UTC')::date)
     )
     select (select count(*)::int from answered
             where blocker and local_date >= ($3::timestamptz at time zone 'UTC')::date) as raised,
            (select count(*)::int from open_in_period) as episodes,
            (select avg(days_open)::float8 from open_in_period) as mean_open_days`,
    params(p),
    z.object({ raised: z.number(), episodes: z.number(), mean_open_days: z.number().nullable() }),
  );
  return {
    raised: row?.raised ?? 0,
    episodes: row?.episodes ?? 0,
    meanOpenDays: row?.mean_open_days ?? null,
  };
}

export async function retroCounts(q: Queryable, p: Period): Promise<PeriodInputs['retros']> {
  const [row] = await q.query(
    `select count(*)::int as scheduled,
            count(*) filter (where exists (
              select 1 from retros t join retro_notes n on n.team_id = t.team_id and n.retro_id = t.id
              where t.team_id = o.team_id and t.ritual_id = o.ritual_id and t.local_date = o.local_date
            ))::int as held
     from ritual_occurrences o
     join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
     where o.team_id = $1 and r.channel_id = $2 and r.kind = 'retro' and o.status = 'sent'
       and o.scheduled_at >= $3 and o.scheduled_at < $4`,
    params(p),
    z.object({ scheduled: z.number(), held: z.number() }),
  );
  return { scheduled: row?.scheduled ?? 0, held: row?.held ?? 0 };
}

export async function creditCounts(q: Queryable, p: Period): Promise<PeriodInputs['credits']> {
  const [row] = await q.query(
    `select count(distinct c.id)::int as deliverables,
            count(cc.id)::int as contributors,
            count(cc.id) filter (where cc.status = 'confirmed')::int as confirmed
     from credits c
     join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status <> 'declined'
     where c.team_id = $1 and c.channel_id = $2 and c.created_at >= $3 and c.created_at < $4`,
    params(p),
    z.object({ deliverables: z.number(), contributors: z.number(), confirmed: z.number() }),
  );
  return {
    deliverables: row?.deliverables ?? 0,
    contributors: row?.contributors ?? 0,
    confirmed: row?.confirmed ?? 0,
  };
}

export async function actionCounts(q: Queryable, p: Period): Promise<PeriodInputs['actions']> {
  const [row] = await q.query(
    `select count(*) filter (where due_on >= ($3::timestamptz at time zone 'UTC')::date
                               and due_on < ($4::timestamptz at time zone 'UTC')::date)::int as due,
            count(*) filter (where due_on >= ($3::timestamptz at time zone 'UTC')::date
                               and due_on < ($4::timestamptz at time zone 'UTC')::date
                               and (done_at at time zone 'UTC')::date <= due_on)::int as done_on_time,
            count(*) filter (where done_at >= $3 and done_at < $4)::int as completed
     from action_items
     where team_id = $1 and channel_id = $2`,
    params(p),
    z.object({ due: z.number(), done_on_time: z.number(), completed: z.number() }),
  );
  return { due: row?.due ?? 0, doneOnTime: row?.done_on_time ?? 0, completed: row?.completed ?? 0 };
}

/** The latest round closed in the 35 days before the period's end with 3 or more answers. */
export async function pulseMeans(q: Queryable, p: Period): Promise<PeriodInputs['pulse']> {
  const rows = await q.query(
    `with round as (
       select r.ritual_id, r.round_date, r.statements from pulse_rounds r
       where r.team_id = $1 and r.channel_id = $2
         and r.closed_at >= $3::timestamptz - interval '${PULSE_DAYS} days' and r.closed_at < $3
         and (select count(*) from pulse_responses a
              where a.team_id = r.team_id and a.ritual_id = r.ritual_id and a.round_date = r.round_date) >= 3
       order by r.closed_at desc limit 1
     )
     select s.statement, avg(a.scores[s.i])::float8 as mean
     from round
     cross join lateral unnest(round.statements) with ordinality as s(statement, i)
     join pulse_responses a on a.team_id = $1 and a.ritual_id = round.ritual_id and a.round_date = round.round_date
     group by s.i, s.statement
     order by s.i`,
    [p.teamId, p.channelId, p.end],
    z.object({ statement: z.string(), mean: z.number() }),
  );
  return rows.length === 0 ? null : rows;
}

/**
 * The channel's active members in the period and the kudos each received there, and whether the
 * channel gave any kudos in the period or the 8 weeks before it.
 */
export async function recognition(
  q: Queryable,
  p: Period,
): Promise<Pick<PeriodInputs, 'kudosReceived' | 'usesKudos'>> {
  const rows = await q.query(
    `with k as (
       select giver_id, receiver_id from kudos
       where team_id = $1 and channel_id = $2 and created_at >= $3 and created_at < $4 and retracted_at is null
     ),
     active as (
       select o.participant_id as user_id from ritual_occurrences o
       join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
       where o.team_id = $1 and r.channel_id = $2 and r.kind = 'standup'
         and o.status in ('sent', 'answered') and o.scheduled_at >= $3 and o.scheduled_at < $4
       union select giver_id from k
       union select receiver_id from k
       union select cc.contributor_id from credits c
       join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status <> 'declined'
       where c.team_id = $1 and c.channel_id = $2 and c.created_at >= $3 and c.created_at < $4
     )
     select a.user_id, (select count(*)::int from k where k.receiver_id = a.user_id) as received,
            exists (select 1 from kudos
                    where team_id = $1 and channel_id = $2 and retracted_at is null
                      and created_at >= $3::timestamptz - interval '${LOOKBACK_DAYS} days' and created_at < $4) as uses
     from active a
     order by a.user_id`,
    params(p),
    z.object({ user_id: z.string(), received: z.number(), uses: z.boolean() }),
  );
  return { kudosReceived: rows.map((r) => r.received), usesKudos: rows[0]?.uses ?? false };
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

const flowRow = z.object({ from: z.string(), to: z.string(), count: z.number() });

/** Kudos and credits between sides in the period, and the sides there are. */
export async function sideFlows(
  q: Queryable,
  p: Period,
): Promise<Pick<PeriodInputs, 'sides' | 'kudosFlows' | 'creditFlows'>> {
  const kudosFlows: Flow[] = await q.query(
    `with ${SIDES},
     sided as (
       select ${sideOf('k.giver_id', 'k.giver_team_id', 'from_side')},
              ${sideOf('k.receiver_id', 'k.receiver_team_id', 'to_side')}
       from kudos k
       where k.team_id = $1 and k.channel_id = $2 and k.created_at >= $3 and k.created_at < $4
         and k.retracted_at is null
     )
     select from_side as "from", to_side as "to", count(*)::int as count from sided
     where from_side is not null and to_side is not null
     group by from_side, to_side order by from_side, to_side`,
    params(p),
    flowRow,
  );
  const creditFlows: Flow[] = await q.query(
    `with ${SIDES},
     sided as (
       select ${sideOf('c.given_by', null, 'from_side')}, ${sideOf('cc.contributor_id', null, 'to_side')}
       from credits c
       join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status <> 'declined'
       where c.team_id = $1 and c.channel_id = $2 and c.created_at >= $3 and c.created_at < $4
         and cc.contributor_id <> c.given_by
     )
     select from_side as "from", to_side as "to", count(*)::int as count from sided
     where from_side is not null and to_side is not null
     group by from_side, to_side order by from_side, to_side`,
    params(p),
    flowRow,
  );
  const declared = await q.query(
    'select distinct side from alliance_sides where team_id = $1 and channel_id = $2 order by side',
    [p.teamId, p.channelId],
    z.object({ side: z.string() }),
  );
  const seen = [...kudosFlows, ...creditFlows].flatMap((f) => [f.from, f.to]);
  const sides = declared.length > 0 ? declared.map((d) => d.side) : [...new Set(seen)].sort();
  return { sides, kudosFlows, creditFlows };
}
