-- Up Migration

-- The counts behind `escalations_resolved_in_time` (docs/METRICS.md), for the same periods as
-- health_period_counts and numbered the same way, called in the same statement. An escalation of
-- the channel (private ones too: only these counts leave the function) settles once:
-- - resolved before the target of the level it was at (resolved_at < level_due_at): in time, when
--   it was resolved;
-- - still open past its last level's target: not in time, when that target passed (resolved later,
--   it still settled then);
-- - resolved past the target of a level that was not its last (before the scheduler moved it on):
--   not in time, when it was resolved.
-- One still open at a level that is not its last has not settled: it moves up a level instead.
-- - escalations_settled: those that settled in the period [start, end);
-- - escalations_in_time: those of them resolved in time.
-- A function that keeps its plan, like health_period_counts.
create function health_period_escalations(p_team text, p_channel text, p_starts timestamptz[], p_ends timestamptz[])
returns table (i int, escalations_settled int, escalations_in_time int)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  p_latest timestamptz := (select max(e) from unnest(p_ends) e);
begin
  return query
  with
    periods as (
      select p.i::int as i, p.start_at, p.end_at
      from unnest(p_starts, p_ends) with ordinality as p(start_at, end_at, i)
    ),
    settled as materialized (
      select case when e.level = jsonb_array_length(e.levels) then least(e.resolved_at, e.level_due_at)
                  else e.resolved_at end as settled_at,
             coalesce(e.resolved_at < e.level_due_at, false) as in_time
      from escalations e
      where e.team_id = p_team and e.channel_id = p_channel and e.raised_at < p_latest
    ),
    counted as (
      select p.i, count(*)::int as n, (count(*) filter (where s.in_time))::int as in_time
      from periods p
      join settled s on s.settled_at >= p.start_at and s.settled_at < p.end_at
      group by p.i
    )
    select p.i, coalesce(c.n, 0), coalesce(c.in_time, 0)
    from periods p
    left join counted c on c.i = p.i
    order by p.i;
end
$$;

-- Down Migration

drop function health_period_escalations(text, text, timestamptz[], timestamptz[]);
