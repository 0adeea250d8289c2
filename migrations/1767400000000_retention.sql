-- Up Migration

-- Retention (issue 20, point 3): RETENTION_DAYS_CHECKINS, RETENTION_DAYS_NOTES and
-- RETENTION_DAYS_EVENTS say how long Rapport keeps stand-up answers' text, retro notes' text, and
-- kudos reactions' states with the outbox's delivery records; unset, forever. A daily job erases
-- what is older (src/retention). What the health counts read stays: a check-in keeps its status
-- and its `blocker` flag (blockers are counted from the flag, never from the text), and an erased
-- retro note keeps its row (a retro with a note was held), so past digests keep their numbers.

-- The settings the app last ran with, one row for the installation: the environment sets them, not
-- a workspace, so this table has no team_id. A start with other values changes this row once (under
-- its lock) and writes each workspace's audit log once.
create table retention_settings (
  singleton boolean primary key default true,
  checkins_days integer,
  notes_days integer,
  events_days integer,
  changed_at timestamptz not null,
  constraint retention_settings_one_row check (singleton),
  constraint retention_settings_positive check (
    coalesce(checkins_days, 1) > 0 and coalesce(notes_days, 1) > 0 and coalesce(events_days, 1) > 0)
);

-- One run a day (UTC) across every replica: the first to insert the day's row runs it, in the same
-- transaction as its erasures, so a run that fails leaves no row and the next tick tries again.
-- The settings it ran with are kept with it. Installation-wide, like the settings.
create table retention_runs (
  run_date date primary key,
  ran_at timestamptz not null,
  checkins_days integer,
  notes_days integer,
  events_days integer
);

-- What each run erased in each record set, as counts: `/rapport retention` shows a workspace its own.
create table retention_erasures (
  team_id text not null,
  run_date date not null references retention_runs (run_date) on delete cascade,
  checkins integer not null default 0,
  notes integer not null default 0,
  reactions integer not null default 0,
  deliveries integer not null default 0,
  primary key (team_id, run_date)
);

-- An erased check-in keeps its day, status and blocker flag; its answers become [] and this says when.
alter table checkins add column answers_erased_at timestamptz;
create index checkins_to_erase on checkins (updated_at) where answers_erased_at is null;

-- An erased retro note keeps its row (the retro was held) with an empty body.
alter table retro_notes add column erased_at timestamptz;
alter table retro_notes drop constraint retro_notes_body_length;
alter table retro_notes add constraint retro_notes_body_length check (
  char_length(body) between 1 and 3000 or (erased_at is not null and body = ''));
create index retro_notes_to_erase on retro_notes (updated_at) where erased_at is null;

-- Reaction states are deleted by the time of the event that decided them (Slack's event_ts, seconds).
create index kudos_reactions_by_time on kudos_reactions (event_ts);

-- Settled delivery records are deleted by when they were settled.
create index outbox_settled on outbox (coalesce(sent_at, created_at)) where status <> 'pending';

-- Down Migration

drop index outbox_settled;
drop index kudos_reactions_by_time;
drop index retro_notes_to_erase;
alter table retro_notes drop constraint retro_notes_body_length;
update retro_notes set body = '(erased)' where erased_at is not null;
alter table retro_notes add constraint retro_notes_body_length check (char_length(body) between 1 and 3000);
alter table retro_notes drop column erased_at;
drop index checkins_to_erase;
alter table checkins drop column answers_erased_at;
drop table retention_erasures;
drop table retention_runs;
drop table retention_settings;
