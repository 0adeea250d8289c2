import type { ReportDocument } from './report-document.js';

/** Text that Markdown would read as formatting, shown as typed. */
const md = (text: string) => text.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/\n+/g, ' ');

/** The report as Markdown: the same sections as the HTML, the chart left to the HTML and PDF. */
export function renderMarkdown(doc: ReportDocument): string {
  const out = [`# ${md(doc.title)}`, '', `_${md(doc.subtitle)}_`, ''];
  for (const s of doc.sections) {
    out.push(`## ${md(s.title)}`, '');
    for (const line of s.lines) out.push(md(line), '');
    if (s.table && s.table.rows.length > 0) {
      out.push(`| ${s.table.head.map(md).join(' | ')} |`, `|${s.table.head.map(() => ' --- |').join('')}`);
      for (const row of s.table.rows) out.push(`| ${row.map(md).join(' | ')} |`);
      out.push('');
    }
    if (s.items && s.items.length > 0) out.push(...s.items.map((i) => `- ${md(i)}`), '');
    const shown = (s.table?.rows.length ?? 0) + (s.items?.length ?? 0);
    if (shown === 0 && s.empty) out.push(`_${md(s.empty)}_`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
