import type { types } from '@slack/bolt';
import { METRIC_DEFINITIONS } from '../../../health/metric-definitions.js';
import { type MetricId, PILLAR_LABELS, PILLARS, type PillarId } from '../../../health/pillars.js';
import { context, header, LIMITS, section, truncate } from '../blocks.js';
import { DEFINITIONS } from './scorecard.js';

/** The doc's markdown as Slack's mrkdwn: **bold** is *bold* there; `code` is the same. */
const mrkdwn = (markdown: string) => markdown.replace(/\*\*([^*]+)\*\*/g, '*$1*');

function metricSection(metric: MetricId): types.KnownBlock {
  const d = METRIC_DEFINITIONS[metric];
  return section(
    truncate(
      `*\`${metric}\`*: ${mrkdwn(d.plain)}\nFormula: ${mrkdwn(d.formula)}\n${mrkdwn(d.inputs)}\n_No data when ${mrkdwn(d.noData)}._`,
      LIMITS.sectionText,
    ),
  );
}

/**
 * "About these numbers": every metric of the scorecard, pillar by pillar, in plain words first, then
 * its formula, what it counts and when it has no data, from the same definitions as docs/METRICS.md:
 * this modal is where the formulas are shown in Slack (the scorecard's lines say it in words).
 */
export function aboutNumbersModal(): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'About these numbers' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      context(`${DEFINITIONS} The health score is 100 × the mean of the pillars with data.`),
      ...(Object.keys(PILLARS) as PillarId[]).flatMap((pillar) => [
        header(PILLAR_LABELS[pillar]),
        ...PILLARS[pillar].map(metricSection),
      ]),
    ],
  };
}
