import type { Queryable } from '../db/database.js';
import type { ReviewKey } from '../db/repos/reviews.js';
import { settlePrompt } from '../rituals/settle-prompt.js';
import { reviewDmKey, type ReviewViews } from './review-views.js';

/**
 * Once a person answered a review, its DM, and its reminder if one went out, say so in place of
 * the Answer button, offering to change the answer: one edit each, the first time they answer,
 * in the transaction that saved it.
 */
export async function settleReviewPrompts(tx: Queryable, k: ReviewKey, userId: string, now: Date) {
  for (const purpose of ['prompt', 'reminder'] as const) {
    await settlePrompt<ReviewViews['reviews.prompt']>(
      tx,
      {
        teamId: k.teamId,
        key: reviewDmKey(purpose, k.ritualId, userId, k.reviewDate),
        view: 'reviews.prompt',
        edit: 'answered',
        now,
      },
      (shown) => (shown.answered ? undefined : { ...shown, answered: true }),
    );
  }
}
