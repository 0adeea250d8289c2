import { streamDecisionsForExport } from '../../db/repos/decisions.js';
import { streamedRecords } from '../record-source.js';

/** Every logged decision as it stands now (after any edit). */
export const decisionRecords = streamedRecords({
  type: 'decision',
  columns: [
    'team_id',
    'decision_id',
    'channel_id',
    'source_ts',
    'source_thread_ts',
    'source_permalink',
    'decision',
    'owner_id',
    'rationale',
    'consulted',
    'review_date',
    'logged_by',
    'created_at',
    'updated_by',
    'updated_at',
  ],
  rows: streamDecisionsForExport,
  toRecord: (d) => ({
    team_id: d.team_id,
    decision_id: d.id,
    channel_id: d.channel_id,
    source_ts: d.source_ts,
    source_thread_ts: d.source_thread_ts,
    source_permalink: d.source_permalink,
    decision: d.decision,
    owner_id: d.owner_id,
    rationale: d.rationale,
    consulted: d.consulted,
    review_date: d.review_date,
    logged_by: d.logged_by,
    created_at: d.created_at.toISOString(),
    updated_by: d.updated_by,
    updated_at: d.updated_at.toISOString(),
  }),
});
