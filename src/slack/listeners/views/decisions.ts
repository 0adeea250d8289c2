import type { App } from '@slack/bolt';
import type { DecisionsService } from '../../../decisions/decisions-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { Background } from '../../background.js';
import { permalinkOf } from '../../permalink.js';
import { DECISIONS, decisionBlockId } from '../../ids.js';
import {
  decisionErrorsByBlock,
  decodeDecisionMetadata,
  readDecisionForm,
} from '../../views/decisions/modal.js';
import { STALE_DECISION_FORM } from '../../views/decisions/replies.js';

/**
 * The decision form's submission: checked field by field (errors on the form, nothing saved), kept
 * (with the owner's review DM queued) before the form closes, then posted or its message updated.
 */
export function registerDecisionView(
  app: App,
  deps: { decisions: DecisionsService; background: Background; log: Logger },
): void {
  app.view(DECISIONS.view, async ({ ack, view, body, client }) => {
    const metadata = decodeDecisionMetadata(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    if (!metadata || !teamId) {
      await ack({
        response_action: 'errors',
        errors: { [decisionBlockId('decision')]: STALE_DECISION_FORM },
      });
      return;
    }
    const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
    const form = readDecisionForm(view.state.values);
    let saved;
    try {
      saved =
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
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await ack({ response_action: 'errors', errors: { [decisionBlockId('decision')]: error.userMessage } });
      return;
    }
    if (!saved.ok) {
      await ack({ response_action: 'errors', errors: decisionErrorsByBlock(saved.errors) });
      return;
    }
    await ack();
  });
}
