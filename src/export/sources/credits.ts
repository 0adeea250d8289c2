import { streamCreditsForExport } from '../../db/repos/credits.js';
import { streamedRecords } from '../record-source.js';

/** One line per person credited, with their part and whether they confirmed it; declined ones never. */
export const creditRecords = streamedRecords({
  type: 'credit',
  columns: [
    'team_id',
    'credit_id',
    'channel_id',
    'deliverable',
    'link',
    'contributor_id',
    'contribution',
    'given_by',
    'status',
    'created_at',
  ],
  rows: streamCreditsForExport,
  toRecord: (c) => ({ ...c, created_at: c.created_at.toISOString() }),
});
