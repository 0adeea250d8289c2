import { randomUUID } from 'node:crypto';
import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { ReviewsService } from '../../../reviews/reviews-service.js';
import { REVIEWS } from '../../ids.js';
import { MESSAGE_TS } from '../../../slack-values.js';
import { openModalThenFill } from '../../open-modal.js';
import { decisionModal } from '../../views/decisions/modal.js';
import { decodeReviewRef } from '../../views/reviews/prompt.js';
import { reviewModal } from '../../views/reviews/modal.js';
import { newFormToken } from '../../../retros/notes.js';
import type { Outbox } from '../../outbox.js';
import { actionModal } from '../../views/retros/modal.js';
import { blockAction } from '../block-action.js';
import { type RecordSetDeps, rowRecords } from '../record-set.js';

/**
 * A review's buttons: Answer on the DM a week before it opens the answer form (with the person's
 * answer so far); on the pack, Log a decision and Add an action item open those forms for this
 * channel, the decision linked to the pack.
 */
export function registerReviewActions(
  app: App,
  deps: { reviews: ReviewsService; log: Logger; outbox: Outbox } & RecordSetDeps,
): void {
  app.action<BlockButtonAction>(
    REVIEWS.answer,
    blockAction(deps, async ({ body, action, client, context }) => {
      const ref = decodeReviewRef(action.value);
      if (!ref) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: 'Before the review' },
        async () => {
          const teamId = await rowRecords(deps, context, 'rituals', ref.ritualId);
          const { answer } = await deps.reviews.form({ teamId, ...ref }, body.user.id);
          return reviewModal({ ...ref, ...(answer ? { answer } : {}) });
        },
      );
    }),
  );

  app.action<BlockButtonAction>(
    REVIEWS.logDecision,
    blockAction(deps, async ({ body, client }) => {
      const channelId = packChannel(body);
      const packTs = body.message?.ts;
      if (!channelId || typeof packTs !== 'string' || !MESSAGE_TS.test(packTs)) return;
      // Nothing to look up first: the form opens at once, well within the trigger's 3 seconds.
      await client.views.open({
        trigger_id: body.trigger_id,
        view: decisionModal({
          channelId,
          sourceTs: packTs,
          sourceThreadTs: null,
          submissionId: randomUUID(),
          defaultOwner: body.user.id,
        }),
      });
    }),
  );

  app.action<BlockButtonAction>(
    REVIEWS.addAction,
    blockAction(deps, async ({ body, client }) => {
      const channelId = packChannel(body);
      if (!channelId) return;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: actionModal({ ref: { channelId, token: newFormToken() } }),
      });
    }),
  );
}

const packChannel = (body: BlockButtonAction) =>
  body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
