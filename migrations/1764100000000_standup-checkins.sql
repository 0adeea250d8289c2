-- Up Migration

-- A stand-up's day in its channel: the one header message whose thread holds the answers.
create table standup_days (
  team_id text not null,
  ritual_id bigint not null,
  local_date date not null,
  channel_id text not null,
  header_ts text,
  created_at timestamptz not null,
  primary key (team_id, ritual_id, local_date),
  constraint standup_days_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade
);

-- One person's check-in for one stand-up day: answered (with answers) or skipped.
create table checkins (
  team_id text not null,
  ritual_id bigint not null,
  user_id text not null,
  local_date date not null,
  status text not null,
  -- [{"question": "...", "answer": "..."}], in the ritual's order.
  answers jsonb not null default '[]',
  blocker boolean not null default false,
  -- The reply in the day's thread, edited in place when the answers change.
  message_ts text,
  submitted_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (team_id, ritual_id, user_id, local_date),
  constraint checkins_status_known check (status in ('answered', 'skipped')),
  constraint checkins_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade
);

-- Away until a date (inclusive): no prompts, not counted as missing, shown as away.
create table away_periods (
  team_id text not null,
  user_id text not null,
  until_date date not null,
  created_at timestamptz not null,
  primary key (team_id, user_id)
);

-- What the scheduler does later about an occurrence it sent: a reminder before the close.
create table ritual_followups (
  team_id text not null,
  ritual_id bigint not null,
  participant_id text not null,
  local_date date not null,
  kind text not null,
  due_at timestamptz not null,
  -- After this, the follow-up is pointless (a reminder after the close) and is dropped.
  expires_at timestamptz not null,
  done boolean not null default false,
  primary key (team_id, ritual_id, participant_id, local_date, kind),
  constraint ritual_followups_kind_known check (kind in ('reminder')),
  constraint ritual_followups_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade
);

-- The tick looks across workspaces for follow-ups that are due.
create index ritual_followups_due on ritual_followups (due_at) where not done;

-- Down Migration
