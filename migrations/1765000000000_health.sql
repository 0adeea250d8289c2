-- Up Migration

-- The sides of a collaboration, when declared with /health sides: each person in at most one side
-- per channel. Without a declaration, the sides are the people's own workspaces.
create table alliance_sides (
  team_id text not null,
  channel_id text not null,
  user_id text not null,
  side text not null,
  declared_by text not null,
  declared_at timestamptz not null,
  primary key (team_id, channel_id, user_id),
  constraint alliance_sides_name_length check (char_length(side) between 1 and 40)
);

-- Each period's scorecard as it was published: trends read these, and old periods keep their
-- numbers when old data changes.
create table health_periods (
  team_id text not null,
  channel_id text not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  score double precision,
  pillars jsonb not null,
  metrics jsonb not null,
  -- The counts behind the metrics, for the digest's one-line explanations.
  inputs jsonb not null,
  computed_at timestamptz not null,
  primary key (team_id, channel_id, period_end),
  constraint health_periods_one_week check (period_end > period_start)
);

-- A digest reads one channel's kudos for a week at a time.
create index kudos_by_channel on kudos (team_id, channel_id, created_at);

-- Down Migration

drop index kudos_by_channel;
drop table health_periods;
drop table alliance_sides;
