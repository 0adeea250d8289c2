import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  actionReminderKey,
  findActionItem,
  insertActionItem,
  markActionItemDone,
  openActionItems,
} from '../db/repos/action-items.js';
import { findRetro, openRetroOfChannel } from '../db/repos/retros.js';
import { enqueueMessages, type OutboxMessage, replaceQueuedMessage } from '../db/repos/outbox.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import { zoneOfPerson } from '../people/time-zones.js';
import { retroView } from './retro-views.js';
import { settleActionReminder } from './settle-prompts.js';

/** The hour, in the owner's own zone, of the one reminder on an item's due date. */
const REMINDER_HOUR = 9;
/** How many open items `/retro actions` shows with a Done button. */
export const ITEMS_LISTED = 20;

export type ActionItemsService = ReturnType<typeof createActionItemsService>;

/** Action items: added by command or form, reminded once on their due date, marked done by anyone. */
export function createActionItemsService(deps: { db: Database; clock: Clock; directory: Directory }) {
  return {
    /**
     * Adds an item for a real, active person. It belongs to the retro it was added from (or the
     * channel's open retro), is announced in the channel, and, with a due date, queues the owner's
     * one reminder for 09:00 that day in their own time zone.
     */
    async add(a: {
      teamId: string;
      channelId?: string;
      retroId?: number;
      createdBy: string;
      ownerId: string;
      text: string;
      dueOn: string | undefined;
      createKey: string;
    }) {
      const now = deps.clock.now();
      const fromRetro = a.retroId === undefined ? undefined : await findRetro(deps.db, a.teamId, a.retroId);
      const channelId = fromRetro?.channel_id ?? a.channelId;
      if (!channelId) throw new UserError('That retro no longer exists; nothing was saved.', 'retro_gone');
      const owner = await deps.directory.find(a.teamId, a.ownerId);
      if (!owner || owner.isBot || owner.isDeleted) {
        throw new UserError(
          `<@${a.ownerId}> can’t own an action item: pick an active person (not a bot).`,
          'invalid_owner',
        );
      }
      const { zone } = await zoneOfPerson(deps, a.teamId, a.ownerId);
      const reminderAt = a.dueOn
        ? DateTime.fromISO(a.dueOn, { zone }).set({ hour: REMINDER_HOUR }).toJSDate()
        : undefined;
      if (a.dueOn && a.dueOn < (DateTime.fromJSDate(now, { zone }).toISODate() ?? '')) {
        throw new UserError(
          `${a.dueOn} has already passed for <@${a.ownerId}>; pick today or a later date.`,
          'due_passed',
        );
      }
      const retroId = fromRetro?.id ?? (await openRetroOfChannel(deps.db, a.teamId, channelId))?.id ?? null;
      return deps.db.transaction(async (tx) => {
        const item = await insertActionItem(tx, {
          teamId: a.teamId,
          channelId,
          retroId,
          ownerId: a.ownerId,
          body: a.text,
          dueOn: a.dueOn ?? null,
          createdBy: a.createdBy,
          createKey: a.createKey,
          now,
        });
        if (!item) return undefined;
        const messages: OutboxMessage[] = [
          {
            teamId: a.teamId,
            dedupeKey: `action-added:${item.id}`,
            channelId,
            ...retroView('retros.action-added', { item, createdBy: a.createdBy }),
          },
        ];
        if (reminderAt) {
          messages.push({
            teamId: a.teamId,
            dedupeKey: actionReminderKey(item.id),
            channelId: a.ownerId,
            // It asks its owner to act: it goes before notifications waiting for them.
            asks: true,
            ...retroView('retros.action-reminder', item),
            sendAt: reminderAt,
          });
        }
        await enqueueMessages(tx, messages, now);
        return item;
      });
    },

    open: (teamId: string, channelId: string) => openActionItems(deps.db, teamId, channelId, ITEMS_LISTED),

    /**
     * Done, by anyone in the item's channel (`channelId`), or by its owner from outside it (the Home
     * tab, the reminder's Mark done); its reminder, if still waiting, is withdrawn, and if it went
     * out it says it is done, in place of its button.
     */
    async done(
      a: { teamId: string; itemId: number; userId: string } & (
        { channelId: string | undefined } | { ownerOnly: true }
      ),
    ) {
      const item = await findActionItem(deps.db, a.teamId, a.itemId);
      const allowed =
        'ownerOnly' in a
          ? item?.owner_id === a.userId
          : a.channelId === undefined || item?.channel_id === a.channelId;
      if (!item || !allowed) {
        throw new UserError('That action item is no longer there.', 'item_gone');
      }
      const now = deps.clock.now();
      // Its reminder, if it went out, says when it was marked done, in its owner's zone.
      const zone =
        item.done_at || !item.due_on ? undefined : await zoneOfPerson(deps, a.teamId, item.owner_id);
      const marked = await deps.db.transaction(async (tx) => {
        const changed = await markActionItemDone(tx, {
          teamId: a.teamId,
          itemId: a.itemId,
          doneBy: a.userId,
          now,
        });
        if (changed) {
          await replaceQueuedMessage(tx, a.teamId, actionReminderKey(item.id), undefined, now);
          if (zone)
            await settleActionReminder(tx, a.teamId, item.id, { at: now, by: a.userId, zone: zone.zone });
        }
        return changed;
      });
      return { item, marked };
    },
  };
}
