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
import { viewSubmission } from '../view-submission.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';

/**
 * The charter form's submission: checked part by part (errors shown on the form, nothing saved),
 * saved as a new version, with its channel message queued, before the form closes.
 */
export function registerCharterView(
  app: App,
  deps: { charter: CharterService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  const errorsFor = (error: UserError) => charterFormError(error.userMessage);
  app.view(
    CHARTER.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, context }) => {
      const metadata = decodeCharterMetadata(view.private_metadata);
      if (!metadata) throw new UserError(STALE_CHARTER_FORM, 'stale_form');
      const teamId = await channelRecords(deps, context, metadata.channelId);
      const parsed = parseCharter(readCharterForm(view.state.values));
      if (!parsed.ok) return { response_action: 'errors', errors: charterErrorsByBlock(parsed.errors) };
      const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
      const saved = await deps.charter.save(actor, { ...metadata, text: parsed.charter });
      // A saved version is shown in the channel by the outbox; a repeated delivery was the first's.
      if (saved.kind === 'unchanged') {
        await deps.outbox.tellPrivately(
          actor,
          charterUnchanged(actor.channelId, saved.version.version),
          `charter-unchanged:${view.id}:${view.hash}`,
        );
      }
      return undefined;
    }),
  );
}
