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

/** Edit, under the charter `/charter` shows: the form, filled in with the latest version. */
export function registerCharterActions(
  app: App,
  deps: { charter: CharterService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  app.action<BlockButtonAction>(
    CHARTER.edit,
    blockAction(deps, async ({ body, client, context }) => {
      const channelId =
        body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
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
}
