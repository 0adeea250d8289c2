import type { App } from '@slack/bolt';
import { parseCharter } from '../../../charter/charter-fields.js';
import type { CharterService } from '../../../charter/charter-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { Outbox } from '../../outbox.js';
import { CHARTER } from '../../ids.js';
import {
  charterErrorsByBlock,
  charterFormError,
  decodeCharterMetadata,
  readCharterForm,
} from '../../views/charter/modal.js';
import { charterUnchanged, STALE_CHARTER_FORM } from '../../views/charter/replies.js';

/**
 * The charter form's submission: checked part by part (errors shown on the form, nothing saved),
 * saved as a new version before the form closes, then posted in the channel.
 */
export function registerCharterView(
  app: App,
  deps: { charter: CharterService; outbox: Outbox; log: Logger },
): void {
  app.view(CHARTER.view, async ({ ack, view, body }) => {
    const metadata = decodeCharterMetadata(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    if (!metadata || !teamId) {
      await ack({ response_action: 'errors', errors: charterFormError(STALE_CHARTER_FORM) });
      return;
    }
    const parsed = parseCharter(readCharterForm(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: charterErrorsByBlock(parsed.errors) });
      return;
    }
    const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
    let saved;
    try {
      saved = await deps.charter.save(actor, { ...metadata, text: parsed.charter });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await ack({ response_action: 'errors', errors: charterFormError(error.userMessage) });
      return;
    }
    // A saved version is shown in the channel by the outbox; a repeated delivery was the first's.
    if (saved.kind === 'unchanged') {
      await deps.outbox.tellPrivately(
        actor,
        charterUnchanged(actor.channelId, saved.version.version),
        `charter-unchanged:${view.id}:${view.hash}`,
      );
    }
    await ack();
  });
}
