import { streamKudosForExport } from '../../db/repos/kudos.js';
import { streamedRecords } from '../record-source.js';

export const kudosRecords = streamedRecords({
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
  rows: streamKudosForExport,
  toRecord: (k) => ({ ...k, created_at: k.created_at.toISOString() }),
});
