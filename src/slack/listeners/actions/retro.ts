import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import { newFormToken } from '../../../retros/notes.js';
import { RETRO } from '../../ids.js';
import { idFromValue } from '../../id-value.js';
import { escapeMrkdwn, plainMessage } from '../../views/blocks.js';
import { actionModal, noteModal } from '../../views/retros/modal.js';
import { mineReply } from '../../views/retros/replies.js';
import type { RetroListenerDeps } from '../commands/retro.js';

/** A refusal the person can act on, shown to them alone; anything else goes to the error handler. */
async function tellPrivately(respond: RespondFn, error: unknown): Promise<void> {
  if (!(error instanceof UserError)) throw error;
  await respond({ response_type: 'ephemeral', replace_original: false, ...plainMessage(error.userMessage) });
}

/** The buttons of retros: add a note, edit or delete one's own, add an action item, mark one done. */
export function registerRetroActions(app: App, deps: RetroListenerDeps): void {
  const { retros } = deps;

  app.action<BlockButtonAction>(RETRO.addNote, async ({ ack, body, action, client, respond }) => {
    await ack();
    const teamId = body.team?.id;
    if (!teamId) return;
    try {
      const { retro, token } = await retros.noteForm({
        teamId,
        userId: body.user.id,
        retroId: idFromValue(action.value) ?? 0,
      });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: noteModal({ ref: { retroId: retro.id, token }, title: retro.title }),
      });
    } catch (error) {
      await tellPrivately(respond, error);
    }
  });

  app.action<BlockButtonAction>(RETRO.editNote, async ({ ack, body, action, client, respond }) => {
    await ack();
    const teamId = body.team?.id;
    const noteId = idFromValue(action.value);
    if (!teamId || noteId === undefined) return;
    try {
      const { retro, note, token } = await retros.noteForm({ teamId, userId: body.user.id, noteId });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: noteModal({ ref: { retroId: retro.id, noteId, token }, title: retro.title, note }),
      });
    } catch (error) {
      await tellPrivately(respond, error);
    }
  });

  app.action<BlockButtonAction>(RETRO.deleteNote, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = body.team?.id;
    const noteId = idFromValue(action.value);
    if (!teamId || noteId === undefined) return;
    try {
      const retro = await retros.deleteNote({ teamId, userId: body.user.id, noteId });
      if (!retro) throw new UserError('That note is no longer there.');
      const { notes } = await retros.mine({ teamId, channelId: retro.channel_id, userId: body.user.id });
      await respond({ replace_original: true, ...mineReply(retro, notes) });
      deps.background.run('retro count', () => retros.refreshCount(teamId, retro.id));
    } catch (error) {
      await tellPrivately(respond, error);
    }
  });

  app.action<BlockButtonAction>(RETRO.addAction, async ({ ack, body, action, client }) => {
    await ack();
    const retroId = idFromValue(action.value);
    if (retroId === undefined) return;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: actionModal({ ref: { retroId, token: newFormToken() } }),
    });
  });

  app.action<BlockButtonAction>(RETRO.actionDone, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = body.team?.id;
    const itemId = idFromValue(action.value);
    if (!teamId || itemId === undefined) return;
    try {
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
    } catch (error) {
      await tellPrivately(respond, error);
    }
  });
}
