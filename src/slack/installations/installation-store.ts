import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/database.js';
import {
  deleteInstallation,
  deleteUserToken,
  findInstallation,
  findOrgInstallKey,
  type InstallationRow,
  rememberOrgWorkspace,
  saveInstallation,
} from '../../db/repos/installations.js';
import { RapportError } from '../../errors.js';
import type { TokenCipher } from './token-cipher.js';

/** Which workspace (or organisation, for an org-wide install) an installation is stored under. */
export function installKeyOf(where: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string {
  if (where.isEnterpriseInstall) {
    if (!where.enterpriseId)
      throw new RapportError('installation_unnamed', 'an org-wide install has no enterprise id');
    return `E:${where.enterpriseId}`;
  }
  if (!where.teamId) throw new RapportError('installation_unnamed', 'an installation has no team id');
  return `T:${where.teamId}`;
}

/** The context a token is sealed under: the installation and the column it belongs in. */
export const sealContext = (installKey: string, column: string) =>
  `slack_installations:${installKey}:${column}`;

export class NotInstalledError extends RapportError {
  constructor(readonly installKey: string) {
    super('not_installed', `Rapport is not installed for ${installKey}`);
  }
}

/**
 * Whether an error says the workspace has no installation. Bolt wraps InstallProvider's
 * AuthorizationError, which wraps the store's error: each keeps the one it wraps in `original`.
 */
export function isNotInstalled(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e = error;
  while (typeof e === 'object' && e !== null && !seen.has(e)) {
    if (e instanceof NotInstalledError) return true;
    seen.add(e);
    e = (e as { original?: unknown }).original ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Bolt's installation store (InstallProvider stores what oauth.v2.access answers, and its
 * authorize reads and refreshes it here), in Postgres with every token sealed. An org-wide install
 * (Enterprise Grid) is stored by enterprise_id and answers for each workspace of the organisation.
 * `changed` is told the key of each installation stored or deleted (the bot-token cache).
 */
export function createInstallationStore(deps: {
  db: Database;
  cipher: TokenCipher;
  clock: Clock;
  changed?: (installKey: string) => void;
}): InstallationStore {
  const { db, cipher } = deps;
  /** Workspaces already recorded as served by an org-wide install, in this process. */
  const orgWorkspaces = new Map<string, string>();
  const seal = (key: string, column: string, value: string | undefined) =>
    value ? cipher.seal(value, sealContext(key, column)) : null;
  const open = (key: string, column: string, value: string | null) =>
    value === null ? undefined : cipher.open(value, sealContext(key, column));
  const epoch = (seconds: number | undefined) => (seconds === undefined ? null : new Date(seconds * 1000));
  const seconds = (date: Date | null) => (date === null ? undefined : Math.floor(date.getTime() / 1000));

  const toInstallation = (row: InstallationRow): Installation => {
    const key = row.install_key;
    const botToken = open(key, 'bot_token', row.bot_token);
    return {
      team: row.team_id ? { id: row.team_id, ...(row.team_name ? { name: row.team_name } : {}) } : undefined,
      enterprise: row.enterprise_id
        ? { id: row.enterprise_id, ...(row.enterprise_name ? { name: row.enterprise_name } : {}) }
        : undefined,
      isEnterpriseInstall: row.is_enterprise_install,
      ...(row.enterprise_url ? { enterpriseUrl: row.enterprise_url } : {}),
      ...(row.app_id ? { appId: row.app_id } : {}),
      authVersion: row.auth_version,
      tokenType: 'bot',
      user: {
        id: row.installer_user_id,
        token: open(key, 'user_token', row.user_token),
        refreshToken: open(key, 'user_refresh_token', row.user_refresh_token),
        expiresAt: seconds(row.user_token_expires_at),
        scopes: row.user_scopes ?? undefined,
      },
      ...(botToken && row.bot_id && row.bot_user_id
        ? {
            bot: {
              id: row.bot_id,
              userId: row.bot_user_id,
              scopes: row.bot_scopes,
              token: botToken,
              refreshToken: open(key, 'bot_refresh_token', row.bot_refresh_token),
              expiresAt: seconds(row.bot_token_expires_at),
            },
          }
        : {}),
    } as Installation;
  };

  return {
    async storeInstallation(installation) {
      const key = installKeyOf({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall,
      });
      const { bot, user } = installation;
      await saveInstallation(
        db,
        {
          install_key: key,
          team_id: installation.team?.id ?? null,
          enterprise_id: installation.enterprise?.id ?? null,
          is_enterprise_install: installation.isEnterpriseInstall === true,
          team_name: installation.team?.name ?? null,
          enterprise_name: installation.enterprise?.name ?? null,
          enterprise_url: installation.enterpriseUrl ?? null,
          app_id: installation.appId ?? null,
          auth_version: installation.authVersion ?? 'v2',
          bot_id: bot?.id ?? null,
          bot_user_id: bot?.userId ?? null,
          bot_scopes: bot?.scopes ?? [],
          bot_token: seal(key, 'bot_token', bot?.token),
          bot_refresh_token: seal(key, 'bot_refresh_token', bot?.refreshToken),
          bot_token_expires_at: epoch(bot?.expiresAt),
          installer_user_id: user.id,
          user_scopes: user.scopes ?? null,
          user_token: seal(key, 'user_token', user.token),
          user_refresh_token: seal(key, 'user_refresh_token', user.refreshToken),
          user_token_expires_at: epoch(user.expiresAt),
        },
        deps.clock.now(),
      );
      deps.changed?.(key);
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = installKeyOf(query);
      let row = await findInstallation(db, key);
      // A workspace of an organisation that installed Rapport org-wide is served by that install:
      // named with its enterprise_id (a request), or known from an earlier request (the outbox).
      if (!row && !query.isEnterpriseInstall && query.enterpriseId) {
        row = await findInstallation(
          db,
          installKeyOf({ enterpriseId: query.enterpriseId, isEnterpriseInstall: true }),
        );
      }
      if (!row && !query.isEnterpriseInstall && query.teamId) {
        const orgKey = await findOrgInstallKey(db, query.teamId);
        if (orgKey) row = await findInstallation(db, orgKey);
      }
      if (!row) throw new NotInstalledError(key);
      if (row.is_enterprise_install && query.teamId && orgWorkspaces.get(query.teamId) !== row.install_key) {
        await rememberOrgWorkspace(db, query.teamId, row.install_key, deps.clock.now());
        orgWorkspaces.set(query.teamId, row.install_key);
      }
      return toInstallation(row);
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = installKeyOf(query);
      // A person's own grant revoked (tokens_revoked names them under `oauth`): only their token goes.
      if (query.userId) await deleteUserToken(db, key, query.userId);
      else {
        await deleteInstallation(db, key);
        for (const [teamId, installKey] of orgWorkspaces)
          if (installKey === key) orgWorkspaces.delete(teamId);
      }
      deps.changed?.(key);
    },
  };
}
