import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { enqueueMessages, type OutboxMessage } from '../db/repos/outbox.js';
import type { Logger } from '../logger.js';
import { makeReport } from '../report/make-report.js';
import { parseReportPeriod, type ReportPeriod } from '../report/report-period.js';
import { healthFile, healthView } from './health-views.js';

const MINUTE_MS = 60_000;

/**
 * `/health report`: the channel's impact report for a sponsor, posted in the channel with the
 * report as a PDF in its thread (HTML where no Chromium is installed to print it). Asked twice in
 * one minute, or delivered twice by Slack, it is posted once.
 */
export function createImpactReports(deps: {
  db: Database;
  clock: Clock;
  log: Logger;
  /** Fetches the names of the workspaces' sides not fetched today (team.info, at the Slack edge). */
  teamNames?: { refresh(teamId: string): Promise<void> };
}) {
  return {
    /** The period asked for, read now: a refusal (a future or unknown period) before any work. */
    period: (text: string): ReportPeriod => parseReportPeriod(text, deps.clock.now()),

    async post(r: {
      teamId: string;
      channelId: string;
      channelName: string;
      userId: string;
      period: ReportPeriod;
    }) {
      await deps.teamNames?.refresh(r.teamId);
      const now = deps.clock.now();
      const minute = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS).toISOString();
      const key = `health-report:${r.channelId}:${r.period.name}:${minute}`;
      const base = { ...r, now };
      let report: Awaited<ReturnType<typeof makeReport>>;
      let format: 'pdf' | 'html' = 'pdf';
      try {
        report = await makeReport(deps.db, { ...base, format });
      } catch (error) {
        deps.log.warn(
          { err: error },
          'no PDF of the impact report (is Chromium installed? CHROMIUM_PATH): posting its HTML',
        );
        format = 'html';
        report = await makeReport(deps.db, { ...base, format });
      }
      const messages: OutboxMessage[] = [
        {
          teamId: r.teamId,
          dedupeKey: key,
          channelId: r.channelId,
          ...healthView('health.report', {
            channelId: r.channelId,
            title: report.title,
            period: r.period.name,
            format,
            requestedBy: r.userId,
          }),
        },
        {
          teamId: r.teamId,
          dedupeKey: `${key}:file`,
          channelId: r.channelId,
          fileInThreadOf: key,
          ...healthFile('health.report-file', {
            filename: report.filename,
            title: report.title,
            altText: `${report.title}: the alliance's health, delivered work, value given by each side, recognition, decisions and lessons.`,
            base64: report.bytes.toString('base64'),
          }),
        },
      ];
      return (await deps.db.transaction((tx) => enqueueMessages(tx, messages, now))).size > 0;
    },
  };
}
export type ImpactReports = ReturnType<typeof createImpactReports>;
