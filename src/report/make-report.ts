import type { Queryable } from '../db/database.js';
import { renderChartPng } from '../health/chart.js';
import { reportData } from './report-data.js';
import { reportDocument } from './report-document.js';
import type { ReportPeriod } from './report-period.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { renderPdf } from './render-pdf.js';

export type ReportFormat = 'md' | 'html' | 'pdf';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'pdf'];

const MIME: Record<ReportFormat, string> = { md: 'text/markdown', html: 'text/html', pdf: 'application/pdf' };

/** The impact report of one channel for one period, as a file in the format asked for. */
export async function makeReport(
  q: Queryable,
  r: {
    teamId: string;
    channelId: string;
    channelName: string;
    period: ReportPeriod;
    now: Date;
    format: ReportFormat;
  },
): Promise<{ filename: string; mime: string; bytes: Buffer; title: string }> {
  const data = await reportData(q, r);
  const doc = reportDocument(data, r.channelName);
  const filename = `impact-report-${r.channelName.replace(/[^\w-]+/g, '-')}-${r.period.name}.${r.format}`;
  if (r.format === 'md')
    return { filename, mime: MIME.md, bytes: Buffer.from(renderMarkdown(doc)), title: doc.title };
  const chart =
    data.health.weeks.length > 0
      ? await renderChartPng({
          trend: data.health.weeks.map((w) => ({ periodEnd: w.end, pillars: w.pillars })),
          kudosFlows: data.kudos.flows,
        })
      : undefined;
  const html = renderHtml(doc, chart);
  if (r.format === 'html') return { filename, mime: MIME.html, bytes: Buffer.from(html), title: doc.title };
  return { filename, mime: MIME.pdf, bytes: await renderPdf(html), title: doc.title };
}
