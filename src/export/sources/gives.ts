import { streamGivesForExport } from '../../db/repos/gives.js';
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
    'value_text',
    'time_amount',
    'time_unit',
    'money_amount',
    'money_currency',
    'money_direction',
    'risk_reduced',
    'receiver_id',
    'status',
    'adjusted',
    'adjusted_value_text',
    'adjusted_time_amount',
    'adjusted_time_unit',
    'adjusted_money_amount',
    'adjusted_money_currency',
    'adjusted_money_direction',
    'adjusted_risk_reduced',
    'created_at',
  ],
  rows: streamGivesForExport,
  toRecord: ({ id, ...g }) => ({ ...g, give_id: id, created_at: g.created_at.toISOString() }),
});
