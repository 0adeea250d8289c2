import type { Clock } from '../clock.js';
import { zoneOfPerson } from '../people/time-zones.js';
import type { Database } from '../db/database.js';
import { countKudosGivenBetween } from '../db/repos/kudos-budget.js';
import { getKudosBudget } from '../db/repos/workspaces.js';
import { requireAdmin } from '../people/admins.js';
import type { Directory } from '../people/directory.js';
import { createKudosBudgets, giverDay } from './budget.js';
import { type GiveKudosInput, giveKudos } from './give-kudos.js';
import { createKudosEmoji, parseEmojiNames } from './kudos-emoji.js';
import { createReactionKudos } from './reaction-kudos.js';
import { summarizeKudos } from './summary.js';

export type KudosService = ReturnType<typeof createKudosService>;

export type BudgetStatus = { budget: number | null; usedToday: number; resetsAt: Date };

/** Everything kudos can do, whichever Slack surface asks for it. */
export function createKudosService(deps: { db: Database; directory: Directory; clock: Clock }) {
  const emoji = createKudosEmoji(deps);
  const budgets = createKudosBudgets(deps);
  const reactions = createReactionKudos({ ...deps, emoji, budgets });

  return {
    currentEmoji: (teamId: string) => emoji.current(teamId),
    /** Kudos from a command or the "Give kudos" form; see giveKudos. */
    give: (input: GiveKudosInput) => giveKudos({ ...deps, emoji: emoji.current }, input),
    reactionAdded: reactions.added,
    reactionRemoved: reactions.removed,
    summary: (teamId: string | readonly string[], userId: string) => summarizeKudos(deps, teamId, userId),
    /** Replaces the workspace's kudos emoji; only workspace admins and owners may. */
    async replaceEmoji(teamId: string, userId: string, words: readonly string[]): Promise<string[]> {
      const names = parseEmojiNames(words);
      await requireAdmin(deps.directory, teamId, userId, 'change the kudos emoji');
      await emoji.replace(teamId, names, userId);
      return names;
    },
    /** The workspace's daily budget, and how much of today's this person has used. */
    async budgetStatus(teamId: string, userId: string): Promise<BudgetStatus> {
      const day = giverDay((await zoneOfPerson(deps, teamId, userId)).zone, deps.clock.now());
      const [budget, usedToday] = await Promise.all([
        getKudosBudget(deps.db, teamId),
        countKudosGivenBetween(deps.db, teamId, userId, day.start, day.end),
      ]);
      return { budget, usedToday, resetsAt: day.end };
    },
    /** Sets or (null) removes the daily budget; only workspace admins and owners may. */
    async setBudget(teamId: string, userId: string, budget: number | null): Promise<number | null> {
      await requireAdmin(deps.directory, teamId, userId, 'set the kudos budget');
      await budgets.replace(teamId, budget, userId);
      return budget;
    },
  };
}
