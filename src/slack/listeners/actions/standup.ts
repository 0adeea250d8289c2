import type { App, BlockButtonAction } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { StandupService } from '../../../standups/standup-service.js';
import { ACTIONS } from '../../ids.js';
import { plainMessage } from '../../views/blocks.js';
import { checkinModal, decodeRef, promptSkipped } from '../../views/standup/messages.js';

/** The buttons on a stand-up prompt: Answer opens the modal, Skip today records the day off. */
export function registerStandupActions(app: App, deps: { standups: StandupService; log: Logger }): void {
  app.action<BlockButtonAction>(ACTIONS.standupAnswer, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ref = decodeRef(action.value);
    if (!ref || !body.team?.id) return;
    try {
      const { ritual, answers } = await deps.standups.open({
        teamId: body.team.id,
        userId: body.user.id,
        ...ref,
      });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: checkinModal({ ...ref, channelId: ritual.channel_id, questions: ritual.questions, answers }),
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...plainMessage(error.userMessage),
      });
    }
  });

  app.action<BlockButtonAction>(ACTIONS.standupSkip, async ({ ack, body, action, respond }) => {
    await ack();
    const ref = decodeRef(action.value);
    if (!ref || !body.team?.id) return;
    try {
      const { ritual } = await deps.standups.skip({ teamId: body.team.id, userId: body.user.id, ...ref });
      await respond({
        replace_original: true,
        ...promptSkipped({ channelId: ritual.channel_id, localDate: ref.localDate }),
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...plainMessage(error.userMessage),
      });
    }
  });
}
