import type { Database } from '../db/database.js';
import { type ExportFilter, streamKudosForExport } from '../db/repos/export.js';

export type ExportRecord = { type: string } & Record<string, string | number | boolean | null>;

/** The columns of each record type, in order; later features add their types here. */
export const RECORD_COLUMNS = {
  kudos: [
    'team_id',
    'giver_id',
    'receiver_id',
    'channel_id',
    'message_ts',
    'reason',
    'source',
    'emoji',
    'created_at',
  ],
} as const;

/** Every record Rapport keeps, type by type, as plain objects ready to print. */
export async function* exportRecords(db: Database, filter: ExportFilter): AsyncGenerator<ExportRecord> {
  for await (const k of streamKudosForExport(db, filter)) {
    yield { type: 'kudos', ...k, created_at: k.created_at.toISOString() };
  }
}
