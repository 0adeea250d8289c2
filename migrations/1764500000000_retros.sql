-- Up Migration

-- A retro of a channel: started by /retro, or by a retro ritual's occurrence (one per ritual day).
-- Its channel message is the outbox entry 'retro:<id>'; its summary is 'retro-summary:<id>'.
create table retros (
  id bigint generated always as identity primary key,
  team_id text not null,
  channel_id text not null,
  title text not null,
  ritual_id bigint,
  local_date date,
  -- What started it (the command's trigger_id, or the ritual day): a replay starts nothing new.
  start_key text not null,
  -- Null for a retro the scheduler started.
  started_by text,
  opened_at timestamptz not null,
  -- Set once, by whichever close claims it first: the summary is posted once.
  closed_at timestamptz,
  closed_by text,
  constraint retros_title_length check (char_length(title) between 1 and 150),
  constraint retros_team_id_key unique (team_id, id),
  constraint retros_start_once unique (team_id, start_key),
  -- A removed ritual keeps its retros as history.
  constraint retros_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete set null (ritual_id)
);

create index retros_by_channel on retros (team_id, channel_id, opened_at desc);
create index retros_by_ritual_day on retros (team_id, ritual_id, local_date);

-- A note in a retro. The author is kept only so they can edit or delete their own note: nothing
-- shows it unless share_name is set.
create table retro_notes (
  id bigint generated always as identity primary key,
  team_id text not null,
  retro_id bigint not null,
  category text not null,
  body text not null,
  author_id text not null,
  share_name boolean not null default false,
  -- The form's own token: Slack retrying a submission adds nothing.
  submission_key text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint retro_notes_category_known check (category in ('went_well', 'to_improve', 'idea')),
  constraint retro_notes_body_length check (char_length(body) between 1 and 3000),
  constraint retro_notes_team_id_key unique (team_id, id),
  constraint retro_notes_once unique (team_id, submission_key),
  constraint retro_notes_retro_fkey foreign key (team_id, retro_id)
    references retros (team_id, id) on delete cascade
);

create index retro_notes_by_retro on retro_notes (team_id, retro_id, created_at);
create index retro_notes_by_author on retro_notes (team_id, author_id, retro_id);

-- Something a person takes on, from a retro or by /retro action; open until someone marks it done.
create table action_items (
  id bigint generated always as identity primary key,
  team_id text not null,
  channel_id text not null,
  -- The retro it came from, if it was open when the item was added.
  retro_id bigint,
  owner_id text not null,
  body text not null,
  due_on date,
  created_by text not null,
  -- The command's trigger_id or the form's token: a replay adds nothing.
  create_key text not null,
  created_at timestamptz not null,
  done_at timestamptz,
  done_by text,
  constraint action_items_body_length check (char_length(body) between 1 and 1000),
  constraint action_items_done_shape check ((done_at is null) = (done_by is null)),
  constraint action_items_team_id_key unique (team_id, id),
  constraint action_items_once unique (team_id, create_key),
  constraint action_items_retro_fkey foreign key (team_id, retro_id)
    references retros (team_id, id) on delete set null (retro_id)
);

create index action_items_open_by_channel on action_items (team_id, channel_id, created_at) where done_at is null;

-- A project's closing retro, kept as its archive entry: lessons learned and reusable assets.
create table debriefs (
  id bigint generated always as identity primary key,
  team_id text not null,
  channel_id text not null,
  project text not null,
  lessons text not null,
  -- One asset a line: a template, a doc, some code, with its link.
  assets text not null,
  created_by text not null,
  submission_key text not null,
  created_at timestamptz not null,
  constraint debriefs_project_length check (char_length(project) between 1 and 150),
  constraint debriefs_lessons_length check (char_length(lessons) between 1 and 3000),
  constraint debriefs_assets_length check (char_length(assets) <= 3000),
  constraint debriefs_team_id_key unique (team_id, id),
  constraint debriefs_once unique (team_id, submission_key)
);

create index debriefs_by_channel on debriefs (team_id, channel_id, created_at desc);

-- Down Migration
