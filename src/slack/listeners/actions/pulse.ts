import type { App, BlockButtonAction } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { PulseService } from '../../../pulse/pulse-service.js';
import { PULSE } from '../../ids.js';
import { plainMessage } from '../../views/blocks.js';
import { pulseModal } from '../../views/pulse/modal.js';
import { decodePulseRef } from '../../views/pulse/ref.js';

const STALE_BUTTON = 'This button is out of date; nothing was opened.';

/** Answer on a pulse check's DM opens the survey, unless the person answered or it closed. */
export function registerPulseActions(app: App, deps: { pulse: PulseService }): void {
  app.action<BlockButtonAction>(PULSE.answer, async ({ ack, body, action, client, respond }) => {
    await ack();
    const tell = (text: string) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...plainMessage(text) });
    const ref = decodePulseRef(action.value);
    const teamId = body.team?.id;
    if (!ref || !teamId) {
      await tell(STALE_BUTTON);
      return;
    }
    try {
      const round = await deps.pulse.open({ teamId, userId: body.user.id, ...ref });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: pulseModal({ ...ref, channelId: round.channel_id, statements: round.statements }),
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await tell(error.userMessage);
    }
  });
}
