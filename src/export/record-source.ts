import type { Database } from '../db/database.js';
import type { ExportFilter } from '../db/export-filter.js';

type Value = string | number | boolean | null | { [key: string]: Value } | Value[];
export type ExportRecord = { type: string } & Record<string, Value>;

/**
 * One type of exported record: its columns, in order, and the records themselves, streamed.
 * Each feature adds its own source (src/export/sources/) to the list in records.ts.
 */
export type RecordSource = {
  type: string;
  columns: readonly string[];
  records(db: Database, filter: ExportFilter): AsyncGenerator<ExportRecord>;
};
