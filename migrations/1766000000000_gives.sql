-- Up Migration

-- The give ledger: what one side of a collaboration gave the other (an introduction, a resource,
-- an insight, access, help), and what it was worth in the units it was given in. Each receiver
-- confirms the value, or says it didn't help; only confirmed values count in figures.
create table gives (
  id bigint generated always as identity,
  team_id text not null,
  channel_id text not null,
  giver_id text not null,
  -- The giver's own workspace when known (a Slack Connect partner's differs from team_id).
  giver_team_id text,
  what text not null,
  kind text not null,
  -- The value as typed, kept whatever it says; the typed parts below are read from it.
  value_text text,
  -- Time saved, in the unit it was given in (no conversion between hours, days and weeks).
  time_amount numeric,
  time_unit text,
  -- Money saved or earned, in its currency (ISO 4217).
  money_amount numeric,
  money_currency text,
  money_direction text,
  risk_reduced text,
  -- What created it (the command's trigger_id): a replay saves nothing new.
  submission_key text not null,
  created_at timestamptz not null,
  primary key (team_id, id),
  constraint gives_once unique (team_id, submission_key),
  constraint gives_kind_known check (kind in ('introduction', 'resource', 'insight', 'access', 'help')),
  constraint gives_lengths check (
    char_length(what) between 1 and 200 and coalesce(char_length(value_text), 0) <= 200
  ),
  constraint gives_time check (
    (time_amount is null) = (time_unit is null) and (time_unit is null or time_unit in ('hours', 'days', 'weeks'))
    and (time_amount is null or time_amount > 0)
  ),
  constraint gives_money check (
    (money_amount is null) = (money_currency is null) and (money_amount is null) = (money_direction is null)
    and (money_currency is null or money_currency ~ '^[A-Z]{3}$')
    and (money_direction is null or money_direction in ('saved', 'earned'))
    and (money_amount is null or money_amount > 0)
  ),
  constraint gives_risk check (risk_reduced is null or risk_reduced in ('low', 'medium', 'high'))
);

-- /gave channel and the quarter's figures: a channel's gives, newest first.
create index gives_by_channel on gives (team_id, channel_id, created_at desc, id desc);

-- Each person a give went to, and their answer: asked until they confirm it or say it didn't help.
create table give_receivers (
  id bigint generated always as identity,
  team_id text not null,
  give_id bigint not null,
  receiver_id text not null,
  receiver_team_id text,
  status text not null default 'asked',
  answered_at timestamptz,
  -- The receiver put the value in their own words (Adjust), which confirms it: the value below then
  -- stands for the give's, read and checked as the give's is.
  adjusted boolean not null default false,
  value_text text,
  time_amount numeric,
  time_unit text,
  money_amount numeric,
  money_currency text,
  money_direction text,
  risk_reduced text,
  primary key (team_id, id),
  constraint give_receivers_once unique (team_id, give_id, receiver_id),
  constraint give_receivers_adjusted check (adjusted or (value_text is null and time_amount is null
    and money_amount is null and risk_reduced is null)),
  constraint give_receivers_lengths check (coalesce(char_length(value_text), 0) <= 200),
  constraint give_receivers_time check (
    (time_amount is null) = (time_unit is null) and (time_unit is null or time_unit in ('hours', 'days', 'weeks'))
    and (time_amount is null or time_amount > 0)
  ),
  constraint give_receivers_money check (
    (money_amount is null) = (money_currency is null) and (money_amount is null) = (money_direction is null)
    and (money_currency is null or money_currency ~ '^[A-Z]{3}$')
    and (money_direction is null or money_direction in ('saved', 'earned'))
    and (money_amount is null or money_amount > 0)
  ),
  constraint give_receivers_risk check (risk_reduced is null or risk_reduced in ('low', 'medium', 'high')),
  constraint give_receivers_give_fkey foreign key (team_id, give_id)
    references gives (team_id, id) on delete cascade on update cascade,
  constraint give_receivers_status_known check (status in ('asked', 'confirmed', 'not_helpful'))
);

-- /gave mine: what a person received.
create index give_receivers_by_receiver on give_receivers (team_id, receiver_id);

-- What a workspace recorded about a channel before it was known to be shared joins the channel's
-- set: the gives too (their receivers follow by the foreign key).
create or replace function adopt_shared_channel(p_from text, p_channel text) returns void
language plpgsql as $$
begin
  update rituals set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update retros set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update action_items set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update charters set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update decisions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update credits set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update debriefs set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_reactions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_announcements set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update alliance_sides set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update health_periods set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update gives set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update outbox set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from outbox o where o.team_id = p_channel and o.dedupe_key = outbox.dedupe_key);
end
$$;

-- Down Migration

create or replace function adopt_shared_channel(p_from text, p_channel text) returns void
language plpgsql as $$
begin
  update rituals set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update retros set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update action_items set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update charters set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update decisions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update credits set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update debriefs set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_reactions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_announcements set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update alliance_sides set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update health_periods set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update outbox set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from outbox o where o.team_id = p_channel and o.dedupe_key = outbox.dedupe_key);
end
$$;
drop table give_receivers;
drop table gives;
