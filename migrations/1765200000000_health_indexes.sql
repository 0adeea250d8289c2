-- Up Migration

-- A digest counts one channel's stand-up and retro occurrences by when they were due, a week or
-- two at a time: without this, each count read every occurrence of the ritual since it began.
create index ritual_occurrences_by_time on ritual_occurrences (team_id, ritual_id, scheduled_at);

-- A digest counts one channel's action items due or done in its weeks: without this, each count
-- read every action item of every channel.
create index action_items_by_channel on action_items (team_id, channel_id, due_on);

-- Down Migration

drop index action_items_by_channel;
drop index ritual_occurrences_by_time;
