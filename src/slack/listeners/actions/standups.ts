import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { StandupService } from '../../../standups/standups-service.js';
import { ACTIONS } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { checkinModal, CHECKIN_TITLE, decodeRef, promptSkipped } from '../../views/standups/messages.js';
import { blockAction } from '../block-action.js';
import type { Outbox } from '../../outbox.js';

/** The buttons on a stand-up prompt: Answer opens the modal, Skip today records the day off. */
export function registerStandupActions(
  app: App,
  deps: { standups: StandupService; outbox: Outbox; log: Logger },
): void {
  app.action<BlockButtonAction>(
    ACTIONS.standupAnswer,
    blockAction(deps, async ({ body, action, client }) => {
      const ref = decodeRef(action.value);
      const teamId = body.team?.id;
      if (!ref || !teamId) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: CHECKIN_TITLE },
        async () => {
          const { ritual, answers } = await deps.standups.open({ teamId, userId: body.user.id, ...ref });
          return checkinModal({ ...ref, channelId: ritual.channel_id, questions: ritual.questions, answers });
        },
      );
    }),
  );

  app.action<BlockButtonAction>(
    ACTIONS.standupSkip,
    blockAction(deps, async ({ body, action, respond }) => {
      const ref = decodeRef(action.value);
      if (!ref || !body.team?.id) return;
      const { ritual } = await deps.standups.skip({ teamId: body.team.id, userId: body.user.id, ...ref });
      await respond({
        replace_original: true,
        ...promptSkipped({ channelId: ritual.channel_id, localDate: ref.localDate }),
      });
    }),
  );
}
