import type { Queryable } from '../db/database.js';
import { actionReminderKey } from '../db/repos/action-items.js';
import { postedMessagesOf } from '../db/repos/outbox.js';
import type { PlaybookViews } from '../rituals/playbook-views.js';
import { settlePrompt } from '../rituals/settle-prompt.js';
import type { ActionItemSettled, RetroViews } from './retro-views.js';

/**
 * Once an item is marked done (from its reminder, the channel's list or the Home tab), its reminder
 * DM, if it went out, says so in place of its Mark done button: one edit, in the transaction that
 * marked it. A reminder still waiting was withdrawn instead, so there is nothing to edit.
 */
export async function settleActionReminder(
  tx: Queryable,
  teamId: string,
  itemId: number,
  done: ActionItemSettled,
) {
  await settlePrompt<RetroViews['retros.action-reminder']>(
    tx,
    { teamId, key: actionReminderKey(itemId), view: 'retros.action-reminder', edit: 'done', now: done.at },
    (shown) => (shown.settled ? undefined : { ...shown, done_at: done.at, settled: done }),
  );
}

/**
 * Once a debrief is posted in a channel, the channel's playbook prompts that asked for one and went
 * out say who posted it, in place of their Write the debrief button: one edit each, in the
 * transaction that saved the debrief. A prompt not due yet is left to come.
 */
export async function settleDebriefPrompts(
  tx: Queryable,
  d: { teamId: string; channelId: string; userId: string },
  now: Date,
) {
  for (const key of await postedMessagesOf(tx, d.teamId, d.channelId, 'playbooks.debrief')) {
    await settlePrompt<PlaybookViews['playbooks.debrief']>(
      tx,
      { teamId: d.teamId, key, view: 'playbooks.debrief', edit: 'debriefed', now },
      (shown) => (shown.settled ? undefined : { ...shown, settled: { by: d.userId, at: now } }),
    );
  }
}
