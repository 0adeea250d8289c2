-- Up Migration

-- A credit: who contributed what to a deliverable, given by one person in one channel. Its channel
-- message is the outbox entry 'credit:<id>'; each later state of it is an update of that entry.
create table credits (
  id bigint generated always as identity,
  team_id text not null,
  channel_id text not null,
  deliverable text not null,
  -- An http(s) link to the deliverable (the message a shortcut was used on), or null.
  link text,
  given_by text not null,
  -- What created it (the command's trigger_id, the form's one-time token): a replay saves nothing new.
  submission_key text not null,
  -- Counts the changes of its contributors' answers; each queues one update of its message.
  revision integer not null default 1,
  created_at timestamptz not null,
  primary key (team_id, id),
  constraint credits_once unique (team_id, submission_key),
  constraint credits_lengths check (
    char_length(deliverable) between 1 and 150
    and coalesce(char_length(link), 0) <= 1000
  )
);

-- /credit list: a channel's credits, newest first.
create index credits_by_channel on credits (team_id, channel_id, created_at desc, id desc);

-- One person named in a credit, what they did, and their answer: unconfirmed until they confirm
-- (or reword) it; declined when it was given by mistake, after which it shows nowhere.
create table credit_contributors (
  id bigint generated always as identity,
  team_id text not null,
  credit_id bigint not null,
  contributor_id text not null,
  contribution text,
  status text not null default 'unconfirmed',
  -- They reworded their contribution themselves.
  corrected boolean not null default false,
  answered_at timestamptz,
  primary key (team_id, id),
  constraint credit_contributors_once unique (team_id, credit_id, contributor_id),
  constraint credit_contributors_credit_fkey foreign key (team_id, credit_id)
    references credits (team_id, id) on delete cascade,
  constraint credit_contributors_status_known check (status in ('unconfirmed', 'confirmed', 'declined')),
  constraint credit_contributors_contribution_length check (
    contribution is null or char_length(contribution) between 1 and 500
  )
);

-- A person's credits (`/credit @person`, the Home tab), those still waiting first.
create index credit_contributors_by_person on credit_contributors (team_id, contributor_id, status);

-- The outbox can edit a message another entry posts, once that entry is sent: a credit's message
-- and DMs change as people answer, and may be answered before they go out.
alter table outbox
  add column update_of_key text,
  drop constraint outbox_update_has_ts,
  add constraint outbox_update_has_target check (
    method <> 'chat.update' or message_ts_to_update is not null or update_of_key is not null
  );

-- Down Migration
