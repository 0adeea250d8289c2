import { streamGivesForExport } from '../../db/repos/gives.js';
import { streamedRecords } from '../record-source.js';

/** One line per person a give went to, with its typed value and their answer. */
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
    'value_text',
    'time_amount',
    'time_unit',
    'money_amount',
    'money_currency',
    'money_direction',
    'risk_reduced',
    'receiver_id',
    'status',
    'created_at',
  ],
  rows: streamGivesForExport,
  toRecord: ({ id, ...g }) => ({ ...g, give_id: id, created_at: g.created_at.toISOString() }),
});
