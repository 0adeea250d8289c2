import type { App, BlockButtonAction } from '@slack/bolt';
import type { CharterService } from '../../../charter/charter-service.js';
import type { Logger } from '../../../logger.js';
import { CHARTER } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { CHARTER_TITLE } from '../../views/charter/modal.js';
import { blockAction } from '../block-action.js';
import { charterModalFor } from '../commands/charter.js';
import type { Outbox } from '../../outbox.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';

const channelOf = (body: BlockButtonAction) =>
  body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;

/** A review's id, as its buttons carry it. */
const reviewIdOf = (value: string | undefined) => {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

/**
 * Edit, under the charter `/charter` shows: the form, filled in with the latest version. And the
 * governance review's buttons: Still right (a confirmation, recorded once; the outbox edits the
 * review's message) and Revise (the form, prefilled; saving it answers the review).
 */
export function registerCharterActions(
  app: App,
  deps: { charter: CharterService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  app.action<BlockButtonAction>(
    CHARTER.edit,
    blockAction(deps, async ({ body, client, context }) => {
      const channelId = channelOf(body);
      if (!channelId) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: CHARTER_TITLE.edit },
        async () => {
          const teamId = await channelRecords(deps, context, channelId);
          return charterModalFor(deps.charter, { teamId, channelId }, client);
        },
      );
    }),
  );

  app.action<BlockButtonAction>(
    CHARTER.reviewConfirm,
    blockAction(deps, async ({ body, action, context }) => {
      const channelId = channelOf(body);
      const reviewId = reviewIdOf(action.value);
      if (!channelId || !reviewId) return;
      const teamId = await channelRecords(deps, context, channelId);
      await deps.charter.confirmReview({ teamId, channelId, userId: body.user.id }, reviewId);
    }),
  );

  app.action<BlockButtonAction>(
    CHARTER.reviewRevise,
    blockAction(deps, async ({ body, action, client, context }) => {
      const channelId = channelOf(body);
      const reviewId = reviewIdOf(action.value);
      if (!channelId || !reviewId) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: CHARTER_TITLE.edit },
        async () => {
          const teamId = await channelRecords(deps, context, channelId);
          await deps.charter.openReview({ teamId, channelId }, reviewId);
          return charterModalFor(deps.charter, { teamId, channelId }, client, reviewId);
        },
      );
    }),
  );
}
