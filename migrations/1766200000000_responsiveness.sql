-- Up Migration

-- Responsiveness across the boundary (docs/METRICS.md, responsiveness). A channel's admin turns it
-- on; while it is off nothing is recorded, and turning it off erases what was.
create table responsiveness_settings (
  team_id text not null,
  channel_id text not null,
  -- The wait Rapport scales against, in working minutes (default 4 working hours).
  target_minutes int not null default 240,
  turned_on_by text not null,
  turned_on_at timestamptz not null,
  primary key (team_id, channel_id),
  constraint responsiveness_target_range check (target_minutes between 15 and 2400)
);

-- One row per question or request that opened a thread, with only the metadata the metric needs:
-- the thread, the asker's side and zone, when it was asked, and the first reply from another side
-- (that side, the replier's zone, when). No text, and no person's id, is ever stored.
create table asked_threads (
  team_id text not null,
  channel_id text not null,
  thread_ts text not null,
  asker_side text not null,
  asker_zone text not null,
  asked_at timestamptz not null,
  replier_side text,
  replier_zone text,
  replied_at timestamptz,
  primary key (team_id, channel_id, thread_ts),
  constraint asked_threads_reply_whole check (
    (replied_at is null) = (replier_side is null) and (replied_at is null) = (replier_zone is null)
  ),
  constraint asked_threads_reply_crosses check (replier_side is null or replier_side <> asker_side)
);
create index asked_threads_by_time on asked_threads (team_id, channel_id, asked_at);

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
  update outbox set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from outbox o where o.team_id = p_channel and o.dedupe_key = outbox.dedupe_key);
end
$$;
drop table asked_threads;
drop table responsiveness_settings;
