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

/** A source whose records are the rows of one export stream, each turned into a record's fields. */
export function streamedRecords<Row>(source: {
  type: string;
  columns: readonly string[];
  rows: (db: Database, filter: ExportFilter) => AsyncIterable<Row>;
  toRecord: (row: Row) => Record<string, Value>;
}): RecordSource {
  const { type, rows, toRecord } = source;
  return {
    type,
    columns: source.columns,
    async *records(db, filter) {
      for await (const row of rows(db, filter)) yield { type, ...toRecord(row) };
    },
  };
}
