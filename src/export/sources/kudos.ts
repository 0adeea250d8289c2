import { streamKudosForExport } from '../../db/repos/kudos.js';
import type { RecordSource } from '../record-source.js';

export const kudosRecords: RecordSource = {
  type: 'kudos',
  columns: [
    'team_id',
    'giver_id',
    'giver_team_id',
    'receiver_id',
    'receiver_team_id',
    'channel_id',
    'message_ts',
    'reason',
    'source',
    'emoji',
    'created_at',
  ],
  async *records(db, filter) {
    for await (const k of streamKudosForExport(db, filter)) {
      yield { type: 'kudos', ...k, created_at: k.created_at.toISOString() };
    }
  },
};
