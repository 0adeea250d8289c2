import type { ReportDocument } from './report-document.js';

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
  body { font-family: "DejaVu Sans", system-ui, sans-serif; color: #1d1c1d; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
  h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
  .subtitle { color: #616061; margin-top: 0; }
  h2 { font-size: 1.15rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 1.8rem; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { border-bottom: 1px solid #eee; padding: 0.25rem 0.4rem; text-align: left; }
  .empty { color: #616061; font-style: italic; }
  img { max-width: 100%; }
  @page { margin: 1.5cm; }
`;

/**
 * The report as one self-contained HTML page (the chart inline as a PNG): the template the PDF is
 * printed from, so the two never differ.
 */
export function renderHtml(doc: ReportDocument, chartPng?: Buffer): string {
  const sections = doc.sections.map((s) => {
    const parts = [`<h2>${esc(s.title)}</h2>`, ...s.lines.map((l) => `<p>${esc(l)}</p>`)];
    if (s.chart && chartPng) {
      parts.push(
        `<img alt="${esc(`${s.title}: the pillars week by week`)}" src="data:image/png;base64,${chartPng.toString('base64')}">`,
      );
    }
    if (s.table && s.table.rows.length > 0) {
      parts.push(
        `<table><thead><tr>${s.table.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
          .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
    }
    if (s.items && s.items.length > 0)
      parts.push(`<ul>${s.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`);
    const shown = (s.table?.rows.length ?? 0) + (s.items?.length ?? 0);
    if (shown === 0 && s.empty) parts.push(`<p class="empty">${esc(s.empty)}</p>`);
    return `<section>${parts.join('\n')}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(doc.title)}</h1><p class="subtitle">${esc(doc.subtitle)}</p>
${sections.join('\n')}
</body></html>
`;
}
