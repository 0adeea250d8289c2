import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { type Flow, PILLAR_LABELS, type PillarId } from './pillars.js';

/** One stored or computed period of the trend: its end, and each pillar 0–1 (null for no data). */
export type TrendPoint = { periodEnd: Date; pillars: Record<PillarId, number | null> };

export type ChartInput = { trend: TrendPoint[]; kudosFlows: Flow[] };

/** Slack shows images up to about 360 px tall in a message; this reads on a phone at 2× zoom. */
const PANEL = { width: 360, height: 200 } as const;

/** The digest's picture as a Vega-Lite spec: pillars over the weeks, and kudos between sides. */
export function chartSpec(input: ChartInput): TopLevelSpec {
  const trend = input.trend.flatMap((point) =>
    (Object.keys(PILLAR_LABELS) as PillarId[]).map((pillar) => ({
      week: point.periodEnd.toISOString().slice(0, 10),
      pillar: PILLAR_LABELS[pillar],
      score: point.pillars[pillar] === null ? null : Math.round((point.pillars[pillar] ?? 0) * 100),
    })),
  );
  const flows = input.kudosFlows.map((f) => ({ from: f.from, to: f.to, kudos: f.count }));
  const trendPanel = {
    title: 'Pillars, last 8 weeks',
    width: PANEL.width,
    height: PANEL.height,
    data: { values: trend },
    mark: { type: 'line' as const, point: true },
    encoding: {
      x: { field: 'week', type: 'ordinal' as const, title: 'Week ending', axis: { labelAngle: -30 } },
      y: { field: 'score', type: 'quantitative' as const, title: 'Score', scale: { domain: [0, 100] } },
      color: {
        field: 'pillar',
        type: 'nominal' as const,
        title: null,
        legend: { orient: 'bottom' as const, labelLimit: 220 },
      },
    },
  };
  const flowPanel =
    flows.length === 0
      ? {
          title: 'Kudos between sides',
          width: PANEL.width * 0.6,
          height: PANEL.height,
          data: { values: [{ note: 'no data' }] },
          mark: { type: 'text' as const, fontSize: 14, color: '#666' },
          encoding: { text: { field: 'note', type: 'nominal' as const } },
        }
      : {
          title: 'Kudos between sides',
          width: PANEL.width * 0.6,
          height: PANEL.height,
          data: { values: flows },
          mark: { type: 'rect' as const },
          encoding: {
            x: { field: 'to', type: 'nominal' as const, title: 'To' },
            y: { field: 'from', type: 'nominal' as const, title: 'From' },
            color: {
              field: 'kudos',
              type: 'quantitative' as const,
              title: 'Kudos',
              scale: { scheme: 'blues' },
            },
          },
        };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 12,
    config: { font: 'DejaVu Sans', view: { stroke: null } },
    hconcat: [trendPanel, flowPanel],
  } as TopLevelSpec;
}

/**
 * Renders the chart to PNG on the server: Vega-Lite to SVG with no browser or canvas, then resvg
 * to pixels, at twice the size for sharp text on high-density screens. Text uses the system's
 * fonts (the Docker image installs DejaVu).
 */
export async function renderChartPng(input: ChartInput): Promise<Buffer> {
  const view = new vega.View(vega.parse(compile(chartSpec(input)).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: 2 },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    }).render();
    return png.asPng();
  } finally {
    view.finalize();
  }
}
