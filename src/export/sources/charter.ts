import { streamCharterVersionsForExport } from '../../db/repos/charter.js';
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
  ],
  rows: streamCharterVersionsForExport,
  toRecord: (v) => ({ ...v, saved_at: v.saved_at.toISOString() }),
});
