import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import { recordAudit } from '../audit/audit.js';
import type { Database, Queryable } from '../db/database.js';
import { countKudosGivenBetween } from '../db/repos/kudos-budget.js';
import { getKudosBudget, setKudosBudget } from '../db/repos/workspaces.js';
import { UserError } from '../errors.js';

export const MAX_DAILY_BUDGET = 100;
/** How long a replica may act on an old budget after another replica changed it. */
const SETTINGS_REMEMBERED_FOR_MS = 30_000;

/**
 * A giver's own day, midnight to midnight in their time zone as people/time-zones.ts resolves it
 * (chosen, else Slack's, else the one their rituals assumed and told them).
 */
export type GiverDay = { start: Date; end: Date };

export function giverDay(zone: string, now: Date): GiverDay {
  const start = DateTime.fromJSDate(now, { zone }).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** Why kudos were not recorded: they would take the giver over the day's budget. */
export type BudgetRefusal = {
  budget: number;
  /** Kudos the giver already gave today. */
  used: number;
  /** Kudos this act would have recorded. */
  wanted: number;
  /** When the giver's next day starts. */
  resetsAt: Date;
  now: Date;
};

/**
 * Whether `wanted` more kudos would take the giver over the workspace's budget, read and counted
 * in the transaction that records them. Call it with the giver's lock held (lockKudosGiver), so no
 * other transaction records this giver's kudos between the count and the insert.
 */
export async function budgetRefusal(
  tx: Queryable,
  k: { teamId: string; giverId: string; day: GiverDay; wanted: number; now: Date },
): Promise<BudgetRefusal | undefined> {
  const budget = await getKudosBudget(tx, k.teamId);
  if (budget === null) return undefined;
  const used = await countKudosGivenBetween(tx, k.teamId, k.giverId, k.day.start, k.day.end);
  if (used + k.wanted <= budget) return undefined;
  return { budget, used, wanted: k.wanted, resetsAt: k.day.end, now: k.now };
}

/** `/kudos budget <n>` or `off`: the new budget, or null for none. */
export function parseBudget(word: string): number | null {
  if (/^(off|none)$/i.test(word)) return null;
  const n = /^\d{1,3}$/.test(word) ? Number(word) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_DAILY_BUDGET) {
    throw new UserError(
      `Say how many kudos each person may give a day, from 1 to ${MAX_DAILY_BUDGET}, or \`off\`. For example: \`/kudos budget 5\``,
    );
  }
  return n;
}

export type KudosBudgets = {
  /** The budget as this replica last read it (for the reaction hot path's choice of path only). */
  current(teamId: string): Promise<number | null>;
  /** Sets it, with the audit log's entry for `actorId` in the same transaction. */
  replace(teamId: string, budget: number | null, actorId: string): Promise<void>;
};

/** The workspace's budget, read on every reaction, so kept in memory for a short while. */
export function createKudosBudgets(deps: { db: Database; clock: Clock }): KudosBudgets {
  const cache = new LRUCache<string, { budget: number | null }>({
    max: 10_000,
    ttl: SETTINGS_REMEMBERED_FOR_MS,
    fetchMethod: async (teamId) => ({ budget: await getKudosBudget(deps.db, teamId) }),
  });
  return {
    async current(teamId) {
      return (await cache.fetch(teamId))?.budget ?? null;
    },
    async replace(teamId, budget, actorId) {
      await deps.db.transaction(async (tx) => {
        await setKudosBudget(tx, teamId, budget, deps.clock.now());
        await recordAudit(tx, deps.clock, { teamId, actorId, action: 'kudos.budget', detail: { budget } });
      });
      cache.delete(teamId);
    },
  };
}
