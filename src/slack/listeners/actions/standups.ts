import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { StandupService } from '../../../standups/standups-service.js';
import { ACTIONS } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { checkinModal, CHECKIN_TITLE, decodeRef, promptSkipped } from '../../views/standups/messages.js';
import { blockAction } from '../block-action.js';
import type { Outbox } from '../../outbox.js';
import { rowRecords, type RecordSetDeps } from '../record-set.js';

/** The buttons on a stand-up prompt: Answer opens the modal, Skip today records the day off. */
export function registerStandupActions(
  app: App,
  deps: { standups: StandupService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  app.action<BlockButtonAction>(
    ACTIONS.standupAnswer,
    blockAction(deps, async ({ body, action, client, context }) => {
      const ref = decodeRef(action.value);
      if (!ref) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: CHECKIN_TITLE },
        async () => {
          const teamId = await rowRecords(deps, context, 'rituals', ref.ritualId);
          const { ritual, answers } = await deps.standups.open({ teamId, userId: body.user.id, ...ref });
          return checkinModal({ ...ref, channelId: ritual.channel_id, questions: ritual.questions, answers });
        },
      );
    }),
  );

  app.action<BlockButtonAction>(
    ACTIONS.standupSkip,
    blockAction(deps, async ({ body, action, respond, context }) => {
      const ref = decodeRef(action.value);
      if (!ref) return;
      const teamId = await rowRecords(deps, context, 'rituals', ref.ritualId);
      const { ritual } = await deps.standups.skip({ teamId, userId: body.user.id, ...ref });
      await respond({
        replace_original: true,
        ...promptSkipped({ channelId: ritual.channel_id, localDate: ref.localDate }),
      });
    }),
  );
}
