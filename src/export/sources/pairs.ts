import { streamPairingsForExport } from '../../db/repos/pairs.js';
import { streamedRecords } from '../record-source.js';

/** Each group of a round of coffee pairs: its members, and whether they met. No text is kept. */
export const pairingRecords = streamedRecords({
  type: 'pairing',
  columns: ['team_id', 'ritual_id', 'channel_id', 'round_date', 'group_no', 'members', 'met'],
  rows: streamPairingsForExport,
  toRecord: (r) => r,
});
