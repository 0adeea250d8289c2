import type { App, BlockButtonAction } from '@slack/bolt';
import type { CharterService } from '../../../charter/charter-service.js';
import type { Logger } from '../../../logger.js';
import { CHARTER } from '../../ids.js';
import { charterModalFor } from '../commands/charter.js';

/** Edit, under the charter `/charter` shows: the form, filled in with the latest version. */
export function registerCharterActions(app: App, deps: { charter: CharterService; log: Logger }): void {
  app.action<BlockButtonAction>(CHARTER.edit, async ({ ack, body, client }) => {
    await ack();
    const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
    if (!body.team?.id || !channelId) return;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: await charterModalFor(deps.charter, { teamId: body.team.id, channelId }),
    });
  });
}
