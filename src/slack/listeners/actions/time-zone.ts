import type { App, BlockButtonAction } from '@slack/bolt';
import type { Clock } from '../../../clock.js';
import type { Logger } from '../../../logger.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import { TIME_ZONE } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { TIME_ZONE_TITLE, timeZoneModal } from '../../views/people/time-zone.js';
import { blockAction } from '../block-action.js';
import type { Outbox } from '../../outbox.js';
import { installedTeam } from '../record-set.js';

/** "Set my time zone" on a prompt, and "Change" on the Home tab: the form with the person's zone. */
export function registerTimeZoneActions(
  app: App,
  deps: { rituals: RitualsService; clock: Clock; outbox: Outbox; log: Logger },
): void {
  app.action<BlockButtonAction>(
    TIME_ZONE.open,
    blockAction(deps, async ({ body, action, client, context }) => {
      const teamId = installedTeam(context);
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: TIME_ZONE_TITLE },
        async () => ({
          ...timeZoneModal({
            current: await deps.rituals.zoneOf(teamId, body.user.id),
            now: deps.clock.now(),
          }),
          // Where it was opened: from the Home tab, the tab is drawn again once saved.
          private_metadata: action.value === 'home' ? 'home' : 'prompt',
        }),
      );
    }),
  );
}
