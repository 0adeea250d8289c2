import type { Queryable } from '../db/database.js';
import { settlePrompt } from '../rituals/settle-prompt.js';
import { type PromptSettled, standupKeys, type StandupViews } from './standup-views.js';

type Day = { teamId: string; userId: string; ritualId: number; localDate: string };

/**
 * Once a person answered or skipped their day, its prompt DM, and its reminder if one went out,
 * say so in place of the Answer and Skip buttons: one edit each per outcome, in the transaction
 * that saved it.
 */
export async function settleStandupPrompts(tx: Queryable, day: Day, settled: PromptSettled, now: Date) {
  for (const purpose of ['prompt', 'reminder'] as const) {
    await settlePrompt<StandupViews['standups.prompt']>(
      tx,
      {
        teamId: day.teamId,
        key: standupKeys.dm(purpose, day.ritualId, day.userId, day.localDate),
        view: 'standups.prompt',
        edit: settled.kind,
        now,
      },
      (shown) => (shown.settled?.kind === settled.kind ? undefined : { ...shown, settled }),
    );
  }
}
