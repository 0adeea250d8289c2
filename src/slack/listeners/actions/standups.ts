import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { StandupService } from '../../../standups/standups-service.js';
import { ACTIONS } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { plainMessage } from '../../views/blocks.js';
import { checkinModal, CHECKIN_TITLE, decodeRef } from '../../views/standups/messages.js';
import { blockAction } from '../block-action.js';
import type { Outbox } from '../../outbox.js';
import { rowRecords, type RecordSetDeps } from '../record-set.js';
import { tellActor } from '../tell-actor.js';

/**
 * The buttons on a stand-up prompt: Answer (Edit, Answer anyway) opens the modal, Skip today records
 * the day off; the prompt then says so, edited through the outbox.
 */
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
    blockAction(deps, async (args) => {
      const { body, action, context } = args;
      const ref = decodeRef(action.value);
      if (!ref) return;
      const teamId = await rowRecords(deps, context, 'rituals', ref.ritualId);
      // Recorded, and the prompt's edit queued with it: the outbox says it in place.
      const { skipped } = await deps.standups.skip({ teamId, userId: body.user.id, ...ref });
      if (!skipped) {
        await tellActor(
          deps.outbox,
          args,
          plainMessage('You already answered this day; your answers stand.'),
        );
      }
    }),
  );
}
