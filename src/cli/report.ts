import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { recordSetsOfChannel } from '../db/repos/report.js';
import { UserError } from '../errors.js';
import { makeReport, REPORT_FORMATS, type ReportFormat } from '../report/make-report.js';
import { parseReportPeriod } from '../report/report-period.js';
import { argsOrExit, fail, openToolDatabase } from './data-tool.js';

const USAGE =
  'Usage: npm run report -- --channel C0123ABCD --period 2026-Q4|2026|quarter|year --format md|html|pdf [--name alliance] [--team T0123ABCD] [--out FILE]';

const options = z.object({
  channel: z
    .string({ error: 'needs --channel' })
    .regex(/^[CG][A-Z0-9]{2,20}$/, '--channel takes a channel id such as C0123ABCD'),
  period: z.string().default('quarter'),
  format: z.enum(REPORT_FORMATS as [ReportFormat, ...ReportFormat[]], {
    error: 'needs --format md, html or pdf',
  }),
  name: z.string().max(80).optional(),
  team: z
    .string()
    .regex(/^[TE][A-Z0-9]+$/, '--team takes a Slack team id such as T0123ABCD')
    .optional(),
  out: z.string().optional(),
});

/**
 * The impact report of one channel for a sponsor: Markdown or HTML to standard output (or --out),
 * a PDF to --out (by default impact-report-<channel>-<period>.pdf). Logs go to standard error.
 */
async function main() {
  const args = argsOrExit(options, USAGE);
  const database = await openToolDatabase();
  try {
    const now = new Date();
    const period = parseReportPeriod(args.period, now);
    const sets = args.team ? [args.team] : await recordSetsOfChannel(database.db, args.channel);
    if (sets.length !== 1) {
      fail(
        sets.length === 0
          ? `Rapport holds nothing about ${args.channel}.`
          : `${args.channel} has records in several workspaces (${sets.join(', ')}): name one with --team.`,
      );
    }
    const report = await makeReport(database.db, {
      teamId: sets[0] ?? '',
      channelId: args.channel,
      channelName: args.name ?? args.channel,
      period,
      now,
      format: args.format,
    });
    const out = args.out ?? (args.format === 'pdf' ? report.filename : undefined);
    if (out) {
      writeFileSync(out, report.bytes);
      process.stderr.write(`Wrote ${report.title} to ${out}.\n`);
    } else {
      process.stdout.write(report.bytes);
    }
  } catch (error) {
    if (error instanceof UserError) fail(error.userMessage);
    throw error;
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  fail(`The report failed: ${error instanceof Error ? error.message : String(error)}`);
});
