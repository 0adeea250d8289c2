import { randomUUID } from 'node:crypto';
import type { App, BlockButtonAction } from '@slack/bolt';
import type { EscalationsService } from '../../../escalations/escalations-service.js';
import type { Logger } from '../../../logger.js';
import { ESCALATIONS } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import type { Outbox } from '../../outbox.js';
import { resolveModal, resolveTitle } from '../../views/escalations/modal.js';
import { blockAction } from '../block-action.js';
import { type RecordSetDeps, rowRecords } from '../record-set.js';

/** Resolve, on the channel's summary and on the owners' DMs: the form, for those who may resolve it. */
export function registerEscalationActions(
  app: App,
  deps: { escalations: EscalationsService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  app.action<BlockButtonAction>(
    ESCALATIONS.resolve,
    blockAction(deps, async ({ body, action, client, context }) => {
      const id = Number(action.value);
      if (!Number.isSafeInteger(id) || id <= 0) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: resolveTitle(id) },
        async () => {
          const teamId = await rowRecords(deps, context, 'escalations', id);
          const e = await deps.escalations.resolvable({ teamId, userId: body.user.id }, id);
          return resolveModal({ id, submissionId: randomUUID(), issue: e.issue });
        },
      );
    }),
  );
}
