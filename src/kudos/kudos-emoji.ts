import { LRUCache } from 'lru-cache';
import { recordAudit } from '../audit/audit.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { getKudosEmoji, setKudosEmoji } from '../db/repos/workspaces.js';
import { UserError } from '../errors.js';

export const MAX_KUDOS_EMOJI = 20;
const EMOJI_NAME = /^[a-z0-9_+'-]{1,100}$/;
/** How long a replica may act on an old emoji set after another replica changed it. */
const SETTINGS_REMEMBERED_FOR_MS = 30_000;

/** `:clap::skin-tone-3:` and `clap::skin-tone-3` are both `clap`. */
export function normalizeEmoji(name: string): string {
  return name
    .trim()
    .replace(/^:|:$/g, '')
    .replace(/::skin-tone-\d$/, '')
    .toLowerCase();
}

export function parseEmojiNames(words: readonly string[]): string[] {
  const names = words.flatMap((w) => w.split(/[\s,]+/)).filter((w) => w !== '');
  const normalized = [...new Set(names.map(normalizeEmoji))];
  const bad = normalized.filter((n) => !EMOJI_NAME.test(n));
  if (bad.length > 0) {
    throw new UserError(
      `${bad.map((b) => `\`${b}\``).join(', ')} ${bad.length === 1 ? 'is not an emoji name' : 'are not emoji names'}. Use names as Slack shows them, for example: \`/kudos emoji clap raised_hands tada\``,
    );
  }
  if (normalized.length > MAX_KUDOS_EMOJI) {
    throw new UserError(
      `A workspace can have up to ${MAX_KUDOS_EMOJI} kudos emoji; you named ${normalized.length}.`,
    );
  }
  return normalized;
}

export type KudosEmoji = {
  current(teamId: string): Promise<string[]>;
  /** Replaces them, with the audit log's entry for `actorId` in the same transaction. */
  replace(teamId: string, names: readonly string[], actorId: string): Promise<void>;
};

/** The workspace's kudos emoji, read on every reaction, so kept in memory for a short while. */
export function createKudosEmoji(deps: { db: Database; clock: Clock }): KudosEmoji {
  const cache = new LRUCache<string, string[]>({
    max: 10_000,
    ttl: SETTINGS_REMEMBERED_FOR_MS,
    fetchMethod: (teamId) => getKudosEmoji(deps.db, teamId),
  });
  return {
    async current(teamId) {
      return (await cache.fetch(teamId)) ?? [];
    },
    async replace(teamId, names, actorId) {
      await deps.db.transaction(async (tx) => {
        await setKudosEmoji(tx, teamId, names, deps.clock.now());
        await recordAudit(tx, deps.clock, {
          teamId,
          actorId,
          action: 'kudos.emoji',
          detail: { emoji: [...names] },
        });
      });
      cache.delete(teamId);
    },
  };
}
