-- Up Migration

-- Installations by OAuth (SLACK_CLIENT_ID …): one row per workspace that installed Rapport, or per
-- Enterprise Grid organisation for an org-wide install. `install_key` is `T:<team_id>` for a
-- workspace, `E:<enterprise_id>` for an org-wide install (which has no team_id).
--
-- Tokens are never stored in plain text: the *_token columns hold AES-256-GCM sealed values
-- (src/slack/installations/token-cipher.ts), each naming the key that sealed it, so
-- `npm run rotate-key` can seal them anew under a new RAPPORT_ENCRYPTION_KEY.
create table slack_installations (
  install_key text primary key,
  team_id text,
  enterprise_id text,
  is_enterprise_install boolean not null default false,
  team_name text,
  enterprise_name text,
  enterprise_url text,
  app_id text,
  auth_version text not null default 'v2',
  bot_id text,
  bot_user_id text,
  bot_scopes text[] not null default '{}',
  bot_token text,
  bot_refresh_token text,
  bot_token_expires_at timestamptz,
  installer_user_id text not null,
  user_scopes text[],
  user_token text,
  user_refresh_token text,
  user_token_expires_at timestamptz,
  installed_at timestamptz not null,
  updated_at timestamptz not null,
  constraint slack_installations_key_matches check (
    (is_enterprise_install and enterprise_id is not null and install_key = 'E:' || enterprise_id)
    or (not is_enterprise_install and team_id is not null and install_key = 'T:' || team_id)
  ),
  constraint slack_installations_tokens_sealed check (
    (bot_token is null or bot_token like 'rk1:%')
    and (bot_refresh_token is null or bot_refresh_token like 'rk1:%')
    and (user_token is null or user_token like 'rk1:%')
    and (user_refresh_token is null or user_refresh_token like 'rk1:%')
  )
);

-- The workspaces of an organisation that an org-wide install serves, as Slack's requests name them
-- (team_id with enterprise_id), so that Rapport's own calls, which know only a team_id (the outbox,
-- the directory), find the organisation's install. Gone with the install.
create table slack_org_workspaces (
  team_id text primary key,
  install_key text not null references slack_installations (install_key) on delete cascade,
  seen_at timestamptz not null
);

create index slack_org_workspaces_install_idx on slack_org_workspaces (install_key);
