-- Up Migration

-- Each playbook set up in a channel (`/rituals playbook`), once per confirmation form: a form Slack
-- delivers twice, or a double click on its button, sets it up once.
create table playbook_applications (
  team_id text not null,
  channel_id text not null,
  playbook text not null,
  submission_key text not null,
  applied_by text not null,
  applied_at timestamptz not null,
  primary key (team_id, submission_key)
);

-- Down Migration

drop table playbook_applications;
