-- Up Migration

-- A recurring habit of a channel: a stand-up now; retros, pulse checks and digests later.
create table rituals (
  id bigint generated always as identity primary key,
  team_id text not null,
  channel_id text not null,
  kind text not null,
  -- ISO weekdays, 1 = Monday.
  days smallint[] not null,
  time_of_day text not null,
  -- 'local' (each participant's Slack time zone) or an IANA zone for everyone.
  zone text not null,
  questions text[] not null default '{}',
  -- Named participants; null means the channel's human members at run time.
  participants text[],
  close_after_minutes integer not null default 180,
  -- A reminder this long before the close; null for none.
  reminder_before_close_minutes integer default 60,
  paused boolean not null default false,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint rituals_kind_known check (kind in ('standup')),
  constraint rituals_days_valid check (cardinality(days) between 1 and 7 and days <@ array[1, 2, 3, 4, 5, 6, 7]::smallint[]),
  constraint rituals_time_valid check (time_of_day ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  constraint rituals_close_valid check (close_after_minutes between 15 and 2880),
  constraint rituals_reminder_valid check (
    reminder_before_close_minutes is null or reminder_before_close_minutes between 5 and close_after_minutes
  ),
  constraint rituals_team_id_key unique (team_id, id)
);

create index rituals_by_channel on rituals (team_id, channel_id);

-- One day off for a ritual, such as a holiday: no occurrence on that local date.
create table ritual_skips (
  team_id text not null,
  ritual_id bigint not null,
  local_date date not null,
  created_by text not null,
  created_at timestamptz not null,
  primary key (team_id, ritual_id, local_date),
  constraint ritual_skips_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade
);

-- Down Migration
