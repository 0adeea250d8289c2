import type { App, BlockButtonAction, BlockStaticSelectAction } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import { RITUAL_SETTINGS } from '../../ids.js';
import { plainMessage } from '../../views/blocks.js';
import { decodeSettingsMetadata } from '../../views/rituals/settings-form.js';
import { settingsModalFor } from '../views/rituals.js';

/** A ritual's number as a button or an option carries it; undefined for "New ritual" or anything else. */
function ritualIdOf(value: string | undefined): number | undefined {
  const id = Number(value);
  return /^\d{1,15}$/.test(value ?? '') && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** The settings form's ritual picker, and the Edit button on each line of `/rituals list`. */
export function registerRitualActions(app: App, deps: { rituals: RitualsService; log: Logger }): void {
  app.action<BlockStaticSelectAction>(RITUAL_SETTINGS.pick, async ({ ack, body, action, client }) => {
    await ack();
    const view = body.view;
    const metadata = decodeSettingsMetadata(view?.private_metadata);
    if (!view || !metadata || !body.team?.id) return;
    const actor = { teamId: body.team.id, channelId: metadata.channelId, userId: body.user.id };
    const ritualId = ritualIdOf(action.selected_option?.value);
    let next;
    try {
      next = await settingsModalFor(deps.rituals, actor, ritualId);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // Removed since the form opened: offer a new one, and say why.
      next = await settingsModalFor(deps.rituals, actor, undefined, error.userMessage);
    }
    try {
      // The hash makes Slack refuse the update if the form changed since this choice was made.
      await client.views.update({ view_id: view.id, hash: view.hash, view: next });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code !== 'hash_conflict') throw error;
      deps.log.info({ viewId: view.id }, 'the settings form changed meanwhile; its newer state stays');
    }
  });

  app.action<BlockButtonAction>(RITUAL_SETTINGS.edit, async ({ ack, body, action, client, respond }) => {
    await ack();
    const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
    const ritualId = ritualIdOf(action.value);
    if (!body.team?.id || !channelId || ritualId === undefined) return;
    const actor = { teamId: body.team.id, channelId, userId: body.user.id };
    try {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: await settingsModalFor(deps.rituals, actor, ritualId),
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
