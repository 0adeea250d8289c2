-- Up Migration

-- How many kudos each person may give in a day (their own local day); null: no limit.
alter table workspaces
  add column kudos_daily_budget integer,
  add constraint workspaces_kudos_budget_range check (kudos_daily_budget between 1 and 100);

-- Each person's own choices. No row: every default holds (kudos DMs on).
create table person_settings (
  team_id text not null,
  user_id text not null,
  kudos_dms boolean not null default true,
  updated_at timestamptz not null default now(),
  primary key (team_id, user_id)
);

-- The channel message that announced kudos given by command or shortcut. A kudos emoji on it is a
-- "ditto": the reactor's kudos to the same people for the same reason.
create table kudos_announcements (
  id bigint generated always as identity primary key,
  team_id text not null,
  channel_id text not null,
  -- Set once it is posted; stays null where it went through a command's response_url (no ts).
  message_ts text,
  created_at timestamptz not null
);

create unique index kudos_announcements_by_message
  on kudos_announcements (team_id, channel_id, message_ts) where message_ts is not null;

-- The workspace ("side") of giver and receiver, from users.info `team_id`: a Slack Connect member's
-- differs from ours. Null for kudos recorded before this release.
-- `submission_id`: the one-time key of a "Give kudos" form, so a form Slack delivers twice records once.
-- `announcement_id`: the announcement the kudos belongs to (command, shortcut) or seconds (ditto).
alter table kudos
  add column giver_team_id text,
  add column receiver_team_id text,
  add column submission_id text,
  add column announcement_id bigint references kudos_announcements (id) on delete restrict,
  drop constraint kudos_source_known,
  add constraint kudos_source_known check (source in ('command', 'reaction', 'shortcut', 'ditto')),
  add constraint kudos_shortcut_shape check (
    source <> 'shortcut' or (submission_id is not null and message_ts is not null and reason is not null
                             and command_id is null and emoji is null)
  ),
  add constraint kudos_ditto_shape check (
    source <> 'ditto' or (announcement_id is not null and reason is not null and command_id is null
                          and submission_id is null and emoji is null)
  );

create unique index kudos_shortcut_once on kudos (team_id, submission_id, receiver_id) where source = 'shortcut';
create unique index kudos_ditto_once
  on kudos (team_id, announcement_id, giver_id, receiver_id) where source = 'ditto';
create index kudos_by_announcement on kudos (team_id, announcement_id) where announcement_id is not null;

-- Down Migration
