-- Up Migration

-- The outbox edits messages as well as posting them: the day's stand-up header is updated at close.
alter table outbox
  add column method text not null default 'chat.postMessage',
  add column message_ts_to_update text,
  add constraint outbox_method_known check (method in ('chat.postMessage', 'chat.update')),
  add constraint outbox_update_has_ts check (method <> 'chat.update' or message_ts_to_update is not null);

-- A ritual day's close, once for the whole channel (participant_id ''), beside each person's reminder.
alter table ritual_followups drop constraint ritual_followups_kind_known;
alter table ritual_followups
  add constraint ritual_followups_kind_known check (kind in ('reminder', 'close'));

-- When the day closed, and, for a day nobody answered before the close, the outbox entry that
-- posts its header (its ts is the thread for any late answer).
alter table standup_days
  add column closed_at timestamptz,
  add column header_outbox_key text;

-- The close looks at a day's occurrences; a person's previous check-ins find carried-over blockers.
create index ritual_occurrences_by_day on ritual_occurrences (team_id, ritual_id, local_date);

-- Down Migration
