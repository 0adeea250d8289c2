import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { type ExportRecord, RECORD_SOURCES } from './records.js';

export type ExportFormat = 'jsonl' | 'csv';

/** CSV has one header for all types: `type`, then every type's columns, each once. */
export const CSV_COLUMNS = ['type', ...new Set(RECORD_SOURCES.flatMap((s) => s.columns))];

/** Writes records to `out` as JSON lines or CSV, respecting back-pressure; returns how many. */
export async function writeRecords(
  records: AsyncIterable<ExportRecord>,
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  let count = 0;
  if (format === 'jsonl') {
    for await (const record of records) {
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
      count += 1;
    }
    return count;
  }
  const csv = stringify({
    header: true,
    columns: CSV_COLUMNS,
    cast: { boolean: (b) => String(b), object: (o) => JSON.stringify(o) },
  });
  csv.pipe(out, { end: false });
  for await (const record of records) {
    if (!csv.write(record)) await once(csv, 'drain');
    count += 1;
  }
  csv.end();
  await once(csv, 'end');
  return count;
}
