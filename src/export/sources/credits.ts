import { streamCreditsForExport } from '../../db/repos/credits.js';
import type { RecordSource } from '../record-source.js';

/** One line per person credited, with their part and whether they confirmed it; declined ones never. */
export const creditRecords: RecordSource = {
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
  async *records(db, filter) {
    for await (const c of streamCreditsForExport(db, filter)) {
      yield {
        type: 'credit',
        team_id: c.team_id,
        credit_id: c.credit_id,
        channel_id: c.channel_id,
        deliverable: c.deliverable,
        link: c.link,
        contributor_id: c.contributor_id,
        contribution: c.contribution,
        given_by: c.given_by,
        status: c.status,
        created_at: c.created_at.toISOString(),
      };
    }
  },
};
