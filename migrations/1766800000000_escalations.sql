-- Up Migration

-- Escalation from the charter (issue 19, point 4). A charter version gains its structured parts:
-- who decides what (short lines), and up to three escalation levels, each with its owners on each
-- side (people U…/W…, or user groups S…) and a target time. They are kept with the version, like
-- every other part, so no version is ever overwritten.
alter table charter_versions
  add column decision_rights text[] not null default '{}',
  -- [{ "level": 1, "sideA": ["U…", "S…"], "sideB": [...], "targetMinutes": 240 }, …], levels in order.
  add column escalation_levels jsonb not null default '[]',
  add constraint charter_versions_decision_rights check (
    cardinality(decision_rights) <= 10
    and coalesce(char_length(array_to_string(decision_rights, '')), 0) <= 2000
  ),
  add constraint charter_versions_escalation_levels check (
    jsonb_typeof(escalation_levels) = 'array' and jsonb_array_length(escalation_levels) <= 3
  );

-- An escalation raised with /escalate or "Escalate this": the issue, what each side needs, the
-- options and the criteria, and where it stands. `levels` holds each level's owners as they were
-- when it was raised (user groups expanded) and its target, so it moves on without asking Slack,
-- and only the owners of the levels it reached ever read a private one.
create table escalations (
  id bigint generated always as identity,
  team_id text not null,
  channel_id text not null,
  -- The message "Escalate this" was used on (its thread), or null for /escalate.
  source_ts text,
  thread_ts text,
  raised_by text not null,
  private boolean not null,
  issue text not null,
  needs_a text,
  needs_b text,
  options text,
  criteria text,
  -- [{ "level": 1, "owners": ["U…"], "targetMinutes": 240 }, …]
  levels jsonb not null,
  level int not null,
  state text not null,
  raised_at timestamptz not null,
  -- When the current level's target passes; the scheduler moves it on once, by this value.
  level_due_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by text,
  agreed_option text,
  reason text,
  -- The decision its resolution logged (a private escalation's stays with it, out of the log).
  decision_id bigint,
  -- The form's one-time token: Slack delivering a submission twice raises one escalation.
  submission_id text not null,
  primary key (team_id, id),
  constraint escalations_once unique (team_id, submission_id),
  constraint escalations_state check (state in ('open', 'resolved')),
  constraint escalations_level check (level between 1 and 3 and level <= jsonb_array_length(levels)),
  constraint escalations_resolved check ((state = 'resolved') = (resolved_at is not null)),
  constraint escalations_lengths check (
    char_length(issue) between 1 and 1000
    and coalesce(char_length(needs_a), 0) <= 1000
    and coalesce(char_length(needs_b), 0) <= 1000
    and coalesce(char_length(options), 0) <= 1500
    and coalesce(char_length(criteria), 0) <= 1000
    and coalesce(char_length(agreed_option), 0) <= 1000
    and coalesce(char_length(reason), 0) <= 2000
  )
);

-- The scheduler's look for open escalations whose level's target has passed.
create index escalations_due on escalations (level_due_at) where state = 'open';
create index escalations_by_channel on escalations (team_id, channel_id, raised_at desc);

-- What happened to an escalation, in order: raised, escalated (to which level), resolved.
create table escalation_events (
  team_id text not null,
  escalation_id bigint not null,
  kind text not null,
  level int not null,
  at timestamptz not null,
  by_user text,
  primary key (team_id, escalation_id, kind, level),
  constraint escalation_events_escalation_fkey foreign key (team_id, escalation_id)
    references escalations (team_id, id) on delete cascade on update cascade,
  constraint escalation_events_kind check (kind in ('raised', 'escalated', 'resolved'))
);

-- Down Migration

drop table escalation_events;
drop table escalations;
alter table charter_versions
  drop constraint charter_versions_escalation_levels,
  drop constraint charter_versions_decision_rights,
  drop column escalation_levels,
  drop column decision_rights;
