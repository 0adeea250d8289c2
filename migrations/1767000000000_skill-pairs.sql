-- Up Migration

-- Skill-share pairs (issue 19, point 2): a ritual of kind `skills` whose occurrence is a monthly
-- round, made with the pairs' machinery (pair_rounds and pair_groups keyed by the ritual). Its
-- window is the round, like coffee pairs', and halfway it asks each pair whether it met.
alter table rituals
  drop constraint rituals_kind_known,
  drop constraint rituals_close_valid;
alter table rituals
  add constraint rituals_kind_known
    check (kind in ('standup', 'retro', 'pulse', 'digest', 'review', 'pairs', 'skills')),
  add constraint rituals_close_valid check (
    close_after_minutes between 15 and 2880
    or (kind = 'review' and close_after_minutes between 15 and 20160)
    or (kind in ('pairs', 'skills') and close_after_minutes between 15 and 40320)
  );

-- What a person of a channel can teach (offers) and wants to learn (wants): normalised tags
-- (lower case, 2-40 characters, at most 10 a list). The channel's tag list is read from these rows
-- (the tags its people use, most used first), so it needs no table of its own. Their Slack profile
-- title as they last saved (for seniority), and the form's one-time id with whether that
-- submission joined them to the pairs, so a form Slack delivers twice is saved and answered once.
create table pair_skills (
  team_id text not null,
  channel_id text not null,
  user_id text not null,
  offers text[] not null default '{}',
  wants text[] not null default '{}',
  title text,
  submission_id text not null,
  submission_joined boolean not null default false,
  updated_at timestamptz not null,
  primary key (team_id, channel_id, user_id),
  constraint pair_skills_offers_count check (cardinality(offers) <= 10),
  constraint pair_skills_wants_count check (cardinality(wants) <= 10)
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
  -- An escalation's history follows it (on update cascade). Its id is unique per record set, so
  -- one whose id the channel's set already holds keeps its workspace's.
  update escalations set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from escalations e where e.team_id = p_channel and e.id = escalations.id);
  -- A person's skills in the channel; where the channel's set has theirs already, that one is kept.
  update pair_skills set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from pair_skills s
                      where s.team_id = p_channel and s.channel_id = p_channel and s.user_id = pair_skills.user_id);
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
drop table pair_skills;
delete from rituals where kind = 'skills';
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
