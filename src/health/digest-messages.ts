import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import type { OutboxFile, OutboxMessage } from '../db/repos/outbox.js';
import { healthFile, healthView } from './health-views.js';
import { type ChartInput, renderChartPng } from './chart.js';
import { computeDigest, type Digest } from './digest.js';
import { PILLAR_LABELS, type PillarId } from './pillars.js';
import { sideName } from './side-names.js';

/**
 * The messages that publish one channel's digest for the week ending at `end`: the digest itself,
 * and its chart shared in the digest's thread once the digest is posted. Both are queued under
 * keys made from `key`, so a digest that is asked for twice goes out once.
 */
export async function digestMessages(
  q: Queryable,
  input: { teamId: string; channelId: string; end: Date; now: Date; key: string },
): Promise<OutboxMessage[]> {
  const digest = await computeDigest(q, input);
  const chart = chartOf(digest);
  const post: OutboxMessage = {
    teamId: input.teamId,
    dedupeKey: input.key,
    channelId: input.channelId,
    ...healthView('health.digest', { digest, chartInThread: chart !== null }),
  };
  if (!chart) return [post];
  const file: OutboxFile = {
    filename: `rapport-health-${input.channelId}-${input.end.toISOString().slice(0, 10)}-${shortHash(input.key)}.png`,
    title: 'Alliance health: the last 8 weeks',
    altText: altTextOf(chart),
    base64: (await renderChartPng(chart)).toString('base64'),
  };
  return [
    post,
    {
      teamId: input.teamId,
      dedupeKey: `${input.key}:chart`,
      channelId: input.channelId,
      fileInThreadOf: input.key,
      ...healthFile('health.chart', file),
    },
  ];
}

/**
 * The chart's data, or null when there is nothing to draw (no week with data, no kudos between
 * sides). Sides are drawn by name, so its axes and its description say "Northwind", not T0….
 */
function chartOf(digest: Digest): ChartInput | null {
  const kudosFlows = digest.current.inputs.kudosFlows
    .filter((f) => f.count > 0)
    .map((f) => ({ ...f, from: sideName(digest.sideNames, f.from), to: sideName(digest.sideNames, f.to) }));
  if (digest.trend.length === 0 && kudosFlows.length === 0) return null;
  return { trend: digest.trend, kudosFlows };
}

/** What the picture shows, in words, for screen readers and for anyone whose client shows no images. */
export function altTextOf(chart: ChartInput): string {
  const latest = chart.trend.at(-1);
  const pillars = latest
    ? (Object.keys(PILLAR_LABELS) as PillarId[])
        .map(
          (p) =>
            `${PILLAR_LABELS[p]} ${latest.pillars[p] === null ? 'no data' : Math.round((latest.pillars[p] ?? 0) * 100)}`,
        )
        .join(', ')
    : 'no week with data';
  const flows = chart.kudosFlows.map((f) => `${f.from} to ${f.to}: ${f.count}`).join('; ');
  const text = `Line chart of the three pillars over ${chart.trend.length} week${chart.trend.length === 1 ? '' : 's'}, latest: ${pillars}.${flows ? ` Kudos between sides this week: ${flows}.` : ''}`;
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);
