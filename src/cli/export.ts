import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadDatabaseConfig, secretsOf } from '../config.js';
import { configOrExit } from './config-or-exit.js';
import { openDatabase } from '../db/open-database.js';
import { exportRecords } from '../export/records.js';
import { writeRecords } from '../export/write-records.js';
import { createLogger } from '../logger.js';

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
  let args: z.infer<typeof options>;
  try {
    const { values } = parseArgs({
      options: { format: { type: 'string' }, since: { type: 'string' }, team: { type: 'string' } },
    });
    args = options.parse(values);
  } catch (error) {
    const message =
      error instanceof z.ZodError ? error.issues.map((i) => i.message).join('; ') : String(error);
    fail(`${message}\n${USAGE}`);
  }
  const config = configOrExit(loadDatabaseConfig);
  const log = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    secrets: secretsOf(config),
    destination: process.stderr,
  });
  const database = await openDatabase(config.database, log, { migrate: true });
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

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  fail(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
});
