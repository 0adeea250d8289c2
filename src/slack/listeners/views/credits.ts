import type { App } from '@slack/bolt';
import { parseCorrection, parseCreditForm } from '../../../credits/credit-form.js';
import type { CreditsService } from '../../../credits/credits-service.js';
import type { Clock } from '../../../clock.js';
import { UserError } from '../../../errors.js';
import type { HomeService } from '../../../home/home-service.js';
import type { Logger } from '../../../logger.js';
import type { Background } from '../../background.js';
import { refreshHomeLater } from '../../home.js';
import { CREDITS, creditBlockId } from '../../ids.js';
import {
  creditErrorsByBlock,
  decodeCorrectionMetadata,
  decodeCreditMetadata,
  readCorrection,
  readCreditForm,
} from '../../views/credits/modal.js';
import { STALE_CREDIT_FORM } from '../../views/credits/replies.js';
import { viewSubmission } from '../view-submission.js';
import { channelRecords, installedTeam, rowRecords, type RecordSetDeps } from '../record-set.js';

/**
 * The credit form's submission, checked field by field (errors on the form, nothing saved) and
 * kept with its channel message and DMs queued before the form closes; and a contributor's own
 * wording of their part.
 */
/** What the credit listeners (the form's views and the contributors' buttons) work with. */
export type CreditListenerDeps = {
  credits: CreditsService;
  log: Logger;
  home: HomeService;
  clock: Clock;
  background: Background;
} & RecordSetDeps;

export function registerCreditViews(app: App, deps: CreditListenerDeps): void {
  // A stale form is told on its first field; what give refuses is who was named.
  const creditErrors = (error: UserError) =>
    error.code === 'stale_form'
      ? { [creditBlockId('deliverable')]: error.userMessage }
      : creditErrorsByBlock({ people: error.userMessage });
  app.view(
    CREDITS.view,
    viewSubmission(deps.log, creditErrors, async ({ view, body, context }) => {
      const metadata = decodeCreditMetadata(view.private_metadata);
      if (!metadata) throw new UserError(STALE_CREDIT_FORM, 'stale_form');
      const teamId = await channelRecords(deps, context, metadata.channelId);
      const parsed = parseCreditForm(readCreditForm(view.state.values));
      if (!parsed.ok) return { response_action: 'errors', errors: creditErrorsByBlock(parsed.errors) };
      await deps.credits.give(
        { teamId, channelId: metadata.channelId, userId: body.user.id },
        { ...parsed.content, submissionKey: `form:${metadata.submissionId}` },
      );
      return undefined;
    }),
  );

  const correctionErrors = (error: UserError) => ({ [creditBlockId('correction')]: error.userMessage });
  app.view(
    CREDITS.correctView,
    viewSubmission(deps.log, correctionErrors, async ({ view, body, client, context }) => {
      const rowId = decodeCorrectionMetadata(view.private_metadata);
      if (rowId === undefined) throw new UserError(STALE_CORRECTION, 'stale_form');
      const teamId = await rowRecords(deps, context, 'credit_contributors', rowId);
      const wording = parseCorrection(readCorrection(view.state.values));
      if (!wording.ok) throw new UserError(wording.error);
      try {
        const { contributor } = await deps.credits.answer({ teamId, userId: body.user.id }, rowId, {
          kind: 'reword',
          contribution: wording.text,
        });
        // Declined while the form was open: it shows nowhere, so there is nothing left to reword.
        if (contributor.status === 'declined') throw new UserError(DECLINED_MEANWHILE);
      } finally {
        // Their Home tab shows the answer at once, whatever it was.
        refreshHomeLater(deps, client, installedTeam(context), body.user.id);
      }
      return undefined;
    }),
  );
}

const STALE_CORRECTION = 'This form is out of date and nothing was saved. Press Correct on the credit again.';
const DECLINED_MEANWHILE = 'You declined this credit, so it shows nowhere and can no longer be changed.';
