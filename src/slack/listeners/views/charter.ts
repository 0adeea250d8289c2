import type { App } from '@slack/bolt';
import { parseCharter } from '../../../charter/charter-fields.js';
import type { CharterService } from '../../../charter/charter-service.js';
import { tellPrivately } from '../../tell-privately.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { Background } from '../../background.js';
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
  deps: { charter: CharterService; background: Background; log: Logger },
): void {
  app.view(CHARTER.view, async ({ ack, view, body, client }) => {
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
    await ack();
    // A repeated delivery was posted by the first one.
    if (saved.kind === 'repeated') return;
    const { version } = saved;
    deps.background.run('charter post', async () => {
      await deps.charter.publish(actor);
      if (saved.kind === 'unchanged') {
        await tellPrivately(client, actor, charterUnchanged(actor.channelId, version.version));
      }
    });
  });
}
