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
import { viewSubmission } from '../view-submission.js';

/**
 * The charter form's submission: checked part by part (errors shown on the form, nothing saved),
 * saved as a new version before the form closes, then posted in the channel.
 */
export function registerCharterView(
  app: App,
  deps: { charter: CharterService; background: Background; log: Logger },
): void {
  const errorsFor = (error: UserError) => charterFormError(error.userMessage);
  app.view(
    CHARTER.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, client }) => {
      const metadata = decodeCharterMetadata(view.private_metadata);
      const teamId = body.team?.id ?? view.team_id;
      if (!metadata || !teamId) throw new UserError(STALE_CHARTER_FORM, 'stale_form');
      const parsed = parseCharter(readCharterForm(view.state.values));
      if (!parsed.ok) return { response_action: 'errors', errors: charterErrorsByBlock(parsed.errors) };
      const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
      const saved = await deps.charter.save(actor, { ...metadata, text: parsed.charter });
      // A repeated delivery was posted by the first one.
      if (saved.kind === 'repeated') return undefined;
      const { version } = saved;
      deps.background.run('charter post', async () => {
        await deps.charter.publish(actor);
        if (saved.kind === 'unchanged') {
          await tellPrivately(client, actor, charterUnchanged(actor.channelId, version.version));
        }
      });
      return undefined;
    }),
  );
}
