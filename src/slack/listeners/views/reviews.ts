import type { App } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { ReviewsService } from '../../../reviews/reviews-service.js';
import { REVIEWS, reviewBlockId } from '../../ids.js';
import { decodeReviewMetadata, readReviewForm, reviewErrorsByBlock } from '../../views/reviews/modal.js';
import { type RecordSetDeps, rowRecords } from '../record-set.js';
import { viewSubmission } from '../view-submission.js';

const STALE = 'This form is out of date and nothing was saved. Press Answer in the DM again.';

/**
 * The answer form's submission: checked field by field (errors on the form, nothing saved), then
 * kept as the person's one answer to that review (a second submission replaces it), while the
 * review has not begun.
 */
export function registerReviewView(
  app: App,
  deps: { reviews: ReviewsService; log: Logger } & RecordSetDeps,
): void {
  const errorsFor = (error: UserError) => ({ [reviewBlockId('priority1')]: error.userMessage });
  app.view(
    REVIEWS.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, context }) => {
      const ref = decodeReviewMetadata(view.private_metadata);
      if (!ref) throw new UserError(STALE, 'stale_form');
      const teamId = await rowRecords(deps, context, 'rituals', ref.ritualId);
      const saved = await deps.reviews.answer(
        { teamId, ...ref },
        body.user.id,
        readReviewForm(view.state.values as Parameters<typeof readReviewForm>[0]),
      );
      if (!saved.ok) return { response_action: 'errors', errors: reviewErrorsByBlock(saved.errors) };
      return undefined;
    }),
  );
}
