import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadDatabaseConfig, secretsOf } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import { configOrExit } from './config-or-exit.js';

/**
 * What the tools that write data to standard output (`npm run export`, `npm run report`) share:
 * their `--name value` arguments read by a schema, their database opened with its logs on standard
 * error (so the output stays clean), and one way to stop with a clear line.
 */

/** Stops the tool: the message on standard error, exit code 1, no stack trace. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The arguments, each `--name value` the schema names; else what is wrong and the usage, and exit 1. */
export function argsOrExit<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  usage: string,
): z.infer<z.ZodObject<Shape>> {
  try {
    const { values } = parseArgs({
      options: Object.fromEntries(Object.keys(schema.shape).map((k) => [k, { type: 'string' as const }])),
    });
    return schema.parse(values);
  } catch (error) {
    const message =
      error instanceof z.ZodError ? error.issues.map((i) => i.message).join('; ') : String(error);
    fail(`${message}\n${usage}`);
  }
}

/** The database of DATABASE_URL (or the embedded one), migrated, logging only warnings to standard error. */
export async function openToolDatabase() {
  const config = configOrExit(loadDatabaseConfig);
  const log = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    secrets: secretsOf(config),
    destination: process.stderr,
  });
  return openDatabase(config.database, log, { migrate: true });
}
