-- Up Migration

-- Every message Rapport says in Slack goes through the outbox, as data: `view` names how the outbox
-- renders `payload` when it delivers it. Rows queued before this migration have no view: their
-- payload is already the message.
alter table outbox add column view text;

-- An entry may build on the message another entry posts (parent_key): edit it (chat.update), reply
-- in its thread (chat.postMessage), or share a file in its thread (files.upload). It waits until
-- that entry is settled.
alter table outbox rename column update_of_key to parent_key;

-- An edit that posts anew where there is nothing to edit: the message it would edit was never
-- posted, or was deleted (a charter's one message, shown again).
alter table outbox add column or_post boolean not null default false;

-- What to do where the bot may not post: `fallback` is a message for one person, told privately;
-- `respond_url` is a command's response_url, which Slack lets an app answer in any conversation
-- the command was typed in. A response_url is a short-lived capability, so it is kept only until
-- the entry is settled.
alter table outbox
  add column fallback jsonb,
  add column respond_url text,
  add constraint outbox_respond_url_while_pending check (respond_url is null or status = 'pending');

-- A note for one person only (chat.postEphemeral, or a DM where the bot cannot post even that).
alter table outbox
  add column private_to text,
  drop constraint outbox_method_known,
  add constraint outbox_method_known
    check (method in ('chat.postMessage', 'chat.update', 'files.upload', 'chat.postEphemeral')),
  add constraint outbox_private_has_person check (method <> 'chat.postEphemeral' or private_to is not null);

-- Reactions find the message an entry posted by its ts (a reaction to a kudos announcement).
create index outbox_posted on outbox (team_id, channel_id, message_ts) where message_ts is not null;
create index outbox_parent on outbox (team_id, parent_key) where parent_key is not null;

-- Whoever delivers the outbox hears of new entries when they are committed, on any replica.
create function outbox_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('rapport_outbox', '');
  return null;
end
$$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();

-- Down Migration

drop trigger outbox_notify on outbox;
drop function outbox_notify();
drop index outbox_parent;
delete from outbox where method = 'chat.postEphemeral';
alter table outbox
  drop constraint outbox_private_has_person,
  drop column private_to,
  drop constraint outbox_method_known,
  add constraint outbox_method_known check (method in ('chat.postMessage', 'chat.update', 'files.upload'));
drop index outbox_posted;
alter table outbox
  drop constraint outbox_respond_url_while_pending,
  drop column respond_url,
  drop column fallback;
alter table outbox drop column or_post;
alter table outbox rename column parent_key to update_of_key;
delete from outbox where view is not null and status = 'pending';
alter table outbox drop column view;
