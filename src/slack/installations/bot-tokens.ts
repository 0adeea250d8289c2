import type { InstallationQuery } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { installKeyOf, NotInstalledError } from './installation-store.js';

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
 * (`forget`, told by the store).
 */
export function installedBotTokens(authorize: Authorize): BotTokens {
  const cache = new LRUCache<
    string,
    { token: string | undefined },
    { teamId: string; enterpriseId?: string }
  >({
    max: 10_000,
    ttl: REMEMBERED_FOR_MS,
    fetchMethod: async (_key, _stale, { options, context }) => {
      try {
        const result = await authorize({
          teamId: context.teamId,
          enterpriseId: context.enterpriseId,
          isEnterpriseInstall: false,
        });
        if (result.botTokenExpiresAt !== undefined) {
          const until = result.botTokenExpiresAt * 1000 - REFRESH_MARGIN_MS - Date.now();
          options.ttl = Math.max(1, Math.min(REMEMBERED_FOR_MS, until));
        }
        return { token: result.botToken };
      } catch (error) {
        if (notInstalled(error)) return { token: undefined };
        throw error;
      }
    },
  });
  // Which cached entries an installation answers for: a workspace, or every workspace of an org.
  const keysOf = new Map<string, Set<string>>();
  return {
    async botTokenFor(teamId, enterpriseId) {
      const key = `${enterpriseId ?? ''}/${teamId}`;
      for (const installKey of [
        installKeyOf({ teamId }),
        ...(enterpriseId ? [installKeyOf({ enterpriseId, isEnterpriseInstall: true })] : []),
      ]) {
        keysOf.set(installKey, (keysOf.get(installKey) ?? new Set()).add(key));
      }
      const entry = await cache.fetch(key, {
        context: { teamId, ...(enterpriseId ? { enterpriseId } : {}) },
      });
      return entry?.token;
    },
    forget(installKey) {
      for (const key of keysOf.get(installKey) ?? []) cache.delete(key);
      keysOf.delete(installKey);
    },
  };
}

/** InstallProvider wraps the store's errors in an AuthorizationError; its `original` says why. */
function notInstalled(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e = error;
  while (typeof e === 'object' && e !== null && !seen.has(e)) {
    if (e instanceof NotInstalledError) return true;
    seen.add(e);
    e = (e as { original?: unknown }).original ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
