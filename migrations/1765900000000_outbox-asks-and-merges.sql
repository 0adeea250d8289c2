-- Up Migration

-- A message that asks its reader to act (a stand-up or pulse prompt, a credit to confirm, a
-- decision to review) goes before notifications: it is claimed first, and within a conversation's
-- pacing it takes the next free slot.
alter table outbox add column asks boolean not null default false;

-- Messages to one conversation that may be said as one (kudos DMs to one person within a minute):
-- those ready together are sent as one message, rendered by the view `merge_as` with the list of
-- their data. Each entry keeps its own row and key, all marked sent with the one message's ts.
alter table outbox add column merge_as text;
alter table outbox add constraint outbox_merge_posts_only check (merge_as is null or method = 'chat.postMessage');

-- Down Migration

alter table outbox drop constraint outbox_merge_posts_only;
alter table outbox drop column merge_as;
alter table outbox drop column asks;
