-- Up Migration

-- A time zone the person chose in Rapport: it wins over the one Slack shares, and is the only one
-- Rapport has for someone whose zone Slack does not share (a partner organisation's member in a
-- Slack Connect channel). `zone_asked_at`: when a prompt first asked them for it, so it asks once.
alter table person_settings
  add column time_zone text,
  add column zone_asked_at timestamptz;

-- Workspaces' names as team.info gave them to the workspace that asked (`team_id`), refreshed at
-- most daily. `name` is null when team.info would not say (no team:read, a team not visible).
create table team_names (
  team_id text not null,
  named_team_id text not null,
  name text,
  fetched_at timestamptz not null,
  primary key (team_id, named_team_id)
);
