import { isHashConflict } from '../../errors.js';
import type { App, BlockButtonAction, BlockStaticSelectAction, Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import { isFormKind } from '../../../rituals/settings.js';
import { RITUAL_SETTINGS } from '../../ids.js';
import { idFromValue } from '../../id-value.js';
import { openModalThenFill } from '../../open-modal.js';
import { ritualSettingsTitle } from '../../views/rituals/modal.js';
import { blockAction } from '../block-action.js';
import { decodeSettingsMetadata, type SettingsMetadata } from '../../views/rituals/settings-form.js';
import { settingsModalFor } from '../views/rituals.js';
import type { Outbox } from '../../outbox.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';

/**
 * The settings form's ritual picker and kind select, which redraw the form, and the Edit button on
 * each line of `/rituals list`.
 */
export function registerRitualActions(
  app: App,
  deps: { rituals: RitualsService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  const redraw = async (
    { body, client, context }: { body: BlockStaticSelectAction; client: WebClient; context: Context },
    choose: (metadata: SettingsMetadata, value: string | undefined) => Parameters<typeof settingsModalFor>[2],
  ) => {
    const view = body.view;
    const metadata = decodeSettingsMetadata(view?.private_metadata);
    if (!view || !metadata) return;
    const teamId = await channelRecords(deps, context, metadata.channelId);
    const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
    const chosen = choose(metadata, body.actions[0]?.selected_option?.value);
    let next;
    try {
      next = await settingsModalFor(deps.rituals, actor, chosen);
    } catch (error) {
      // Not a refusal to report but a fallback: removed since the form opened, so the form offers a
      // new one and says why.
      if (!(error instanceof UserError)) throw error;
      next = await settingsModalFor(deps.rituals, actor, { kind: chosen?.kind, notice: error.userMessage });
    }
    try {
      // The hash makes Slack refuse the update if the form changed since this choice was made.
      await client.views.update({ view_id: view.id, hash: view.hash, view: next });
    } catch (error) {
      if (!isHashConflict(error)) throw error;
      deps.log.info({ viewId: view.id }, 'the settings form changed meanwhile; its newer state stays');
    }
  };

  app.action<BlockStaticSelectAction>(
    RITUAL_SETTINGS.pick,
    blockAction<BlockStaticSelectAction>(deps, async ({ body, client, context }) => {
      await redraw({ body, client, context }, (_, value) => ({ ritualId: idFromValue(value) }));
    }),
  );

  app.action<BlockStaticSelectAction>(
    RITUAL_SETTINGS.kind,
    blockAction<BlockStaticSelectAction>(deps, async ({ body, client, context }) => {
      await redraw({ body, client, context }, (metadata, value) => ({
        ritualId: metadata.ritualId,
        kind: value && isFormKind(value) ? value : metadata.kind,
      }));
    }),
  );

  app.action<BlockButtonAction>(
    RITUAL_SETTINGS.edit,
    blockAction(deps, async ({ body, action, client, context }) => {
      const channelId =
        body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
      const ritualId = idFromValue(action.value);
      if (!channelId || ritualId === undefined) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: ritualSettingsTitle(ritualId) },
        async () => {
          const teamId = await channelRecords(deps, context, channelId);
          return settingsModalFor(deps.rituals, { teamId, channelId, userId: body.user.id }, { ritualId });
        },
      );
    }),
  );
}
