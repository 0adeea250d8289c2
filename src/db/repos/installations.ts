import { z } from 'zod';
import type { Queryable } from '../database.js';

/**
 * Slack installations (OAuth mode). The token columns hold sealed values only
 * (src/slack/installations/token-cipher.ts); this module never sees a token in plain text.
 */
const installationRow = z.object({
  install_key: z.string(),
  team_id: z.string().nullable(),
  enterprise_id: z.string().nullable(),
  is_enterprise_install: z.boolean(),
  team_name: z.string().nullable(),
  enterprise_name: z.string().nullable(),
  enterprise_url: z.string().nullable(),
  app_id: z.string().nullable(),
  auth_version: z.enum(['v1', 'v2']),
  bot_id: z.string().nullable(),
  bot_user_id: z.string().nullable(),
  bot_scopes: z.array(z.string()),
  bot_token: z.string().nullable(),
  bot_refresh_token: z.string().nullable(),
  bot_token_expires_at: z.date().nullable(),
  installer_user_id: z.string(),
  user_scopes: z.array(z.string()).nullable(),
  user_token: z.string().nullable(),
  user_refresh_token: z.string().nullable(),
  user_token_expires_at: z.date().nullable(),
});
export type InstallationRow = z.infer<typeof installationRow>;

const COLUMNS = Object.keys(installationRow.shape);
const SEALED = ['bot_token', 'bot_refresh_token', 'user_token', 'user_refresh_token'] as const;
export type SealedColumn = (typeof SEALED)[number];

/** Saves an installation; a new install of the same workspace (or organisation) replaces it. */
export async function saveInstallation(q: Queryable, row: InstallationRow, now: Date): Promise<void> {
  const values = COLUMNS.map((column) => row[column as keyof InstallationRow]);
  const placeholders = COLUMNS.map((_, i) => `$${i + 1}`);
  await q.execute(
    `insert into slack_installations (${COLUMNS.join(', ')}, installed_at, updated_at)
     values (${placeholders.join(', ')}, $${COLUMNS.length + 1}, $${COLUMNS.length + 1})
     on conflict (install_key) do update set
       ${COLUMNS.filter((c) => c !== 'install_key')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')},
       updated_at = excluded.updated_at`,
    [...values, now],
  );
}

export async function findInstallation(
  q: Queryable,
  installKey: string,
): Promise<InstallationRow | undefined> {
  const [row] = await q.query(
    `select ${COLUMNS.join(', ')} from slack_installations where install_key = $1`,
    [installKey],
    installationRow,
  );
  return row;
}

/** Removes an installation and its tokens; true when there was one. */
export async function deleteInstallation(q: Queryable, installKey: string): Promise<boolean> {
  return (await q.execute('delete from slack_installations where install_key = $1', [installKey])) > 0;
}

/** Forgets the user token a person granted (tokens_revoked for that person): the bot's stay. */
export async function deleteUserToken(q: Queryable, installKey: string, userId: string): Promise<void> {
  await q.execute(
    `update slack_installations
     set user_token = null, user_refresh_token = null, user_token_expires_at = null, user_scopes = null
     where install_key = $1 and installer_user_id = $2`,
    [installKey, userId],
  );
}

const sealedTokensRow = z.object({
  install_key: z.string(),
  bot_token: z.string().nullable(),
  bot_refresh_token: z.string().nullable(),
  user_token: z.string().nullable(),
  user_refresh_token: z.string().nullable(),
});
export type SealedTokens = z.infer<typeof sealedTokensRow>;

/** Every installation's sealed tokens, locked until the transaction ends (rotate-key). */
export async function lockSealedTokens(q: Queryable): Promise<SealedTokens[]> {
  return q.query(
    `select install_key, ${SEALED.join(', ')} from slack_installations order by install_key for update`,
    [],
    sealedTokensRow,
  );
}

export async function updateSealedTokens(q: Queryable, tokens: SealedTokens): Promise<void> {
  await q.execute(
    `update slack_installations
     set bot_token = $2, bot_refresh_token = $3, user_token = $4, user_refresh_token = $5
     where install_key = $1`,
    [
      tokens.install_key,
      tokens.bot_token,
      tokens.bot_refresh_token,
      tokens.user_token,
      tokens.user_refresh_token,
    ],
  );
}

/** A workspace of an organisation is served by the organisation's org-wide install. */
export async function rememberOrgWorkspace(q: Queryable, teamId: string, installKey: string, now: Date) {
  await q.execute(
    `insert into slack_org_workspaces (team_id, install_key, seen_at) values ($1, $2, $3)
     on conflict (team_id) do update set install_key = excluded.install_key, seen_at = excluded.seen_at
     where slack_org_workspaces.install_key <> excluded.install_key`,
    [teamId, installKey, now],
  );
}

/** The org-wide install that serves this workspace, if a request has named it. */
export async function findOrgInstallKey(q: Queryable, teamId: string): Promise<string | undefined> {
  const [row] = await q.query(
    'select install_key from slack_org_workspaces where team_id = $1',
    [teamId],
    z.object({ install_key: z.string() }),
  );
  return row?.install_key;
}

/** The ids of the keys the stored tokens are sealed with (a sealed value is rk1:<key id>:…). */
export async function sealedKeyIds(q: Queryable): Promise<string[]> {
  const rows = await q.query(
    `select distinct split_part(sealed, ':', 2) as key_id
     from slack_installations,
          unnest(array[bot_token, bot_refresh_token, user_token, user_refresh_token]) as sealed
     where sealed is not null`,
    [],
    z.object({ key_id: z.string() }),
  );
  return rows.map((r) => r.key_id);
}

/**
 * Forgets every installation at once, for the playground only: its Slack stand-in starts afresh
 * each time, so the tokens it issued before are void. Answers the workspaces that had installed.
 */
export async function deleteAllInstallations(q: Queryable): Promise<string[]> {
  const rows = await q.query(
    'delete from slack_installations returning team_id',
    [],
    z.object({ team_id: z.string().nullable() }),
  );
  return rows.flatMap((r) => (r.team_id ? [r.team_id] : []));
}
