import type { App } from '@slack/bolt';
import { parseAdjustment, parseGiveForm } from '../../../gives/give-form.js';
import type { GivesService } from '../../../gives/gives-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { GIVES, giveBlockId } from '../../ids.js';
import {
  decodeAdjustMetadata,
  decodeGiveMetadata,
  giveErrorsByBlock,
  readAdjustment,
  readGiveForm,
} from '../../views/gives/modal.js';
import { channelRecords, type RecordSetDeps, rowRecords } from '../record-set.js';
import { viewSubmission } from '../view-submission.js';

export const STALE_GIVE_FORM = 'This form is out of date and nothing was saved. Open it again with `/gave`.';
const STALE_ADJUSTMENT = 'This form is out of date and nothing was saved. Press Adjust in the DM again.';
const NOT_HELPFUL_MEANWHILE = 'You said this give didn’t help while the form was open, so nothing was saved.';

/**
 * The give form's submission: checked field by field (errors on the form, nothing saved), then
 * kept with its receivers' DMs queued before the form closes. A form Slack delivers twice is saved
 * once (its one-time token is the submission key).
 */
export function registerGiveView(app: App, deps: { gives: GivesService; log: Logger } & RecordSetDeps): void {
  // A stale form is told on its first field; what the ledger refuses is who was named.
  const errorsFor = (error: UserError) => ({
    [giveBlockId(error.code === 'stale_form' ? 'what' : 'people')]: error.userMessage,
  });
  app.view(
    GIVES.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, context }) => {
      const metadata = decodeGiveMetadata(view.private_metadata);
      if (!metadata) throw new UserError(STALE_GIVE_FORM, 'stale_form');
      const parsed = parseGiveForm(readGiveForm(view.state.values), body.user.id);
      if (!parsed.ok) return { response_action: 'errors', errors: giveErrorsByBlock(parsed.errors) };
      const teamId = await channelRecords(deps, context, metadata.channelId);
      await deps.gives.give(
        { teamId, channelId: metadata.channelId, userId: body.user.id },
        { ...parsed.content, submissionKey: `form:${metadata.submissionId}` },
      );
      return undefined;
    }),
  );

  // A receiver's own value for a give: it confirms the give, and counts instead of the giver's.
  const adjustErrors = (error: UserError) => ({ [giveBlockId('adjusted')]: error.userMessage });
  app.view(
    GIVES.adjustView,
    viewSubmission(deps.log, adjustErrors, async ({ view, body, context }) => {
      const rowId = decodeAdjustMetadata(view.private_metadata);
      if (rowId === undefined) throw new UserError(STALE_ADJUSTMENT, 'stale_form');
      const parsed = parseAdjustment(readAdjustment(view.state.values));
      if (!parsed.ok) throw new UserError(parsed.error);
      const teamId = await rowRecords(deps, context, 'give_receivers', rowId);
      const { receiver } = await deps.gives.adjust({ teamId, userId: body.user.id }, rowId, parsed.value);
      if (receiver.status === 'not_helpful') throw new UserError(NOT_HELPFUL_MEANWHILE);
      return undefined;
    }),
  );
}
