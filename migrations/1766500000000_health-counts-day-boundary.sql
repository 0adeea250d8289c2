-- Up Migration

-- A check-in counts in the period that holds its prompt's time, for every count: a blocker raised
-- the day /health is run was left out of "blockers raised" by the very scorecard whose
-- participation counted its check-in, because blockers were counted by the check-in's day before
-- the UTC day the period ends in, and participation by the prompt's time before the period's end.
-- Blockers raised, blocker episodes and the digest's blocked people now fall in a period as
-- participation does (see `answered` below); nothing else changes. Why these are functions, and
-- what each count is: migrations/1765300000000 and 1765400000000, and docs/METRICS.md.

create or replace function health_period_counts(p_team text, p_channel text, p_starts timestamptz[], p_ends timestamptz[])
returns table (
  i int, expected int, answered int, on_time int, raised int, episodes int, mean_open_days float8,
  scheduled int, held int, deliverables int, contributors int, confirmed int,
  due int, done_on_time int, completed int, pulse_statements text[], pulse_means float8[],
  kudos_received int[], uses_kudos boolean,
  kudos_from text[], kudos_to text[], kudos_count int[], credit_from text[], credit_to text[], credit_count int[],
  declared_sides text[]
)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  p_earliest timestamptz := (select min(s) from unnest(p_starts) s);
  p_latest timestamptz := (select max(e) from unnest(p_ends) e);
begin
  return query
  with
    -- The periods, numbered from 1 in the order given, with their first and last-plus-one days in
    -- UTC; then the rows several counts share, each read once with the period it falls in: the
    -- stand-up prompts (with their check-ins) and retro days, the kudos, and the credited
    -- contributors (declined ones left out).
    periods as (
      select p.i::int as i, p.start_at, p.end_at,
             (p.start_at at time zone 'UTC')::date as start_day, (p.end_at at time zone 'UTC')::date as end_day
      from unnest(p_starts, p_ends) with ordinality as p(start_at, end_at, i)
    ),
    occurrences as materialized (
      select p.i, r.kind, o.ritual_id, o.local_date, o.participant_id, c.status,
             c.status = 'answered' and (o.status = 'answered'
               or c.submitted_at <= o.scheduled_at + make_interval(mins => r.close_after_minutes)) as on_time
      from periods p
      join ritual_occurrences o on o.scheduled_at >= p.start_at and o.scheduled_at < p.end_at
      join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
      left join checkins c on c.team_id = o.team_id and c.ritual_id = o.ritual_id
        and c.user_id = o.participant_id and c.local_date = o.local_date
      where o.team_id = p_team and r.channel_id = p_channel
        and (r.kind = 'standup' and o.status in ('sent', 'answered') or r.kind = 'retro' and o.status = 'sent')
        and o.scheduled_at >= p_earliest and o.scheduled_at < p_latest
    ),
    given as materialized (
      select p.i, k.giver_id, k.receiver_id, k.giver_team_id, k.receiver_team_id
      from periods p
      join kudos k on k.created_at >= p.start_at and k.created_at < p.end_at
      where k.team_id = p_team and k.channel_id = p_channel and k.retracted_at is null
        and k.created_at >= p_earliest and k.created_at < p_latest
    ),
    credited as materialized (
      select p.i, c.id, c.given_by, cc.contributor_id, cc.status
      from periods p
      join credits c on c.created_at >= p.start_at and c.created_at < p.end_at
      join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status <> 'declined'
      where c.team_id = p_team and c.channel_id = p_channel and c.created_at >= p_earliest and c.created_at < p_latest
    ),
    -- Check-in participation and on-time answers.
    checkin_counts as (
      select i, count(*) filter (where status is distinct from 'skipped')::int as expected,
             count(*) filter (where status = 'answered')::int as answered,
             count(*) filter (where on_time)::int as on_time
      from occurrences where kind = 'standup' group by i
    ),
    -- Each period looks back at its own 8 weeks of answered check-ins. A check-in falls in a period
    -- by `at`, the time participation counts its day by: its prompt's scheduled time; for a day
    -- the scheduler has not decided yet (answered early), the prompt to come; for a day without a
    -- prompt (answered on a day the stand-up does not run), when it was first submitted. Its
    -- local_date, the day in the person's zone, is within a day of `at`, which bounds the rows read.
    -- A blocker episode is a run of check-ins raising a blocker with no check-in without one
    -- between them: `cleared` counts the person's check-ins without a blocker so far, so it is the
    -- same all along a run, and the check-in that resolves the run is the next one without a
    -- blocker, the one whose `cleared` is one more. A period sees the part of a run inside its own
    -- look-back, and a resolution before its end.
    answered as materialized (
      select c.ritual_id, c.user_id, c.local_date, c.blocker, t.at,
             count(*) filter (where not c.blocker)
               over (partition by c.ritual_id, c.user_id order by c.local_date rows unbounded preceding) as cleared
      from checkins c
      join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
      left join ritual_occurrences o on o.team_id = c.team_id and o.ritual_id = c.ritual_id
        and o.participant_id = c.user_id and o.local_date = c.local_date
      left join ritual_slots s on s.team_id = c.team_id and s.ritual_id = c.ritual_id
        and s.participant_id = c.user_id and s.next_local_date = c.local_date
      cross join lateral (select coalesce(o.scheduled_at, s.next_at, c.submitted_at) as at) t
      where c.team_id = p_team and r.channel_id = p_channel and r.kind = 'standup' and c.status = 'answered'
        and c.local_date >= (p_earliest at time zone 'UTC')::date - 58
        and c.local_date < (p_latest at time zone 'UTC')::date + 2
        and t.at >= p_earliest - interval '56 days' and t.at < p_latest
    ),
    episodes as (
      select p.i, min(b.local_date) as started, min(n.local_date) as resolved, min(n.at) as resolved_at
      from periods p
      join answered b on b.blocker and b.at >= p.start_at - interval '56 days' and b.at < p.end_at
      left join answered n on n.ritual_id = b.ritual_id and n.user_id = b.user_id
        and not n.blocker and n.cleared = b.cleared + 1 and n.at < p.end_at
      group by p.i, b.ritual_id, b.user_id, b.cleared
    ),
    -- Days open are counted between the person's own days; for an episode still open, to the UTC
    -- day the period ends in, never below 0: raised in a zone ahead of UTC, its day may be one UTC
    -- has not reached yet.
    open_days as (
      select e.i, count(*)::int as episodes,
             avg(greatest(coalesce(e.resolved, p.end_day) - e.started, 0))::float8 as mean_open_days
      from episodes e join periods p on p.i = e.i
      where e.resolved_at is null or e.resolved_at >= p.start_at
      group by e.i
    ),
    raised as (
      select p.i, count(*)::int as raised
      from periods p join answered a on a.at >= p.start_at and a.at < p.end_at
      where a.blocker
      group by p.i
    ),
    -- Retros scheduled, and held (with at least one note).
    retro_counts as (
      select o.i, count(*)::int as scheduled,
             count(*) filter (where exists (
               select 1 from retros t join retro_notes n on n.team_id = t.team_id and n.retro_id = t.id
               where t.team_id = p_team and t.ritual_id = o.ritual_id and t.local_date = o.local_date
             ))::int as held
      from occurrences o where o.kind = 'retro' group by o.i
    ),
    -- Deliverables credited, their contributors, and how many confirmed.
    credit_counts as (
      select i, count(distinct id)::int as deliverables, count(*)::int as contributors,
             count(*) filter (where status = 'confirmed')::int as confirmed
      from credited group by i
    ),
    -- Action items due in the period and done by their due day; and those done in it.
    action_counts as (
      select p.i,
             count(*) filter (where a.due_on >= p.start_day and a.due_on < p.end_day)::int as due,
             count(*) filter (where a.due_on >= p.start_day and a.due_on < p.end_day
                                and (a.done_at at time zone 'UTC')::date <= a.due_on)::int as done_on_time,
             count(*) filter (where a.done_at >= p.start_at and a.done_at < p.end_at)::int as completed
      from periods p
      join action_items a on a.due_on >= p.start_day and a.due_on < p.end_day
                          or a.done_at >= p.start_at and a.done_at < p.end_at
      where a.team_id = p_team and a.channel_id = p_channel
        and (a.due_on >= (p_earliest at time zone 'UTC')::date and a.due_on < (p_latest at time zone 'UTC')::date
             or a.done_at >= p_earliest and a.done_at < p_latest)
      group by p.i
    ),
    -- For each period, the latest pulse round closed in the 35 days before its end with 3 or more
    -- answers, and each statement's mean.
    statement_means as (
      select p.i, s.n, s.statement, avg(a.scores[s.n])::float8 as mean
      from periods p
      cross join lateral (
        select r.ritual_id, r.round_date, r.statements from pulse_rounds r
        where r.team_id = p_team and r.channel_id = p_channel
          and r.closed_at >= p.end_at - interval '35 days' and r.closed_at < p.end_at
          and r.closed_at >= p_earliest - interval '35 days' and r.closed_at < p_latest
          and (select count(*) from pulse_responses a
               where a.team_id = r.team_id and a.ritual_id = r.ritual_id and a.round_date = r.round_date) >= 3
        order by r.closed_at desc limit 1
      ) round
      cross join lateral unnest(round.statements) with ordinality as s(statement, n)
      join pulse_responses a on a.team_id = p_team and a.ritual_id = round.ritual_id and a.round_date = round.round_date
      group by p.i, s.n, s.statement
    ),
    pulse as (
      select i, array_agg(statement order by n) as pulse_statements, array_agg(mean order by n) as pulse_means
      from statement_means group by i
    ),
    -- The channel's active members in each period and the kudos each received there (in the order
    -- of their ids), and whether the channel gave any kudos in the period or the 8 weeks before it.
    active as (
      select i, participant_id as user_id from occurrences where kind = 'standup'
      union select i, giver_id from given
      union select i, receiver_id from given
      union select i, contributor_id from credited
    ),
    received as (
      select a.i, array_agg(coalesce(r.received, 0) order by a.user_id) as kudos_received
      from active a
      left join (select i, receiver_id, count(*)::int as received from given group by i, receiver_id) r
        on r.i = a.i and r.receiver_id = a.user_id
      group by a.i
    ),
    uses as (
      select p.i, exists (select 1 from kudos
                          where team_id = p_team and channel_id = p_channel and retracted_at is null
                            and created_at >= p.start_at - interval '56 days' and created_at < p.end_at) as uses_kudos
      from periods p
    ),
    -- A person's side in this channel: the side declared for them, when the channel declared sides;
    -- otherwise their own workspace (recorded with each kudos, else from the directory). Kudos go
    -- from giver to receiver, credits from giver to each contributor other than themselves;
    -- `flows` counts them between sides, for each period and kind, as arrays ordered by side from
    -- and side to.
    declared as (select user_id, side from alliance_sides where team_id = p_team and channel_id = p_channel),
    edges as (
      select i, 'kudos' as kind, giver_id as from_id, giver_team_id as from_team,
             receiver_id as to_id, receiver_team_id as to_team
      from given
      union all
      select i, 'credits', given_by, null, contributor_id, null from credited where contributor_id <> given_by
    ),
    people_sides as materialized (
      select u.user_id, d.declaring, case when d.declaring then s.side else s.home_team_id end as side
      from (select from_id as user_id from edges union select to_id from edges) u
      cross join (select exists (select 1 from declared) as declaring) d
      left join lateral (
        select (select side from declared where user_id = u.user_id) as side,
               (select home_team_id from slack_users where team_id = p_team and user_id = u.user_id) as home_team_id
      ) s on true
    ),
    flows as (
      select i, kind, array_agg(from_side order by from_side, to_side) as from_sides,
             array_agg(to_side order by from_side, to_side) as to_sides, array_agg(count order by from_side, to_side) as counts
      from (
        select e.i, e.kind, sided.from_side, sided.to_side, count(*)::int as count
        from edges e
        join people_sides f on f.user_id = e.from_id
        join people_sides t on t.user_id = e.to_id
        cross join lateral (
          select case when f.declaring then f.side else coalesce(e.from_team, f.side) end as from_side,
                 case when t.declaring then t.side else coalesce(e.to_team, t.side) end as to_side
        ) sided
        where sided.from_side is not null and sided.to_side is not null
        group by e.i, e.kind, sided.from_side, sided.to_side
      ) f
      group by i, kind
    )
    select p.i,
           coalesce(ck.expected, 0) as expected, coalesce(ck.answered, 0) as answered,
           coalesce(ck.on_time, 0) as on_time,
           coalesce(rb.raised, 0) as raised, coalesce(od.episodes, 0) as episodes, od.mean_open_days,
           coalesce(rc.scheduled, 0) as scheduled, coalesce(rc.held, 0) as held,
           coalesce(cr.deliverables, 0) as deliverables, coalesce(cr.contributors, 0) as contributors,
           coalesce(cr.confirmed, 0) as confirmed,
           coalesce(ac.due, 0) as due, coalesce(ac.done_on_time, 0) as done_on_time,
           coalesce(ac.completed, 0) as completed,
           pu.pulse_statements, pu.pulse_means,
           re.kudos_received, re.kudos_received is not null and us.uses_kudos as uses_kudos,
           kf.from_sides as kudos_from, kf.to_sides as kudos_to, kf.counts as kudos_count,
           cf.from_sides as credit_from, cf.to_sides as credit_to, cf.counts as credit_count,
           (select array_agg(distinct side order by side) from declared) as declared_sides
    from periods p
    left join checkin_counts ck on ck.i = p.i
    left join raised rb on rb.i = p.i
    left join open_days od on od.i = p.i
    left join retro_counts rc on rc.i = p.i
    left join credit_counts cr on cr.i = p.i
    left join action_counts ac on ac.i = p.i
    left join pulse pu on pu.i = p.i
    left join received re on re.i = p.i
    left join uses us on us.i = p.i
    left join flows kf on kf.i = p.i and kf.kind = 'kudos'
    left join flows cf on cf.i = p.i and cf.kind = 'credits'
    order by p.i;
end
$$;

-- The digest's blocked people, by the same check-ins as the scorecard's blocker counts.
create or replace function health_digest_lists(p_team text, p_channel text, p_start timestamptz, p_end timestamptz, p_limit int)
returns table (
  kudos json, kudos_total int, credits json, credits_total int, done json, done_total int,
  overdue json, overdue_total int, blockers json, blockers_total int
)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with given as (
      select giver_id, reason, array_agg(receiver_id order by receiver_id) as receivers, max(created_at) as at
      from kudos
      where team_id = p_team and channel_id = p_channel and created_at >= p_start and created_at < p_end
        and retracted_at is null and reason is not null and source <> 'ditto'
      group by giver_id, reason, coalesce(command_id, message_ts, created_at::text)
    ),
    credited as (
      select c.id, c.deliverable, c.link, c.created_at,
             array_agg(cc.contributor_id order by cc.contributor_id) as contributors
      from credits c
      join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status = 'confirmed'
      where c.team_id = p_team and c.channel_id = p_channel and c.created_at >= p_start and c.created_at < p_end
      group by c.team_id, c.id
    ),
    channel_actions as (
      select id, owner_id, body, due_on, done_at, created_at from action_items
      where team_id = p_team and channel_id = p_channel and (done_at >= p_start or done_at is null)
    ),
    done as (select * from channel_actions where done_at >= p_start and done_at < p_end),
    overdue as (
      select * from channel_actions
      where created_at < p_end and due_on < (p_end at time zone 'UTC')::date
        and (done_at is null or done_at >= p_end)
    ),
    answered as (
      select c.user_id, c.local_date, c.blocker,
             row_number() over (partition by c.user_id order by c.local_date desc, c.ritual_id) as newest,
             max(c.local_date) filter (where not c.blocker) over (partition by c.user_id) as last_clear
      from checkins c
      join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
      left join ritual_occurrences o on o.team_id = c.team_id and o.ritual_id = c.ritual_id
        and o.participant_id = c.user_id and o.local_date = c.local_date
      left join ritual_slots s on s.team_id = c.team_id and s.ritual_id = c.ritual_id
        and s.participant_id = c.user_id and s.next_local_date = c.local_date
      cross join lateral (select coalesce(o.scheduled_at, s.next_at, c.submitted_at) as at) t
      where c.team_id = p_team and r.channel_id = p_channel and r.kind = 'standup' and c.status = 'answered'
        and c.local_date >= (p_start at time zone 'UTC')::date - 58
        and c.local_date < (p_end at time zone 'UTC')::date + 2
        and t.at >= p_start - interval '56 days' and t.at < p_end  -- the blocker look-back: 8 weeks
    ),
    blocked as (
      select a.user_id,
             (select min(b.local_date) from answered b
              where b.user_id = a.user_id and b.blocker and b.local_date > coalesce(a.last_clear, '-infinity')) as since
      from answered a
      where a.newest = 1 and a.blocker
    )
    select
      coalesce((select json_agg(json_build_object('giver_id', giver_id, 'receivers', receivers, 'reason', reason) order by at desc)
                from (select * from given order by at desc limit p_limit) g), '[]') as kudos,
      (select count(*)::int from given) as kudos_total,
      coalesce((select json_agg(json_build_object('deliverable', deliverable, 'link', link, 'contributors', contributors)
                                order by created_at desc, id desc)
                from (select * from credited order by created_at desc, id desc limit p_limit) c), '[]') as credits,
      (select count(*)::int from credited) as credits_total,
      coalesce((select json_agg(json_build_object('owner_id', owner_id, 'body', body, 'due_on', due_on::text)
                                order by done_at desc, id desc)
                from (select * from done order by done_at desc, id desc limit p_limit) d), '[]') as done,
      (select count(*)::int from done) as done_total,
      coalesce((select json_agg(json_build_object('owner_id', owner_id, 'body', body, 'due_on', due_on::text)
                                order by due_on, id)
                from (select * from overdue order by due_on, id limit p_limit) o), '[]') as overdue,
      (select count(*)::int from overdue) as overdue_total,
      coalesce((select json_agg(json_build_object('user_id', user_id, 'since', since::text) order by since, user_id)
                from (select * from blocked order by since, user_id limit p_limit) b), '[]') as blockers,
      (select count(*)::int from blocked) as blockers_total;
end
$$;

-- Down Migration

create or replace function health_period_counts(p_team text, p_channel text, p_starts timestamptz[], p_ends timestamptz[])
returns table (
  i int, expected int, answered int, on_time int, raised int, episodes int, mean_open_days float8,
  scheduled int, held int, deliverables int, contributors int, confirmed int,
  due int, done_on_time int, completed int, pulse_statements text[], pulse_means float8[],
  kudos_received int[], uses_kudos boolean,
  kudos_from text[], kudos_to text[], kudos_count int[], credit_from text[], credit_to text[], credit_count int[],
  declared_sides text[]
)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  p_earliest timestamptz := (select min(s) from unnest(p_starts) s);
  p_latest timestamptz := (select max(e) from unnest(p_ends) e);
begin
  return query
  with
    -- The periods, numbered from 1 in the order given, with their first and last-plus-one days in
    -- UTC; then the rows several counts share, each read once with the period it falls in: the
    -- stand-up prompts (with their check-ins) and retro days, the kudos, and the credited
    -- contributors (declined ones left out).
    periods as (
      select p.i::int as i, p.start_at, p.end_at,
             (p.start_at at time zone 'UTC')::date as start_day, (p.end_at at time zone 'UTC')::date as end_day
      from unnest(p_starts, p_ends) with ordinality as p(start_at, end_at, i)
    ),
    occurrences as materialized (
      select p.i, r.kind, o.ritual_id, o.local_date, o.participant_id, c.status,
             c.status = 'answered' and (o.status = 'answered'
               or c.submitted_at <= o.scheduled_at + make_interval(mins => r.close_after_minutes)) as on_time
      from periods p
      join ritual_occurrences o on o.scheduled_at >= p.start_at and o.scheduled_at < p.end_at
      join rituals r on r.team_id = o.team_id and r.id = o.ritual_id
      left join checkins c on c.team_id = o.team_id and c.ritual_id = o.ritual_id
        and c.user_id = o.participant_id and c.local_date = o.local_date
      where o.team_id = p_team and r.channel_id = p_channel
        and (r.kind = 'standup' and o.status in ('sent', 'answered') or r.kind = 'retro' and o.status = 'sent')
        and o.scheduled_at >= p_earliest and o.scheduled_at < p_latest
    ),
    given as materialized (
      select p.i, k.giver_id, k.receiver_id, k.giver_team_id, k.receiver_team_id
      from periods p
      join kudos k on k.created_at >= p.start_at and k.created_at < p.end_at
      where k.team_id = p_team and k.channel_id = p_channel and k.retracted_at is null
        and k.created_at >= p_earliest and k.created_at < p_latest
    ),
    credited as materialized (
      select p.i, c.id, c.given_by, cc.contributor_id, cc.status
      from periods p
      join credits c on c.created_at >= p.start_at and c.created_at < p.end_at
      join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status <> 'declined'
      where c.team_id = p_team and c.channel_id = p_channel and c.created_at >= p_earliest and c.created_at < p_latest
    ),
    -- Check-in participation and on-time answers.
    checkin_counts as (
      select i, count(*) filter (where status is distinct from 'skipped')::int as expected,
             count(*) filter (where status = 'answered')::int as answered,
             count(*) filter (where on_time)::int as on_time
      from occurrences where kind = 'standup' group by i
    ),
    -- Each period looks back at its own 8 weeks of answered check-ins. A blocker episode is a run
    -- of check-ins raising a blocker with no check-in without one between them: `cleared` counts
    -- the person's check-ins without a blocker so far, so it is the same all along a run, and the
    -- check-in that resolves the run is the next one without a blocker, the one whose `cleared` is
    -- one more. A period sees the part of a run inside its own look-back, and a resolution before
    -- its end.
    answered as materialized (
      select c.ritual_id, c.user_id, c.local_date, c.blocker,
             count(*) filter (where not c.blocker)
               over (partition by c.ritual_id, c.user_id order by c.local_date rows unbounded preceding) as cleared
      from checkins c
      join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
      where c.team_id = p_team and r.channel_id = p_channel and r.kind = 'standup' and c.status = 'answered'
        and c.local_date >= (p_earliest at time zone 'UTC')::date - 56
        and c.local_date < (p_latest at time zone 'UTC')::date
    ),
    episodes as (
      select p.i, min(b.local_date) as started, min(n.local_date) as resolved
      from periods p
      join answered b on b.blocker and b.local_date >= p.start_day - 56 and b.local_date < p.end_day
      left join answered n on n.ritual_id = b.ritual_id and n.user_id = b.user_id
        and not n.blocker and n.cleared = b.cleared + 1 and n.local_date < p.end_day
      group by p.i, b.ritual_id, b.user_id, b.cleared
    ),
    open_days as (
      select e.i, count(*)::int as episodes, avg(coalesce(e.resolved, p.end_day) - e.started)::float8 as mean_open_days
      from episodes e join periods p on p.i = e.i
      where e.started < p.end_day and (e.resolved is null or e.resolved >= p.start_day)
      group by e.i
    ),
    raised as (
      select p.i, count(*)::int as raised
      from periods p join answered a on a.local_date >= p.start_day and a.local_date < p.end_day
      where a.blocker
      group by p.i
    ),
    -- Retros scheduled, and held (with at least one note).
    retro_counts as (
      select o.i, count(*)::int as scheduled,
             count(*) filter (where exists (
               select 1 from retros t join retro_notes n on n.team_id = t.team_id and n.retro_id = t.id
               where t.team_id = p_team and t.ritual_id = o.ritual_id and t.local_date = o.local_date
             ))::int as held
      from occurrences o where o.kind = 'retro' group by o.i
    ),
    -- Deliverables credited, their contributors, and how many confirmed.
    credit_counts as (
      select i, count(distinct id)::int as deliverables, count(*)::int as contributors,
             count(*) filter (where status = 'confirmed')::int as confirmed
      from credited group by i
    ),
    -- Action items due in the period and done by their due day; and those done in it.
    action_counts as (
      select p.i,
             count(*) filter (where a.due_on >= p.start_day and a.due_on < p.end_day)::int as due,
             count(*) filter (where a.due_on >= p.start_day and a.due_on < p.end_day
                                and (a.done_at at time zone 'UTC')::date <= a.due_on)::int as done_on_time,
             count(*) filter (where a.done_at >= p.start_at and a.done_at < p.end_at)::int as completed
      from periods p
      join action_items a on a.due_on >= p.start_day and a.due_on < p.end_day
                          or a.done_at >= p.start_at and a.done_at < p.end_at
      where a.team_id = p_team and a.channel_id = p_channel
        and (a.due_on >= (p_earliest at time zone 'UTC')::date and a.due_on < (p_latest at time zone 'UTC')::date
             or a.done_at >= p_earliest and a.done_at < p_latest)
      group by p.i
    ),
    -- For each period, the latest pulse round closed in the 35 days before its end with 3 or more
    -- answers, and each statement's mean.
    statement_means as (
      select p.i, s.n, s.statement, avg(a.scores[s.n])::float8 as mean
      from periods p
      cross join lateral (
        select r.ritual_id, r.round_date, r.statements from pulse_rounds r
        where r.team_id = p_team and r.channel_id = p_channel
          and r.closed_at >= p.end_at - interval '35 days' and r.closed_at < p.end_at
          and r.closed_at >= p_earliest - interval '35 days' and r.closed_at < p_latest
          and (select count(*) from pulse_responses a
               where a.team_id = r.team_id and a.ritual_id = r.ritual_id and a.round_date = r.round_date) >= 3
        order by r.closed_at desc limit 1
      ) round
      cross join lateral unnest(round.statements) with ordinality as s(statement, n)
      join pulse_responses a on a.team_id = p_team and a.ritual_id = round.ritual_id and a.round_date = round.round_date
      group by p.i, s.n, s.statement
    ),
    pulse as (
      select i, array_agg(statement order by n) as pulse_statements, array_agg(mean order by n) as pulse_means
      from statement_means group by i
    ),
    -- The channel's active members in each period and the kudos each received there (in the order
    -- of their ids), and whether the channel gave any kudos in the period or the 8 weeks before it.
    active as (
      select i, participant_id as user_id from occurrences where kind = 'standup'
      union select i, giver_id from given
      union select i, receiver_id from given
      union select i, contributor_id from credited
    ),
    received as (
      select a.i, array_agg(coalesce(r.received, 0) order by a.user_id) as kudos_received
      from active a
      left join (select i, receiver_id, count(*)::int as received from given group by i, receiver_id) r
        on r.i = a.i and r.receiver_id = a.user_id
      group by a.i
    ),
    uses as (
      select p.i, exists (select 1 from kudos
                          where team_id = p_team and channel_id = p_channel and retracted_at is null
                            and created_at >= p.start_at - interval '56 days' and created_at < p.end_at) as uses_kudos
      from periods p
    ),
    -- A person's side in this channel: the side declared for them, when the channel declared sides;
    -- otherwise their own workspace (recorded with each kudos, else from the directory). Kudos go
    -- from giver to receiver, credits from giver to each contributor other than themselves;
    -- `flows` counts them between sides, for each period and kind, as arrays ordered by side from
    -- and side to.
    declared as (select user_id, side from alliance_sides where team_id = p_team and channel_id = p_channel),
    edges as (
      select i, 'kudos' as kind, giver_id as from_id, giver_team_id as from_team,
             receiver_id as to_id, receiver_team_id as to_team
      from given
      union all
      select i, 'credits', given_by, null, contributor_id, null from credited where contributor_id <> given_by
    ),
    people_sides as materialized (
      select u.user_id, d.declaring, case when d.declaring then s.side else s.home_team_id end as side
      from (select from_id as user_id from edges union select to_id from edges) u
      cross join (select exists (select 1 from declared) as declaring) d
      left join lateral (
        select (select side from declared where user_id = u.user_id) as side,
               (select home_team_id from slack_users where team_id = p_team and user_id = u.user_id) as home_team_id
      ) s on true
    ),
    flows as (
      select i, kind, array_agg(from_side order by from_side, to_side) as from_sides,
             array_agg(to_side order by from_side, to_side) as to_sides, array_agg(count order by from_side, to_side) as counts
      from (
        select e.i, e.kind, sided.from_side, sided.to_side, count(*)::int as count
        from edges e
        join people_sides f on f.user_id = e.from_id
        join people_sides t on t.user_id = e.to_id
        cross join lateral (
          select case when f.declaring then f.side else coalesce(e.from_team, f.side) end as from_side,
                 case when t.declaring then t.side else coalesce(e.to_team, t.side) end as to_side
        ) sided
        where sided.from_side is not null and sided.to_side is not null
        group by e.i, e.kind, sided.from_side, sided.to_side
      ) f
      group by i, kind
    )
    select p.i,
           coalesce(ck.expected, 0) as expected, coalesce(ck.answered, 0) as answered,
           coalesce(ck.on_time, 0) as on_time,
           coalesce(rb.raised, 0) as raised, coalesce(od.episodes, 0) as episodes, od.mean_open_days,
           coalesce(rc.scheduled, 0) as scheduled, coalesce(rc.held, 0) as held,
           coalesce(cr.deliverables, 0) as deliverables, coalesce(cr.contributors, 0) as contributors,
           coalesce(cr.confirmed, 0) as confirmed,
           coalesce(ac.due, 0) as due, coalesce(ac.done_on_time, 0) as done_on_time,
           coalesce(ac.completed, 0) as completed,
           pu.pulse_statements, pu.pulse_means,
           re.kudos_received, re.kudos_received is not null and us.uses_kudos as uses_kudos,
           kf.from_sides as kudos_from, kf.to_sides as kudos_to, kf.counts as kudos_count,
           cf.from_sides as credit_from, cf.to_sides as credit_to, cf.counts as credit_count,
           (select array_agg(distinct side order by side) from declared) as declared_sides
    from periods p
    left join checkin_counts ck on ck.i = p.i
    left join raised rb on rb.i = p.i
    left join open_days od on od.i = p.i
    left join retro_counts rc on rc.i = p.i
    left join credit_counts cr on cr.i = p.i
    left join action_counts ac on ac.i = p.i
    left join pulse pu on pu.i = p.i
    left join received re on re.i = p.i
    left join uses us on us.i = p.i
    left join flows kf on kf.i = p.i and kf.kind = 'kudos'
    left join flows cf on cf.i = p.i and cf.kind = 'credits'
    order by p.i;
end
$$;

create or replace function health_digest_lists(p_team text, p_channel text, p_start timestamptz, p_end timestamptz, p_limit int)
returns table (
  kudos json, kudos_total int, credits json, credits_total int, done json, done_total int,
  overdue json, overdue_total int, blockers json, blockers_total int
)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with given as (
      select giver_id, reason, array_agg(receiver_id order by receiver_id) as receivers, max(created_at) as at
      from kudos
      where team_id = p_team and channel_id = p_channel and created_at >= p_start and created_at < p_end
        and retracted_at is null and reason is not null and source <> 'ditto'
      group by giver_id, reason, coalesce(command_id, message_ts, created_at::text)
    ),
    credited as (
      select c.id, c.deliverable, c.link, c.created_at,
             array_agg(cc.contributor_id order by cc.contributor_id) as contributors
      from credits c
      join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status = 'confirmed'
      where c.team_id = p_team and c.channel_id = p_channel and c.created_at >= p_start and c.created_at < p_end
      group by c.team_id, c.id
    ),
    channel_actions as (
      select id, owner_id, body, due_on, done_at, created_at from action_items
      where team_id = p_team and channel_id = p_channel and (done_at >= p_start or done_at is null)
    ),
    done as (select * from channel_actions where done_at >= p_start and done_at < p_end),
    overdue as (
      select * from channel_actions
      where created_at < p_end and due_on < (p_end at time zone 'UTC')::date
        and (done_at is null or done_at >= p_end)
    ),
    answered as (
      select c.user_id, c.local_date, c.blocker,
             row_number() over (partition by c.user_id order by c.local_date desc, c.ritual_id) as newest,
             max(c.local_date) filter (where not c.blocker) over (partition by c.user_id) as last_clear
      from checkins c
      join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
      where c.team_id = p_team and r.channel_id = p_channel and r.kind = 'standup' and c.status = 'answered'
        and c.local_date >= (p_start at time zone 'UTC')::date - 56  -- the blocker look-back: 8 weeks
        and c.local_date < (p_end at time zone 'UTC')::date
    ),
    blocked as (
      select a.user_id,
             (select min(b.local_date) from answered b
              where b.user_id = a.user_id and b.blocker and b.local_date > coalesce(a.last_clear, '-infinity')) as since
      from answered a
      where a.newest = 1 and a.blocker
    )
    select
      coalesce((select json_agg(json_build_object('giver_id', giver_id, 'receivers', receivers, 'reason', reason) order by at desc)
                from (select * from given order by at desc limit p_limit) g), '[]') as kudos,
      (select count(*)::int from given) as kudos_total,
      coalesce((select json_agg(json_build_object('deliverable', deliverable, 'link', link, 'contributors', contributors)
                                order by created_at desc, id desc)
                from (select * from credited order by created_at desc, id desc limit p_limit) c), '[]') as credits,
      (select count(*)::int from credited) as credits_total,
      coalesce((select json_agg(json_build_object('owner_id', owner_id, 'body', body, 'due_on', due_on::text)
                                order by done_at desc, id desc)
                from (select * from done order by done_at desc, id desc limit p_limit) d), '[]') as done,
      (select count(*)::int from done) as done_total,
      coalesce((select json_agg(json_build_object('owner_id', owner_id, 'body', body, 'due_on', due_on::text)
                                order by due_on, id)
                from (select * from overdue order by due_on, id limit p_limit) o), '[]') as overdue,
      (select count(*)::int from overdue) as overdue_total,
      coalesce((select json_agg(json_build_object('user_id', user_id, 'since', since::text) order by since, user_id)
                from (select * from blocked order by since, user_id limit p_limit) b), '[]') as blockers,
      (select count(*)::int from blocked) as blockers_total;
end
$$;
