-- Up Migration

-- Per-workspace settings. One row per Slack team, created the first time a setting is changed.
create table workspaces (
  team_id text primary key,
  kudos_emoji text[] not null default array['clap', 'raised_hands'],
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint workspaces_kudos_emoji_not_empty check (cardinality(kudos_emoji) between 1 and 20)
);

-- What Slack told us about a person (users.info), kept so most requests need no Web API call.
create table slack_users (
  team_id text not null,
  user_id text not null,
  home_team_id text,
  display_name text not null default '',
  is_bot boolean not null,
  is_deleted boolean not null,
  is_admin boolean not null,
  tz text,
  fetched_at timestamptz not null,
  primary key (team_id, user_id)
);

-- One row per kudos: one per recipient for a command, one per giver and message for reactions.
create table kudos (
  id bigint generated always as identity primary key,
  team_id text not null,
  giver_id text not null,
  receiver_id text not null,
  channel_id text not null,
  source text not null,
  -- The slash command's trigger_id: a replayed command records nothing new.
  command_id text,
  message_ts text,
  emoji text,
  reason text,
  created_at timestamptz not null default now(),
  retracted_at timestamptz,
  constraint kudos_source_known check (source in ('command', 'reaction')),
  constraint kudos_not_to_self check (giver_id <> receiver_id),
  constraint kudos_command_shape check (
    source <> 'command' or (command_id is not null and message_ts is null and emoji is null and reason is not null)
  ),
  constraint kudos_reaction_shape check (
    source <> 'reaction' or (message_ts is not null and emoji is not null and command_id is null)
  ),
  constraint kudos_reason_length check (char_length(reason) <= 4000)
);

create unique index kudos_command_once on kudos (team_id, command_id, receiver_id) where source = 'command';
create unique index kudos_reaction_once on kudos (team_id, channel_id, message_ts, giver_id) where source = 'reaction';
create index kudos_by_receiver on kudos (team_id, receiver_id, created_at desc);
create index kudos_by_giver on kudos (team_id, giver_id, created_at desc);
create index kudos_by_time on kudos (team_id, created_at);

-- Every kudos-emoji reaction Slack reported, added or removed, with the event time that decided its
-- state: a late or repeated delivery of an older event never overrides a newer one.
create table kudos_reactions (
  team_id text not null,
  channel_id text not null,
  message_ts text not null,
  reactor_id text not null,
  emoji text not null,
  author_id text not null,
  active boolean not null,
  event_ts numeric(20, 6) not null,
  primary key (team_id, channel_id, message_ts, reactor_id, emoji)
);

-- Down Migration
