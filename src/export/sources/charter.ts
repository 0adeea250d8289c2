import { streamCharterVersionsForExport } from '../../db/repos/charter.js';
import type { RecordSource } from '../record-source.js';

/** Every version of every channel's charter, oldest first: none is ever overwritten. */
export const charterRecords: RecordSource = {
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
  ],
  async *records(db, filter) {
    for await (const v of streamCharterVersionsForExport(db, filter)) {
      yield { type: 'charter', ...v, saved_at: v.saved_at.toISOString() };
    }
  },
};
