-- Up Migration

-- A channel's working agreement: one per channel, shown as one message that each new version edits.
create table charters (
  team_id text not null,
  channel_id text not null,
  -- The channel message showing the latest version; null until it is posted.
  message_ts text,
  -- Whoever posts the first message claims it here, so two saves at once post one message.
  post_claimed_at timestamptz,
  created_at timestamptz not null,
  primary key (team_id, channel_id)
);

-- Every saved version of a charter, never overwritten: who saved it, when, and what it said.
create table charter_versions (
  team_id text not null,
  channel_id text not null,
  version integer not null,
  goal text not null,
  metrics text,
  roles text,
  decision_making text,
  escalation text,
  cadence text,
  saved_by text not null,
  saved_at timestamptz not null,
  -- The form's one-time token: Slack delivering a submission twice saves one version.
  submission_id text not null,
  primary key (team_id, channel_id, version),
  constraint charter_versions_once unique (team_id, submission_id),
  constraint charter_versions_charter_fkey foreign key (team_id, channel_id)
    references charters (team_id, channel_id) on delete cascade,
  constraint charter_versions_version_positive check (version > 0),
  constraint charter_versions_lengths check (
    char_length(goal) between 1 and 1000
    and coalesce(char_length(metrics), 0) <= 1000
    and coalesce(char_length(roles), 0) <= 1500
    and coalesce(char_length(decision_making), 0) <= 1000
    and coalesce(char_length(escalation), 0) <= 1000
    and coalesce(char_length(cadence), 0) <= 300
  )
);

-- A decision logged from a message: what was decided, who owns it, why, who was consulted.
create table decisions (
  id bigint generated always as identity,
  team_id text not null,
  channel_id text not null,
  -- The message the shortcut was used on, and its thread (null when it was not in one).
  source_ts text not null,
  source_thread_ts text,
  -- Slack's link to that message, once asked for (after the form closes).
  source_permalink text,
  decision text not null,
  owner_id text not null,
  rationale text,
  consulted text[] not null default '{}',
  review_date date,
  logged_by text not null,
  -- The form's one-time token: Slack delivering a submission twice logs one decision.
  submission_id text not null,
  -- The channel message that shows it; edits update it in place.
  message_ts text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  updated_by text not null,
  primary key (team_id, id),
  constraint decisions_once unique (team_id, submission_id),
  constraint decisions_lengths check (
    char_length(decision) between 1 and 1000
    and coalesce(char_length(rationale), 0) <= 2000
    and cardinality(consulted) <= 30
  )
);

-- /decisions lists a channel's decisions, newest first.
create index decisions_by_channel on decisions (team_id, channel_id, created_at desc, id desc);

-- Down Migration
