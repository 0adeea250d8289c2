import { streamReviewAnswersForExport } from '../../db/repos/reviews.js';
import { streamedRecords } from '../record-source.js';

/** Each person's answer before a review: their priorities, what helped most, one thing to change. */
export const reviewAnswerRecords = streamedRecords({
  type: 'review_answer',
  columns: [
    'team_id',
    'ritual_id',
    'channel_id',
    'review_date',
    'user_id',
    'priorities',
    'helped',
    'change',
    'submitted_at',
    'updated_at',
  ],
  rows: streamReviewAnswersForExport,
  toRecord: (r) => ({
    ...r,
    submitted_at: r.submitted_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  }),
});
