import type { App } from '@slack/bolt';
import { parseCorrection, parseCreditForm } from '../../../credits/credit-form.js';
import type { CreditsService } from '../../../credits/credits-service.js';
import { UserError } from '../../../errors.js';
import { CREDITS, creditBlockId } from '../../ids.js';
import {
  creditErrorsByBlock,
  decodeCorrectionMetadata,
  decodeCreditMetadata,
  readCorrection,
  readCreditForm,
} from '../../views/credits/modal.js';
import { STALE_CREDIT_FORM } from '../../views/credits/replies.js';

/**
 * The credit form's submission, checked field by field (errors on the form, nothing saved) and
 * kept with its channel message and DMs queued before the form closes; and a contributor's own
 * wording of their part.
 */
export function registerCreditViews(app: App, deps: { credits: CreditsService }): void {
  app.view(CREDITS.view, async ({ ack, view, body }) => {
    const metadata = decodeCreditMetadata(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    if (!metadata || !teamId) {
      await ack({ response_action: 'errors', errors: { [creditBlockId('deliverable')]: STALE_CREDIT_FORM } });
      return;
    }
    const parsed = parseCreditForm(readCreditForm(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: creditErrorsByBlock(parsed.errors) });
      return;
    }
    try {
      await deps.credits.give(
        { teamId, channelId: metadata.channelId, userId: body.user.id },
        { ...parsed.content, submissionKey: `form:${metadata.submissionId}` },
      );
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // What give refuses is who was named.
      await ack({ response_action: 'errors', errors: creditErrorsByBlock({ people: error.userMessage }) });
      return;
    }
    await ack();
  });

  app.view(CREDITS.correctView, async ({ ack, view, body }) => {
    const rowId = decodeCorrectionMetadata(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    const errors = (message: string) =>
      ack({ response_action: 'errors', errors: { [creditBlockId('correction')]: message } });
    if (rowId === undefined || !teamId) {
      await errors('This form is out of date and nothing was saved. Press Correct on the credit again.');
      return;
    }
    const wording = parseCorrection(readCorrection(view.state.values));
    if (!wording.ok) {
      await errors(wording.error);
      return;
    }
    try {
      const { contributor } = await deps.credits.answer({ teamId, userId: body.user.id }, rowId, {
        kind: 'reword',
        contribution: wording.text,
      });
      // Declined while the form was open: it shows nowhere, so there is nothing left to reword.
      if (contributor.status === 'declined') {
        await errors('You declined this credit, so it shows nowhere and can no longer be changed.');
        return;
      }
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await errors(error.userMessage);
      return;
    }
    await ack();
  });
}
