-- Up Migration

-- A Slack Connect channel has the same id in every workspace it joins, so its records are one set
-- whichever installation delivered a request: rows of a shared channel carry the channel's id where
-- other rows carry their workspace's team id (`team_id` is the record set a row belongs to). This
-- table says which channels are shared and with which workspaces; it is filled from
-- conversations.info (is_ext_shared, shared_team_ids, connected_team_ids, conversation_host_id) the
-- first time a channel is seen, and checked again when it is older than a day.
create table shared_channels (
  channel_id text primary key,
  is_shared boolean not null,
  -- Every workspace in the channel: its host's and its guests'. A request through any other
  -- installation about this channel is refused.
  team_ids text[] not null default '{}',
  host_team_id text,
  checked_at timestamptz not null,
  -- The workspace whose earlier records of the channel were moved into the channel's own set.
  adopted_from text,
  constraint shared_channels_teams_when_shared check (not is_shared or cardinality(team_ids) >= 1)
);

-- Records keyed by (team_id, …) follow their parent when a channel's records are adopted.
alter table ritual_skips drop constraint ritual_skips_ritual_fkey,
  add constraint ritual_skips_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade on update cascade;
alter table ritual_slots drop constraint ritual_slots_ritual_fkey,
  add constraint ritual_slots_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade on update cascade;
alter table ritual_occurrences drop constraint ritual_occurrences_ritual_fkey,
  add constraint ritual_occurrences_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade on update cascade;
alter table standup_days drop constraint standup_days_ritual_fkey,
  add constraint standup_days_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade on update cascade;
alter table checkins drop constraint checkins_ritual_fkey,
  add constraint checkins_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade on update cascade;
alter table ritual_followups drop constraint ritual_followups_ritual_fkey,
  add constraint ritual_followups_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade on update cascade;
alter table charter_versions drop constraint charter_versions_charter_fkey,
  add constraint charter_versions_charter_fkey foreign key (team_id, channel_id)
    references charters (team_id, channel_id) on delete cascade on update cascade;
alter table retros drop constraint retros_ritual_fkey,
  add constraint retros_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete set null (ritual_id) on update cascade;
alter table retro_notes drop constraint retro_notes_retro_fkey,
  add constraint retro_notes_retro_fkey foreign key (team_id, retro_id)
    references retros (team_id, id) on delete cascade on update cascade;
alter table action_items drop constraint action_items_retro_fkey,
  add constraint action_items_retro_fkey foreign key (team_id, retro_id)
    references retros (team_id, id) on delete set null (retro_id) on update cascade;
alter table pulse_rounds drop constraint pulse_rounds_team_id_ritual_id_fkey,
  add constraint pulse_rounds_team_id_ritual_id_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade on update cascade;
alter table pulse_participation drop constraint pulse_participation_team_id_ritual_id_round_date_fkey,
  add constraint pulse_participation_team_id_ritual_id_round_date_fkey foreign key (team_id, ritual_id, round_date)
    references pulse_rounds (team_id, ritual_id, round_date) on delete cascade on update cascade;
alter table pulse_responses drop constraint pulse_responses_team_id_ritual_id_round_date_fkey,
  add constraint pulse_responses_team_id_ritual_id_round_date_fkey foreign key (team_id, ritual_id, round_date)
    references pulse_rounds (team_id, ritual_id, round_date) on delete cascade on update cascade;
alter table credit_contributors drop constraint credit_contributors_credit_fkey,
  add constraint credit_contributors_credit_fkey foreign key (team_id, credit_id)
    references credits (team_id, id) on delete cascade on update cascade;

-- Moves what one workspace recorded about a channel, before the channel was known to be shared,
-- into the channel's own record set. Runs once per channel (shared_channels.adopted_from).
create function adopt_shared_channel(p_from text, p_channel text) returns void
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
  update outbox set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from outbox o where o.team_id = p_channel and o.dedupe_key = outbox.dedupe_key);
end
$$;

-- Down Migration

drop function adopt_shared_channel(text, text);
drop table shared_channels;
