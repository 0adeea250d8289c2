import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  findReview,
  ownReviewAnswer,
  type ReviewAnswerRow,
  type ReviewKey,
  saveReviewAnswer,
  takesPartIn,
} from '../db/repos/reviews.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import { settleReviewPrompts } from './settle-prompts.js';
import { parseReviewForm, type ReviewForm, type ReviewFormErrors } from './review-form.js';

export type ReviewsService = ReturnType<typeof createReviewsService>;

const CLOSED = 'This review has begun, so its answers are closed: bring yours to the review itself.';
const GONE = 'That review is no longer there; nothing was saved.';

/** A person's answer before a review: the form, filled with what they said before, and its saving. */
export function createReviewsService(deps: { db: Database; clock: Clock; directory: Directory }) {
  const openReview = async (k: ReviewKey, userId: string) => {
    const review = await findReview(deps.db, k);
    if (!review) throw new UserError(GONE, 'review_gone');
    if (!(await takesPartIn(deps.db, k, userId))) {
      throw new UserError(
        `Only the members of <#${review.channel_id}> answer its review.`,
        'not_participant',
      );
    }
    if (review.packed_at) throw new UserError(CLOSED, 'review_closed');
    return review;
  };

  return {
    /** What the form needs: the review's channel, and the person's answer so far. */
    async form(k: ReviewKey, userId: string): Promise<{ channelId: string; answer?: ReviewAnswerRow }> {
      const review = await openReview(k, userId);
      const answer = await ownReviewAnswer(deps.db, { ...k, userId });
      return { channelId: review.channel_id, ...(answer ? { answer } : {}) };
    },

    /** Saves (or replaces) the person's answer while the review is open. */
    async answer(
      k: ReviewKey,
      userId: string,
      form: ReviewForm,
    ): Promise<{ ok: true; channelId: string } | { ok: false; errors: ReviewFormErrors }> {
      const review = await openReview(k, userId);
      const parsed = parseReviewForm(form);
      if (!parsed.ok) return parsed;
      const person = await deps.directory.find(k.teamId, userId);
      const saved = await deps.db.transaction(async (tx) => {
        const now = deps.clock.now();
        const kept = await saveReviewAnswer(tx, {
          ...k,
          ...parsed.answer,
          userId,
          userTeamId: person?.homeTeamId ?? null,
          now,
        });
        // The DM that asked says it is answered, with the answer open to change.
        if (kept) await settleReviewPrompts(tx, k, userId, now);
        return kept;
      });
      // Packed between the two reads: said the same way.
      if (!saved) throw new UserError(CLOSED, 'review_closed');
      return { ok: true, channelId: review.channel_id };
    },
  };
}
