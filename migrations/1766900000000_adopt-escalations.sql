-- Up Migration

-- A channel that becomes shared brings its escalations (and their history) into the channel's
-- record set with everything else it recorded before (src/slack/record-sets.ts).

create or replace function adopt_shared_channel(p_from text, p_channel text) returns void
language plpgsql as $$
begin
  update rituals set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update retros set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update action_items set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update charters set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update decisions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update credits set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update debriefs set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_reactions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_announcements set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update alliance_sides set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update health_periods set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update gives set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update responsiveness_settings set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from responsiveness_settings s where s.team_id = p_channel and s.channel_id = p_channel);
  update asked_threads set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from asked_threads t
                      where t.team_id = p_channel and t.channel_id = p_channel and t.thread_ts = asked_threads.thread_ts);
  -- A review's answers follow it (on update cascade).
  update reviews set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update pair_members set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from pair_members m
                      where m.team_id = p_channel and m.channel_id = p_channel and m.user_id = pair_members.user_id);
  -- A round's groups follow it (on update cascade).
  update pair_rounds set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  -- An escalation's history follows it (on update cascade). Its id is unique per record set, so
  -- one whose id the channel's set already holds keeps its workspace's.
  update escalations set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from escalations e where e.team_id = p_channel and e.id = escalations.id);
  update outbox set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from outbox o where o.team_id = p_channel and o.dedupe_key = outbox.dedupe_key);
end
$$;

-- Down Migration

create or replace function adopt_shared_channel(p_from text, p_channel text) returns void
language plpgsql as $$
begin
  update rituals set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update retros set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update action_items set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update charters set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update decisions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update credits set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update debriefs set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_reactions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_announcements set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update alliance_sides set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update health_periods set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update gives set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update responsiveness_settings set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from responsiveness_settings s where s.team_id = p_channel and s.channel_id = p_channel);
  update asked_threads set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from asked_threads t
                      where t.team_id = p_channel and t.channel_id = p_channel and t.thread_ts = asked_threads.thread_ts);
  -- A review's answers follow it (on update cascade).
  update reviews set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update pair_members set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from pair_members m
                      where m.team_id = p_channel and m.channel_id = p_channel and m.user_id = pair_members.user_id);
  -- A round's groups follow it (on update cascade).
  update pair_rounds set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update outbox set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from outbox o where o.team_id = p_channel and o.dedupe_key = outbox.dedupe_key);
end
$$;
