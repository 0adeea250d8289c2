import { streamCharterVersionsForExport } from '../../db/repos/charter.js';
import { streamCharterReviewsForExport } from '../../db/repos/charter-reviews.js';
import { streamedRecords } from '../record-source.js';

/** Every version of every channel's charter, oldest first: none is ever overwritten. */
export const charterRecords = streamedRecords({
  type: 'charter',
  columns: [
    'team_id',
    'channel_id',
    'version',
    'goal',
    'metrics',
    'roles',
    'decision_making',
    'escalation',
    'cadence',
    'saved_by',
    'saved_at',
    'decision_rights',
    'escalation_levels',
    'review_cadence',
  ],
  rows: streamCharterVersionsForExport,
  toRecord: (v) => ({ ...v, saved_at: v.saved_at.toISOString() }),
});

/**
 * Every governance review the channel was asked: the version put to it, when it came due and was
 * asked, and its answer (confirmed, or revised by saving a version), by whom and when.
 */
export const charterReviewRecords = streamedRecords({
  type: 'charter_review',
  columns: [
    'team_id',
    'id',
    'channel_id',
    'version',
    'due_at',
    'asked_at',
    'outcome',
    'answered_by',
    'answered_at',
    'revised_version',
  ],
  rows: streamCharterReviewsForExport,
  toRecord: (r) => ({
    ...r,
    due_at: r.due_at.toISOString(),
    asked_at: r.asked_at.toISOString(),
    answered_at: r.answered_at?.toISOString() ?? null,
  }),
});
