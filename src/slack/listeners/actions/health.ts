import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import { HEALTH } from '../../ids.js';
import type { Outbox } from '../../outbox.js';
import { aboutNumbersModal } from '../../views/health/about-numbers.js';
import { blockAction } from '../block-action.js';

/** "About these numbers" under a digest or /health: the definitions, in a modal opened at once. */
export function registerHealthActions(app: App, deps: { log: Logger; outbox: Outbox }): void {
  app.action<BlockButtonAction>(
    HEALTH.about,
    blockAction(deps, async ({ body, client }) => {
      await client.views.open({ trigger_id: body.trigger_id, view: aboutNumbersModal() });
    }),
  );
}
