-- Up Migration

-- The outbox also shares files: a digest's chart goes into the digest's thread once the digest is
-- posted. Such an entry names the digest's entry in update_of_key, waits for it like an edit
-- does, and is shared in the thread of the ts that entry got.
alter table outbox
  drop constraint outbox_method_known,
  add constraint outbox_method_known check (method in ('chat.postMessage', 'chat.update', 'files.upload')),
  add constraint outbox_upload_has_thread check (method <> 'files.upload' or update_of_key is not null);

-- Down Migration

delete from outbox where method = 'files.upload';
alter table outbox
  drop constraint outbox_upload_has_thread,
  drop constraint outbox_method_known,
  add constraint outbox_method_known check (method in ('chat.postMessage', 'chat.update'));
