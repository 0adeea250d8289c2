-- Up Migration

-- Coffee pairs across sides (issue 19): a ritual of kind `pairs` whose occurrence is a round. Its
-- window is the round (a week, two, or four), and its reminder, halfway, asks each group whether
-- they met. Rounds are kept when the ritual goes: the meetings happened, and `connections` counts them.
alter table rituals
  drop constraint rituals_kind_known,
  drop constraint rituals_close_valid;
alter table rituals
  add constraint rituals_kind_known check (kind in ('standup', 'retro', 'pulse', 'digest', 'review', 'pairs')),
  add constraint rituals_close_valid check (
    close_after_minutes between 15 and 2880
    or (kind = 'review' and close_after_minutes between 15 and 20160)
    or (kind = 'pairs' and close_after_minutes between 15 and 40320)
  );

-- Who takes part in a channel's pairs: nobody is paired without saying yes once (a row with
-- joined). Leaving keeps the row, so nobody is asked again; a pause skips rounds until its date.
-- Their own workspace is kept for their side (docs/METRICS.md, "Sides"), and their time zone as
-- they last joined (chosen in Rapport, else Slack's; none when neither gave one), for the times a
-- pair is offered.
create table pair_members (
  team_id text not null,
  channel_id text not null,
  user_id text not null,
  user_team_id text,
  zone text,
  joined boolean not null,
  paused_until date,
  updated_at timestamptz not null,
  primary key (team_id, channel_id, user_id)
);

-- One round of a pairs ritual, by its date: made once (its key), whichever replica's tick gets it.
create table pair_rounds (
  team_id text not null,
  ritual_id bigint not null,
  round_date date not null,
  channel_id text not null,
  made_at timestamptz not null,
  primary key (team_id, ritual_id, round_date)
);
create index pair_rounds_channel on pair_rounds (team_id, channel_id, round_date);

-- The groups of a round (two people, or one of three), and whether they met: a member's "We met",
-- once. No text is kept.
create table pair_groups (
  team_id text not null,
  ritual_id bigint not null,
  round_date date not null,
  group_no int not null,
  members text[] not null,
  met_at timestamptz,
  primary key (team_id, ritual_id, round_date, group_no),
  foreign key (team_id, ritual_id, round_date)
    references pair_rounds (team_id, ritual_id, round_date) on delete cascade on update cascade,
  constraint pair_groups_size check (cardinality(members) between 2 and 3)
);

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
  update outbox set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from outbox o where o.team_id = p_channel and o.dedupe_key = outbox.dedupe_key);
end
$$;
drop table pair_groups;
drop table pair_rounds;
drop table pair_members;
delete from rituals where kind = 'pairs';
alter table rituals
  drop constraint rituals_kind_known,
  drop constraint rituals_close_valid;
alter table rituals
  add constraint rituals_kind_known check (kind in ('standup', 'retro', 'pulse', 'digest', 'review')),
  add constraint rituals_close_valid check (
    close_after_minutes between 15 and 2880 or (kind = 'review' and close_after_minutes between 15 and 20160)
  );
