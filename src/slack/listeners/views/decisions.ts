import type { App } from '@slack/bolt';
import type { DecisionsService } from '../../../decisions/decisions-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { permalinkOf } from '../../permalink.js';
import { DECISIONS, decisionBlockId } from '../../ids.js';
import {
  decisionErrorsByBlock,
  decodeDecisionMetadata,
  readDecisionForm,
} from '../../views/decisions/modal.js';
import { STALE_DECISION_FORM } from '../../views/decisions/replies.js';
import { viewSubmission } from '../view-submission.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';

/**
 * The decision form's submission: checked field by field (errors on the form, nothing saved), kept
 * with its channel message (or the edit of it) and the owner's review DM queued, before the form closes.
 */
export function registerDecisionView(
  app: App,
  deps: { decisions: DecisionsService; log: Logger } & RecordSetDeps,
): void {
  const errorsFor = (error: UserError) => ({ [decisionBlockId('decision')]: error.userMessage });
  app.view(
    DECISIONS.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, client, context }) => {
      const metadata = decodeDecisionMetadata(view.private_metadata);
      if (!metadata) throw new UserError(STALE_DECISION_FORM, 'stale_form');
      const teamId = await channelRecords(deps, context, metadata.channelId);
      const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
      const form = readDecisionForm(view.state.values);
      const saved =
        metadata.decisionId === undefined
          ? await deps.decisions.log(
              actor,
              {
                ...metadata,
                sourcePermalink: await permalinkOf(client, metadata.channelId, metadata.sourceTs),
              },
              form,
            )
          : await deps.decisions.edit(actor, metadata.decisionId, form);
      if (!saved.ok) return { response_action: 'errors', errors: decisionErrorsByBlock(saved.errors) };
      // The outbox posts it, or edits its message, as the decision was saved.
      return undefined;
    }),
  );
}
