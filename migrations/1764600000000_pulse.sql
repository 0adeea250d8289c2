-- Up Migration

-- One round of a pulse check: a ritual's date, with the statements it asked (a ritual's statements
-- may be edited later; a round's results keep the wording people answered).
create table pulse_rounds (
  team_id text not null,
  ritual_id bigint not null,
  round_date date not null,
  channel_id text not null,
  statements text[] not null,
  closed_at timestamptz,
  primary key (team_id, ritual_id, round_date),
  foreign key (team_id, ritual_id) references rituals (team_id, id) on delete cascade,
  constraint pulse_rounds_has_statements check (cardinality(statements) between 1 and 10)
);

-- Who answered a round: one answer per person, and no reminder for them. Deliberately no time and
-- no link to the answer, so nobody can match a person to their scores.
create table pulse_participation (
  team_id text not null,
  ritual_id bigint not null,
  round_date date not null,
  user_id text not null,
  primary key (team_id, ritual_id, round_date, user_id),
  foreign key (team_id, ritual_id, round_date)
    references pulse_rounds (team_id, ritual_id, round_date) on delete cascade
);

-- The answers themselves, without who gave them or when. The key is random rather than a sequence,
-- so the order of answers cannot be lined up with the order people answered in.
create table pulse_responses (
  team_id text not null,
  ritual_id bigint not null,
  round_date date not null,
  id uuid not null default gen_random_uuid(),
  scores smallint[] not null,
  comment text,
  primary key (team_id, ritual_id, round_date, id),
  foreign key (team_id, ritual_id, round_date)
    references pulse_rounds (team_id, ritual_id, round_date) on delete cascade,
  constraint pulse_responses_scores_on_scale
    check (cardinality(scores) between 1 and 10 and 1 <= all (scores) and 5 >= all (scores)),
  constraint pulse_responses_comment_length check (char_length(comment) between 1 and 1000)
);

-- /pulse shows a channel's latest closed round.
create index pulse_rounds_by_channel on pulse_rounds (team_id, channel_id, closed_at);

-- Down Migration
