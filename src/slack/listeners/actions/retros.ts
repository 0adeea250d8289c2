import type { App, BlockButtonAction } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import { newFormToken } from '../../../retros/notes.js';
import { RETRO } from '../../ids.js';
import { idFromValue } from '../../id-value.js';
import { openModalThenFill } from '../../open-modal.js';
import { escapeMrkdwn, plainMessage } from '../../views/blocks.js';
import { actionModal, NOTE_TITLE, noteModal } from '../../views/retros/modal.js';
import { mineReply } from '../../views/retros/replies.js';
import { blockAction } from '../block-action.js';
import type { RetroListenerDeps } from '../commands/retros.js';
import { rowRecords, type RecordSetDeps } from '../record-set.js';
import { tellActor } from '../tell-actor.js';

/**
 * The buttons of retros: add a note, edit or delete one's own, add an action item, mark one done
 * (in the channel, or its owner on its reminder).
 */
export function registerRetroActions(app: App, deps: RetroListenerDeps & RecordSetDeps): void {
  const { retros, log } = deps;

  app.action<BlockButtonAction>(
    RETRO.addNote,
    blockAction(deps, async ({ body, action, client, context }) => {
      const retroId = idFromValue(action.value);
      if (retroId === undefined) return;
      await openModalThenFill(
        { client, log },
        { triggerId: body.trigger_id, title: NOTE_TITLE.add },
        async () => {
          const teamId = await rowRecords(deps, context, 'retros', retroId);
          const { retro, token } = await retros.noteForm({ teamId, userId: body.user.id, retroId });
          return noteModal({ ref: { retroId: retro.id, token }, title: retro.title });
        },
      );
    }),
  );

  app.action<BlockButtonAction>(
    RETRO.editNote,
    blockAction(deps, async ({ body, action, client, context }) => {
      const noteId = idFromValue(action.value);
      if (noteId === undefined) return;
      await openModalThenFill(
        { client, log },
        { triggerId: body.trigger_id, title: NOTE_TITLE.edit },
        async () => {
          const teamId = await rowRecords(deps, context, 'retro_notes', noteId);
          const { retro, note, token } = await retros.noteForm({ teamId, userId: body.user.id, noteId });
          return noteModal({ ref: { retroId: retro.id, noteId, token }, title: retro.title, note });
        },
      );
    }),
  );

  app.action<BlockButtonAction>(
    RETRO.deleteNote,
    blockAction(deps, async ({ body, action, respond, context }) => {
      const noteId = idFromValue(action.value);
      if (noteId === undefined) return;
      const teamId = await rowRecords(deps, context, 'retro_notes', noteId);
      const retro = await retros.deleteNote({ teamId, userId: body.user.id, noteId });
      if (!retro) throw new UserError('That note is no longer there.');
      const { notes } = await retros.mine({ teamId, channelId: retro.channel_id, userId: body.user.id });
      await respond({ replace_original: true, ...mineReply(retro, notes) });
      deps.background.run('retro count', () => retros.refreshCount(teamId, retro.id));
    }),
  );

  app.action<BlockButtonAction>(
    RETRO.addAction,
    blockAction(deps, async ({ body, action, client }) => {
      const retroId = idFromValue(action.value);
      if (retroId === undefined) return;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: actionModal({ ref: { retroId, token: newFormToken() } }),
      });
    }),
  );

  app.action<BlockButtonAction>(
    RETRO.actionDone,
    blockAction(deps, async ({ body, action, respond, context }) => {
      const itemId = idFromValue(action.value);
      if (itemId === undefined) return;
      const teamId = await rowRecords(deps, context, 'action_items', itemId);
      const { item, marked } = await deps.actionItems.done({
        teamId,
        channelId: body.channel?.id,
        itemId,
        userId: body.user.id,
      });
      const what = escapeMrkdwn(item.body);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...plainMessage(marked ? `:white_check_mark: Marked done: ${what}` : `Already done: ${what}`),
      });
      if (marked) {
        deps.background.run('retro items', () => retros.refreshOpenRetroOf(teamId, item.channel_id));
      }
    }),
  );

  // Mark done on the owner's reminder DM: the reminder itself then says it is done (an edit the
  // outbox makes); a click on a reminder already done (a stale client) is told so, privately.
  app.action<BlockButtonAction>(
    RETRO.reminderDone,
    blockAction(deps, async (args) => {
      const { body, action, context } = args;
      const itemId = idFromValue(action.value);
      if (itemId === undefined) return;
      const teamId = await rowRecords(deps, context, 'action_items', itemId);
      const { item, marked } = await deps.actionItems.done({
        teamId,
        ownerOnly: true,
        itemId,
        userId: body.user.id,
      });
      if (marked) {
        deps.background.run('retro items', () => retros.refreshOpenRetroOf(teamId, item.channel_id));
      } else {
        await tellActor(deps.outbox, args, plainMessage(`Already done: ${escapeMrkdwn(item.body)}`));
      }
    }),
  );
}
