-- Up Migration

-- The give ledger's counts behind one channel's scorecards (docs/METRICS.md, value_confirmed and
-- value_reciprocity), for the same periods as health_period_counts and numbered the same way: the
-- receivers asked to confirm a give logged in the period, those who confirmed it, and the
-- confirmed receivers between sides (giver's side to receiver's side). A person's side is the one
-- declared for them when the channel declared sides, else their own workspace, as for kudos.
-- A function that keeps its plan, like health_period_counts, and called in the same statement.
create function health_period_gives(p_team text, p_channel text, p_starts timestamptz[], p_ends timestamptz[])
returns table (i int, gives_asked int, gives_confirmed int, give_from text[], give_to text[], give_count int[])
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
    periods as (
      select p.i::int as i, p.start_at, p.end_at
      from unnest(p_starts, p_ends) with ordinality as p(start_at, end_at, i)
    ),
    declared as (select user_id, side from alliance_sides where team_id = p_team and channel_id = p_channel),
    declaring as (select exists (select 1 from declared) as yes),
    answers as materialized (
      select p.i, r.status,
             case when d.yes then (select side from declared where user_id = g.giver_id)
                  else coalesce(g.giver_team_id, g.team_id) end as from_side,
             case when d.yes then (select side from declared where user_id = r.receiver_id)
                  else coalesce(r.receiver_team_id, r.team_id) end as to_side
      from periods p
      join gives g on g.created_at >= p.start_at and g.created_at < p.end_at
      join give_receivers r on r.team_id = g.team_id and r.give_id = g.id
      cross join declaring d
      where g.team_id = p_team and g.channel_id = p_channel
        and g.created_at >= p_earliest and g.created_at < p_latest
    ),
    counts as (
      select i, count(*)::int as asked, (count(*) filter (where status = 'confirmed'))::int as confirmed
      from answers group by i
    ),
    flows as (
      select i, array_agg(from_side order by from_side, to_side) as from_sides,
             array_agg(to_side order by from_side, to_side) as to_sides,
             array_agg(n order by from_side, to_side) as counts
      from (
        select i, from_side, to_side, count(*)::int as n from answers
        where status = 'confirmed' and from_side is not null and to_side is not null
        group by i, from_side, to_side
      ) f
      group by i
    )
    select p.i, coalesce(c.asked, 0), coalesce(c.confirmed, 0), f.from_sides, f.to_sides, f.counts
    from periods p
    left join counts c on c.i = p.i
    left join flows f on f.i = p.i
    order by p.i;
end
$$;

-- Down Migration

drop function health_period_gives(text, text, timestamptz[], timestamptz[]);
