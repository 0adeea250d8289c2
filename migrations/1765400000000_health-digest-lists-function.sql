-- Up Migration

-- What a digest celebrates and what it asks attention for, beside the scorecard: a few items
-- (p_limit) of each list for one channel's period [p_start, p_end), newest or most urgent first,
-- and how many there were in all. Kudos given together (one command, one message) are one item;
-- credits show their confirmed contributors; an action item is overdue when it was due before the
-- period's end and was not done by then; a person is blocked when their latest answered check-in
-- raised a blocker, since the first check-in of that run. Every part reads one channel of one
-- workspace, so a digest never shows another channel's data.
--
-- A function, like health_period_counts, so that its plan is made once per connection and kept.
create function health_digest_lists(p_team text, p_channel text, p_start timestamptz, p_end timestamptz, p_limit int)
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

-- Down Migration

drop function health_digest_lists(text, text, timestamptz, timestamptz, int);
