-- Up Migration

-- The audit log (issue 20, points 5 and 6): every change an admin makes to how Rapport runs (budgets,
-- kudos emoji, sides, rituals, retention, charters) and every erasure, with who and when. It never
-- keeps content: `detail` holds settings' values, the classes of records an erasure changed and
-- their counts, never anyone's words. An erased person's id is replaced here too (forget-me), by the
-- same one-way pseudonym as everywhere else.
create table audit_log (
  team_id text not null,
  id bigint generated always as identity,
  -- When, by the app's clock.
  at timestamptz not null,
  -- Who: a Slack user id, or 'rapport' for what Rapport did on its own (a deactivated user's
  -- erasure, the retention job, settings read from the environment).
  actor_id text not null,
  -- What, as a dotted name from a closed list in src/audit/audit-actions.ts (e.g. 'kudos.budget').
  action text not null,
  -- Where, when it was about one channel.
  channel_id text,
  detail jsonb not null default '{}'::jsonb,
  primary key (team_id, id)
);

-- `/rapport audit`: a workspace's latest entries.
create index audit_log_latest on audit_log (team_id, at desc, id desc);
