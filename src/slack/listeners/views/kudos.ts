import type { App } from '@slack/bolt';
import type { GiveKudosInput } from '../../../kudos/give-kudos.js';
import { RecipientError } from '../../../kudos/give-kudos.js';
import { parseKudosForm } from '../../../kudos/kudos-form.js';
import type { KudosService } from '../../../kudos/kudos-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { viewSubmission } from '../view-submission.js';
import { KUDOS, kudosBlockId } from '../../ids.js';
import type { Outbox } from '../../outbox.js';
import { permalinkOf } from '../../permalink.js';
import { overBudgetReply } from '../../views/kudos/budget.js';
import {
  decodeKudosMetadata,
  kudosFormErrors,
  readKudosForm,
  recipientProblemText,
  STALE_KUDOS_FORM,
} from '../../views/kudos/modal.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';

/**
 * The "Give kudos" form's submission: a mistake is marked on its field and nothing is saved; the
 * kudos are recorded before the form closes, then announced in the channel, linked to the message.
 * Over the daily budget, the form closes and the giver hears why, privately.
 */
export function registerKudosView(
  app: App,
  deps: { kudos: KudosService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  // Whatever give refuses is about who was named.
  const errorsFor = (error: UserError) => ({
    [kudosBlockId('recipients')]:
      error instanceof RecipientError ? recipientProblemText(error.problem) : error.userMessage,
  });
  app.view(
    KUDOS.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, client, context }) => {
      const metadata = decodeKudosMetadata(view.private_metadata);
      if (!metadata) throw new UserError(STALE_KUDOS_FORM, 'stale_form');
      const teamId = await channelRecords(deps, context, metadata.channelId);
      const form = parseKudosForm(readKudosForm(view.state.values));
      if (!form.ok) return { response_action: 'errors', errors: kudosFormErrors(form.errors) };
      const input: GiveKudosInput = {
        teamId,
        giverId: body.user.id,
        channelId: metadata.channelId,
        recipientIds: form.recipientIds,
        reason: form.reason,
        request: { source: 'shortcut', submissionId: metadata.submissionId, messageTs: metadata.messageTs },
        messageLink: await permalinkOf(client, metadata.channelId, metadata.messageTs),
      };
      const result = await deps.kudos.give(input);
      // Given kudos are announced by the outbox; over the budget, the giver hears why, privately.
      if (result.kind === 'over_budget') {
        await deps.outbox.tellPrivately(
          { teamId, channelId: input.channelId, userId: input.giverId },
          overBudgetReply(result.refusal),
          `kudos-over-budget:${metadata.submissionId}`,
        );
      }
      return undefined;
    }),
  );
}
