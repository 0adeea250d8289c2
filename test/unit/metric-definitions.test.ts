import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { METRIC_DEFINITIONS } from '../../src/health/metric-definitions.js';
import { PILLAR_LABELS, PILLARS, type PillarId } from '../../src/health/pillars.js';
import { projectPath } from '../../src/project-path.js';
import { aboutNumbersModal } from '../../src/slack/views/health/about-numbers.js';

/**
 * Each metric row of docs/METRICS.md under a pillar's heading:
 * [metric, in plain words, formula, inputs, no data when].
 */
function docTables(): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  let heading = '';
  for (const line of readFileSync(projectPath('docs', 'METRICS.md'), 'utf8').split('\n')) {
    if (line.startsWith('## ')) heading = line.slice(3).trim();
    if (!line.startsWith('| `')) continue;
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
    tables.set(heading, [...(tables.get(heading) ?? []), cells]);
  }
  return tables;
}

describe('the metrics are defined once', () => {
  test("docs/METRICS.md's tables say, cell by cell and in the scorecard's order, what the definitions say", () => {
    const tables = docTables();
    for (const pillar of Object.keys(PILLARS) as PillarId[]) {
      const rows = tables.get(PILLAR_LABELS[pillar]);
      expect(rows?.map((r) => r[0])).toEqual(PILLARS[pillar].map((m) => `\`${m}\``));
      for (const [metric, plain, formula, inputs, noData] of rows ?? []) {
        const id = metric?.replace(/`/g, '') as keyof typeof METRIC_DEFINITIONS;
        expect({ metric: id, plain, formula, inputs, noData }).toEqual({
          metric: id,
          ...METRIC_DEFINITIONS[id],
        });
      }
    }
  });

  test('"About these numbers" shows every metric in plain words, then its formula and no-data rule, in Slack\'s mrkdwn', () => {
    const modal = aboutNumbersModal();
    const text = JSON.stringify(modal.blocks);
    for (const pillar of Object.keys(PILLARS) as PillarId[]) {
      expect(text).toContain(PILLAR_LABELS[pillar]);
      for (const metric of PILLARS[pillar]) {
        const d = METRIC_DEFINITIONS[metric];
        const said =
          modal.blocks
            .map((b) => (b.type === 'section' ? ((b as { text?: { text?: string } }).text?.text ?? '') : ''))
            .find((t) => t.startsWith(`*\`${metric}\`*`)) ?? '';
        // The plain words come first, the formula after them.
        expect(said.startsWith(`*\`${metric}\`*: ${d.plain}\nFormula: `)).toBe(true);
        expect(said).toContain(`Formula: ${d.formula}`);
      }
    }
    expect(text).toContain(
      'How evenly kudos are spread across active members: 1 is everyone received equally; near 0, one person received them all.',
    );
    expect(text).toContain('Formula: 1 − Gini of kudos received across active members');
    expect(text).toContain('_No data when no give logged in the period._');
    // Markdown's **bold** is Slack's *bold*.
    expect(text).not.toContain('**');
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
  });
});
