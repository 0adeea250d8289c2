import { DateTime } from 'luxon';
import { flowSummary } from '../gives/ledger-summary.js';
import { PILLAR_LABELS, type PillarId } from '../health/pillars.js';
import { sideName } from '../health/side-names.js';
import type { ReportData } from './report-data.js';

/**
 * The impact report's content, once, as plain text in sections: src/report/render-markdown.ts and
 * render-html.ts only lay it out, so the Markdown, the HTML and the PDF (printed from the HTML) say
 * the same thing.
 */
export type ReportSection = {
  title: string;
  lines: string[];
  /** A list, shown as bullets. */
  items?: string[];
  table?: { head: string[]; rows: string[][] };
  /** Where the chart goes, when there is one. */
  chart?: boolean;
  empty?: string;
};
export type ReportDocument = { title: string; subtitle: string; sections: ReportSection[] };

const PILLARS: PillarId[] = ['collaboration', 'value', 'trust'];
const figure = (v: number | null, scale = 1) => (v === null ? 'no data' : String(Math.round(v * scale)));
const day = (d: Date) => DateTime.fromJSDate(d, { zone: 'utc' }).toFormat('d LLL yyyy');

export function reportDocument(d: ReportData, channelName: string): ReportDocument {
  const side = (key: string) => sideName(d.sideNames, key);
  const lastDay = new Date(d.period.end.getTime() - 1);
  const weeks = d.health.weeks;
  return {
    title: `Impact report: #${channelName}, ${d.period.name}`,
    subtitle: `${day(d.period.start)} – ${day(lastDay)}${d.period.toDate ? ' (to date)' : ''} · made ${day(d.generatedAt)} by Rapport`,
    sections: [
      {
        title: 'Alliance health',
        lines: [
          `Health score ${figure(d.health.mean.score)} / 100 on average over ${weeks.length} stored week${weeks.length === 1 ? '' : 's'}.`,
          PILLARS.map((p) => `${PILLAR_LABELS[p]} ${figure(d.health.mean.pillars[p], 100)}`).join(' · '),
        ],
        table: {
          head: ['Week ending', 'Score', ...PILLARS.map((p) => PILLAR_LABELS[p])],
          rows: weeks.map((w) => [
            day(new Date(w.end.getTime() - 1)),
            figure(w.score),
            ...PILLARS.map((p) => figure(w.pillars[p], 100)),
          ]),
        },
        chart: weeks.length > 0,
        empty: 'No week of this period was stored: a weekly digest (`/rituals digest`) stores one.',
      },
      {
        title: 'Delivered work, with fair attribution',
        lines: [
          `${d.credits.length} deliverable${d.credits.length === 1 ? '' : 's'} credited and confirmed by the people named.`,
        ],
        items: d.credits.map(
          (c) =>
            `${c.deliverable}${c.link ? ` (${c.link})` : ''}: ${c.contributors
              .map((p) => (p.contribution ? `${p.name} (${p.contribution})` : p.name))
              .join(', ')}`,
        ),
      },
      {
        title: 'Value given by each side',
        lines: ['Confirmed by the people who received it, each unit on its own (nothing converted).'],
        items: d.value.map((f) => `${side(f.from)} → ${side(f.to)}: ${flowSummary(f)}`),
        empty: 'No give was logged in the period (`/gave`).',
      },
      {
        title: 'Recognition across the sides',
        lines: [
          `${d.kudos.total} kudos; ${d.kudos.recognised} of ${d.kudos.active} active members received at least one. No one is ranked.`,
        ],
        items: d.kudos.flows.map((f) => `${side(f.from)} → ${side(f.to)}: ${f.count} kudos`),
      },
      {
        title: 'Decisions made',
        lines: [`${d.decisions.length} decision${d.decisions.length === 1 ? '' : 's'} logged.`],
        items: d.decisions.map((x) => `${day(x.on)}: ${x.decision} (owner: ${x.owner})`),
      },
      {
        title: 'Retros and actions',
        lines: [
          `Retros held: ${d.retros.held} of ${d.retros.scheduled} scheduled. Action items completed: ${d.actions.completed}; done on time: ${d.actions.doneOnTime} of ${d.actions.due} due.`,
        ],
      },
      {
        title: 'What worked, and what to change',
        lines: ['From the period’s reviews and debriefs, without names.'],
        items: [...d.worked.map((t) => `Worked: ${t}`), ...d.change.map((t) => `To change: ${t}`)],
        empty: 'No review or debrief in the period.',
      },
    ],
  };
}
