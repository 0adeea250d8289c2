-- Up Migration

-- When each person last joined a channel's pairs, and last left them: who had joined at a period's
-- end (docs/METRICS.md, `connections`) is then known for a period computed later too. Rows already
-- there take, for a joined person, the first round that paired them, else their last answer; for
-- one who left, their last answer.
alter table pair_members
  add column joined_at timestamptz,
  add column left_at timestamptz;
update pair_members m
  set joined_at = least(m.updated_at, (
        select min(r.made_at) from pair_rounds r
        join pair_groups g on g.team_id = r.team_id and g.ritual_id = r.ritual_id and g.round_date = r.round_date
        where r.team_id = m.team_id and r.channel_id = m.channel_id and m.user_id = any(g.members)))
  where m.joined;
update pair_members m
  set joined_at = (
        select min(r.made_at) from pair_rounds r
        join pair_groups g on g.team_id = r.team_id and g.ritual_id = r.ritual_id and g.round_date = r.round_date
        where r.team_id = m.team_id and r.channel_id = m.channel_id and m.user_id = any(g.members)),
      left_at = m.updated_at
  where not m.joined;

-- The counts behind `connections` (docs/METRICS.md), for the same periods as health_period_counts
-- and numbered the same way, called in the same statement. At each period's end:
-- - pairs_ritual: whether the channel has a pairs ritual (now: a ritual removed is gone);
-- - pairs_joined: the people who had joined the channel's pairs (joined before the end, and not
--   left before it);
-- - pairs_possible: the pairs of them on different sides, a person's side being the one declared
--   for them when the channel declared sides (none when in none), else their own workspace;
-- - pairs_met: those pairs that were together in a group of this channel that met (met_at) in the
--   91 days before the end: a group of three is its three pairs, and a pair that met twice counts once;
-- - pair_meetings: the groups of this channel that met in the calendar quarter (UTC) holding the
--   period's last instant, up to its end.
-- A function that keeps its plan, like health_period_counts.
create function health_period_connections(p_team text, p_channel text, p_starts timestamptz[], p_ends timestamptz[])
returns table (i int, pairs_ritual boolean, pairs_joined int, pairs_possible int, pairs_met int, pair_meetings int)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  p_latest timestamptz := (select max(e) from unnest(p_ends) e);
  -- The earliest instant any period looks at: 91 days before its end, or its quarter's start.
  p_from timestamptz := (
    select min(least(e - interval '91 days',
                     date_trunc('quarter', (e - interval '1 microsecond') at time zone 'UTC') at time zone 'UTC'))
    from unnest(p_ends) e);
begin
  return query
  with
    periods as (
      select p.i::int as i, p.end_at,
             date_trunc('quarter', (p.end_at - interval '1 microsecond') at time zone 'UTC') at time zone 'UTC'
               as quarter_at
      from unnest(p_ends) with ordinality as p(end_at, i)
    ),
    declared as (select user_id, side from alliance_sides where team_id = p_team and channel_id = p_channel),
    declaring as (select exists (select 1 from declared) as yes),
    members as materialized (
      select m.user_id, m.joined, m.joined_at, m.left_at,
             case when d.yes then (select side from declared x where x.user_id = m.user_id)
                  else coalesce(m.user_team_id, m.team_id) end as side
      from pair_members m cross join declaring d
      where m.team_id = p_team and m.channel_id = p_channel and m.joined_at is not null
    ),
    joined as materialized (
      select p.i, m.user_id, m.side
      from periods p
      join members m on m.joined_at < p.end_at and (m.joined or m.left_at >= p.end_at)
    ),
    by_side as (
      select i, count(*)::numeric as n from joined where side is not null group by i, side
    ),
    possible as (
      select i, ((sum(n) * sum(n) - sum(n * n)) / 2)::int as pairs from by_side group by i
    ),
    met_groups as materialized (
      select g.members, g.met_at
      from pair_rounds r
      join pair_groups g on g.team_id = r.team_id and g.ritual_id = r.ritual_id and g.round_date = r.round_date
      where r.team_id = p_team and r.channel_id = p_channel
        and g.met_at >= p_from and g.met_at < p_latest
    ),
    group_pairs as (
      select g.met_at, a.user_id as a, b.user_id as b
      from met_groups g
      cross join lateral unnest(g.members) as a(user_id)
      cross join lateral unnest(g.members) as b(user_id)
      where a.user_id < b.user_id
    ),
    met as (
      select p.i, count(distinct (gp.a, gp.b))::int as pairs
      from periods p
      join group_pairs gp on gp.met_at >= p.end_at - interval '91 days' and gp.met_at < p.end_at
      join joined ja on ja.i = p.i and ja.user_id = gp.a
      join joined jb on jb.i = p.i and jb.user_id = gp.b
      where ja.side <> jb.side
      group by p.i
    ),
    meetings as (
      select p.i, count(*)::int as n
      from periods p
      join met_groups g on g.met_at >= p.quarter_at and g.met_at < p.end_at
      group by p.i
    ),
    joined_count as (select i, count(*)::int as n from joined group by i)
    select p.i,
           exists (select 1 from rituals r where r.team_id = p_team and r.channel_id = p_channel and r.kind = 'pairs'),
           coalesce(j.n, 0), coalesce(po.pairs, 0), coalesce(m.pairs, 0), coalesce(mt.n, 0)
    from periods p
    left join joined_count j on j.i = p.i
    left join possible po on po.i = p.i
    left join met m on m.i = p.i
    left join meetings mt on mt.i = p.i
    order by p.i;
end
$$;

-- Down Migration

drop function health_period_connections(text, text, timestamptz[], timestamptz[]);
alter table pair_members
  drop column left_at,
  drop column joined_at;
