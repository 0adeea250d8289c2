-- Up Migration

-- When each participant of a ritual is next due. The scheduler's tick claims the rows whose time
-- has come, records the occurrence, queues its messages and moves the row to the next occurrence.
-- participant_id is '' for an occurrence that belongs to the whole channel.
create table ritual_slots (
  team_id text not null,
  ritual_id bigint not null,
  participant_id text not null,
  zone text not null,
  next_local_date date not null,
  next_at timestamptz not null,
  primary key (team_id, ritual_id, participant_id),
  constraint ritual_slots_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade
);

-- The tick looks across workspaces for what is due: the one query that is not per team.
create index ritual_slots_due on ritual_slots (next_at);

-- Every occurrence the scheduler decided about, once: the key makes a second claim impossible,
-- whichever replica or restart attempts it.
create table ritual_occurrences (
  team_id text not null,
  ritual_id bigint not null,
  participant_id text not null,
  local_date date not null,
  scheduled_at timestamptz not null,
  status text not null,
  decided_at timestamptz not null,
  primary key (team_id, ritual_id, participant_id, local_date),
  -- sent: prompted; missed: too late after downtime; skipped: a day off; away: the person is away;
  -- answered: they checked in before the prompt was due, so no prompt.
  constraint ritual_occurrences_status_known check (status in ('sent', 'missed', 'skipped', 'away', 'answered')),
  constraint ritual_occurrences_ritual_fkey foreign key (team_id, ritual_id)
    references rituals (team_id, id) on delete cascade
);

-- Messages waiting to go to Slack. The dedupe key makes queueing idempotent; delivery claims rows.
create table outbox (
  id bigint generated always as identity primary key,
  team_id text not null,
  dedupe_key text not null,
  channel_id text not null,
  payload jsonb not null,
  status text not null default 'pending',
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  message_ts text,
  created_at timestamptz not null,
  sent_at timestamptz,
  constraint outbox_status_known check (status in ('pending', 'sent', 'failed')),
  constraint outbox_once unique (team_id, dedupe_key)
);

-- Delivery looks across workspaces for what is ready to send.
create index outbox_ready on outbox (next_attempt_at) where status = 'pending';

-- Down Migration
