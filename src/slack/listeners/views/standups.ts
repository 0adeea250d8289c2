import type { App } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { StandupService } from '../../../standups/standups-service.js';
import { CHECKIN_INPUT, checkinBlockId, VIEWS } from '../../ids.js';
import { decodeRef } from '../../views/standups/messages.js';
import { viewSubmission } from '../view-submission.js';
import { rowRecords, type RecordSetDeps } from '../record-set.js';

/** The check-in modal's submission: saved, with its reply in the day's thread queued, before the modal closes. */
export function registerStandupViews(
  app: App,
  deps: { standups: StandupService; log: Logger } & RecordSetDeps,
): void {
  const errorsFor = (error: UserError) => ({ [checkinBlockId(0)]: error.userMessage });
  app.view(
    VIEWS.standupCheckin,
    viewSubmission(deps.log, errorsFor, async ({ view, body, context }) => {
      const ref = decodeRef(view.private_metadata);
      if (!ref) throw new UserError('This form is out of date; open it again.', 'stale_form');
      const teamId = await rowRecords(deps, context, 'rituals', ref.ritualId);
      const values = view.state.values;
      const raw = Object.keys(values)
        .filter((id) => id.startsWith('question_'))
        .sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)))
        .map((id) => values[id]?.[CHECKIN_INPUT]?.value ?? undefined);
      const key = { teamId, userId: body.user.id, ...ref };
      // Saved, and said in the day's thread by the outbox, before the modal closes.
      await deps.standups.answer(key, raw);
      return undefined;
    }),
  );
}
