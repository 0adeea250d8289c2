import type { Queryable } from '../db/database.js';
import { settlePrompt } from '../rituals/settle-prompt.js';
import { pulseDmKey, type PulseViews } from './pulse-views.js';

/**
 * Once a person answered a round, its prompt DM, and its reminder if one went out, thank them in
 * place of the Answer button: one edit each, in the transaction that recorded the answer. The edit
 * carries nothing of the answer (no score, no comment): only that they answered.
 */
export async function settlePulsePrompts(
  tx: Queryable,
  key: { teamId: string; ritualId: number; roundDate: string; userId: string },
  now: Date,
) {
  for (const purpose of ['prompt', 'reminder'] as const) {
    await settlePrompt<PulseViews['pulse.prompt']>(
      tx,
      {
        teamId: key.teamId,
        key: pulseDmKey(purpose, key.ritualId, key.userId, key.roundDate),
        view: 'pulse.prompt',
        edit: 'answered',
        now,
      },
      (shown) => (shown.answered ? undefined : { ...shown, answered: true }),
    );
  }
}
