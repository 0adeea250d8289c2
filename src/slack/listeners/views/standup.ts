import type { App } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { StandupService } from '../../../standups/standup-service.js';
import type { Background } from '../../background.js';
import { CHECKIN_INPUT, checkinBlockId, VIEWS } from '../../ids.js';
import { decodeRef } from '../../views/standup/messages.js';

/** The check-in modal's submission: saved before the modal closes, posted to the thread after. */
export function registerStandupViews(
  app: App,
  deps: { standups: StandupService; background: Background; log: Logger },
): void {
  app.view(VIEWS.standupCheckin, async ({ ack, view, body }) => {
    const ref = decodeRef(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    if (!ref || !teamId) {
      await ack({
        response_action: 'errors',
        errors: { [checkinBlockId(0)]: 'This form is out of date; open it again.' },
      });
      return;
    }
    const values = view.state.values;
    const raw = Object.keys(values)
      .filter((id) => id.startsWith('question_'))
      .sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)))
      .map((id) => values[id]?.[CHECKIN_INPUT]?.value ?? undefined);
    const key = { teamId, userId: body.user.id, ...ref };
    try {
      await deps.standups.answer(key, raw);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await ack({ response_action: 'errors', errors: { [checkinBlockId(0)]: error.userMessage } });
      return;
    }
    await ack();
  });
}
