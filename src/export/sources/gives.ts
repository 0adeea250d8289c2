import { streamGivesForExport, VALUE_COLUMNS } from '../../db/repos/gives.js';
import { streamedRecords } from '../record-source.js';

/** One line per person a give went to: its value as given, their answer, and their own value when they adjusted it. */
export const giveRecords = streamedRecords({
  type: 'give',
  columns: [
    'team_id',
    'give_id',
    'channel_id',
    'giver_id',
    'giver_team_id',
    'what',
    'kind',
    ...VALUE_COLUMNS,
    'receiver_id',
    'status',
    'adjusted',
    ...VALUE_COLUMNS.map((c) => `adjusted_${c}`),
    'created_at',
  ],
  rows: streamGivesForExport,
  toRecord: ({ id, ...g }) => ({ ...g, give_id: id, created_at: g.created_at.toISOString() }),
});
