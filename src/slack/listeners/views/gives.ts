import type { App } from '@slack/bolt';
import { parseGiveForm } from '../../../gives/give-form.js';
import type { GivesService } from '../../../gives/gives-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { GIVES, giveBlockId } from '../../ids.js';
import { decodeGiveMetadata, giveErrorsByBlock, readGiveForm } from '../../views/gives/modal.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';
import { viewSubmission } from '../view-submission.js';

export const STALE_GIVE_FORM = 'This form is out of date and nothing was saved. Open it again with `/gave`.';

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
}
