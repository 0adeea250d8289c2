import type { App, BlockButtonAction } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { PulseService } from '../../../pulse/pulse-service.js';
import { PULSE } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { PULSE_TITLE, pulseModal } from '../../views/pulse/modal.js';
import { decodePulseRef } from '../../views/pulse/ref.js';
import { blockAction } from '../block-action.js';
import type { Outbox } from '../../outbox.js';
import { rowRecords, type RecordSetDeps } from '../record-set.js';

const STALE_BUTTON = 'This button is out of date; nothing was opened.';

/** Answer on a pulse check's DM opens the survey, unless the person answered or it closed. */
export function registerPulseActions(
  app: App,
  deps: { pulse: PulseService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  app.action<BlockButtonAction>(
    PULSE.answer,
    blockAction(deps, async ({ body, action, client, context }) => {
      const ref = decodePulseRef(action.value);
      if (!ref) throw new UserError(STALE_BUTTON, 'stale_button');
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: PULSE_TITLE },
        async () => {
          const teamId = await rowRecords(deps, context, 'rituals', ref.ritualId);
          const round = await deps.pulse.open({ teamId, userId: body.user.id, ...ref });
          return pulseModal({ ...ref, channelId: round.channel_id, statements: round.statements });
        },
      );
    }),
  );
}
