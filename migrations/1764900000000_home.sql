-- Up Migration

-- The Home tab reads one person's open action items and upcoming check-ins on every open.
create index action_items_open_by_owner on action_items (team_id, owner_id, due_on)
  where done_at is null;
create index ritual_slots_by_participant on ritual_slots (team_id, participant_id, next_at);

-- Down Migration

drop index ritual_slots_by_participant;
drop index action_items_open_by_owner;
