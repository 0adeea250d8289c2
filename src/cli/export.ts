import { z } from 'zod';
import { exportRecords } from '../export/records.js';
import { writeRecords } from '../export/write-records.js';
import { argsOrExit, fail, openToolDatabase } from './data-tool.js';

const USAGE = 'Usage: npm run export -- --format jsonl|csv [--since YYYY-MM-DD] [--team T0123ABCD]';

const options = z.object({
  format: z.enum(['jsonl', 'csv'], { error: 'needs --format jsonl or --format csv' }),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '--since takes a date as YYYY-MM-DD')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), '--since is not a real date')
    .transform((d) => new Date(`${d}T00:00:00Z`))
    .optional(),
  team: z
    .string()
    .regex(/^[TE][A-Z0-9]+$/, '--team takes a Slack team id such as T0123ABCD')
    .optional(),
});

/** Writes every record to standard output; logs go to standard error so the output stays clean. */
async function main() {
  const args = argsOrExit(options, USAGE);
  const database = await openToolDatabase();
  try {
    const count = await writeRecords(
      exportRecords(database.db, { since: args.since, teamId: args.team }),
      args.format,
      process.stdout,
    );
    process.stderr.write(`Exported ${count} record${count === 1 ? '' : 's'}.\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  fail(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
});
