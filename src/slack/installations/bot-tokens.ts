import type { InstallationQuery } from '@slack/bolt';
import { installKeyOf, isNotInstalled } from './installation-store.js';

/**
 * The one place a bot token is chosen for a Web API call Rapport makes on its own (the outbox, the
 * directory, channel members): listeners use the `client` Bolt authorised for their request.
 */
export type BotTokens = {
  /**
   * The bot token of the installation that serves this workspace (or its organisation's org-wide
   * install), or undefined when Rapport is not installed there (never installed, or uninstalled).
   */
  botTokenFor(teamId: string, enterpriseId?: string): Promise<string | undefined>;
  /** Drops what is remembered for an installation (stored anew, or removed). */
  forget(installKey: string): void;
};

/** Single-token mode (SLACK_BOT_TOKEN): one workspace, one token. */
export function fixedBotToken(token: string): BotTokens {
  return { botTokenFor: async () => token, forget: () => {} };
}

/** What InstallProvider#authorize answers (it refreshes a rotating token that is about to expire). */
type Authorize = (
  source: InstallationQuery<boolean>,
) => Promise<{ botToken?: string; botTokenExpiresAt?: number }>;

/** How long a token is remembered; each replica re-reads the store at least this often. */
const REMEMBERED_FOR_MS = 60_000;
/** InstallProvider refreshes a token within two hours of its expiry: remember it no closer. */
const REFRESH_MARGIN_MS = 2 * 60 * 60 * 1000;

/**
 * OAuth mode: each workspace's token from the installation store, through InstallProvider's
 * authorize (which refreshes expiring tokens when rotation is on and stores the new ones), kept
 * for a minute at most. An uninstall or a new install drops the remembered token at once
 * (`forget`, told by the store); a lookup under way then still answers its caller, but what it
 * found is not kept.
 */
export function installedBotTokens(authorize: Authorize): BotTokens {
  const remembered = new Map<string, { token: string | undefined; until: number }>();
  const lookups = new Map<string, Promise<string | undefined>>();
  // Which remembered entries an installation answers for: a workspace, or workspaces of an org.
  const keysOf = new Map<string, Set<string>>();
  let changes = 0;

  const lookUp = async (key: string, teamId: string, enterpriseId: string | undefined) => {
    const changesBefore = changes;
    let found: { token: string | undefined; until: number };
    try {
      const result = await authorize({ teamId, enterpriseId, isEnterpriseInstall: false });
      const expiresAt = result.botTokenExpiresAt;
      const until =
        expiresAt === undefined
          ? Date.now() + REMEMBERED_FOR_MS
          : Math.min(Date.now() + REMEMBERED_FOR_MS, expiresAt * 1000 - REFRESH_MARGIN_MS);
      found = { token: result.botToken, until };
    } catch (error) {
      if (!isNotInstalled(error)) throw error;
      found = { token: undefined, until: Date.now() + REMEMBERED_FOR_MS };
    }
    if (changes === changesBefore) remembered.set(key, found);
    return found.token;
  };

  return {
    async botTokenFor(teamId, enterpriseId) {
      const key = `${enterpriseId ?? ''}/${teamId}`;
      const known = remembered.get(key);
      if (known && known.until > Date.now()) return known.token;
      for (const installKey of [
        installKeyOf({ teamId }),
        ...(enterpriseId ? [installKeyOf({ enterpriseId, isEnterpriseInstall: true })] : []),
      ]) {
        keysOf.set(installKey, (keysOf.get(installKey) ?? new Set()).add(key));
      }
      // Concurrent lookups of one workspace share one authorize (and so one refresh).
      let lookup = lookups.get(key);
      if (!lookup) {
        lookup = lookUp(key, teamId, enterpriseId).finally(() => lookups.delete(key));
        lookups.set(key, lookup);
      }
      return lookup;
    },
    forget(installKey) {
      changes += 1;
      for (const key of keysOf.get(installKey) ?? []) remembered.delete(key);
      // An org-wide install may answer for workspaces first seen without their enterprise id.
      if (installKey.startsWith('E:')) remembered.clear();
      keysOf.delete(installKey);
    },
  };
}
