import type { PeriodScorecard } from '../../../health/digest.js';
import { type SideNames, sideName } from '../../../health/side-names.js';
import {
  type ConnectionsInputs,
  type EscalationsInputs,
  type MetricId,
  PILLAR_LABELS,
  PILLARS,
  type PillarId,
} from '../../../health/pillars.js';
import {
  type Block,
  context,
  header,
  LIMITS,
  message,
  type SlackMessage,
  section,
  truncate,
} from '../blocks.js';
import { HEALTH } from '../../ids.js';
import { responsivenessLine } from './responsiveness.js';

const NO_DATA = '_no data_';
const percent = (v: number | null) => (v === null ? NO_DATA : `*${Math.round(v * 100)}*`);

/** "▲ 4", "▼ 12", "=" or nothing, between two 0–100 figures (rounded as they are shown). */
export function change(now: number | null, before: number | null): string {
  if (now === null || before === null) return '';
  const diff = Math.round(now) - Math.round(before);
  return diff > 0 ? ` ▲ ${diff}` : diff < 0 ? ` ▼ ${-diff}` : ' =';
}

/**
 * What each metric is, and the counts behind it this period, in one line of plain words: the
 * formulas are in "About these numbers" (about-numbers.ts) and docs/METRICS.md, not here.
 */
function explain(metric: MetricId, s: PeriodScorecard, names?: SideNames): string {
  const i = s.inputs;
  switch (metric) {
    case 'participation':
      return `Check-in participation: ${i.checkins.answered} of ${i.checkins.expected} prompted days answered (away and skipped days left out)`;
    case 'on_time':
      return `On-time answers: ${i.checkins.onTime} of ${i.checkins.answered} before the stand-up closed`;
    case 'blocker_resolution':
      return i.blockers.meanOpenDays === null
        ? `Blockers: ${i.blockers.raised} raised; no blocker was open this week`
        : `Blockers: ${i.blockers.raised} raised; ${i.blockers.episodes} open in the week, for ${i.blockers.meanOpenDays.toFixed(1)} days on average (a week or more scores 0)`;
    case 'retros_held':
      return `Retros held as scheduled: ${i.retros.held} of ${i.retros.scheduled} got notes`;
    case 'responsiveness':
      return responsivenessLine(i.responsiveness, names);
    case 'escalations_resolved_in_time':
      return escalationsLine(i.escalations);
    case 'credits_confirmed':
      return `Credits: ${i.credits.deliverables} deliverables credited; ${i.credits.confirmed} of ${i.credits.contributors} contributors confirmed`;
    case 'value_confirmed':
      return `Value confirmed: ${i.gives.confirmed} of ${i.gives.asked} people who received a give confirmed what it was worth`;
    case 'value_reciprocity':
      return `Value reciprocity between ${sidesNamed(i.sides, names)}: confirmed gives each way, the quieter direction's count relative to the busier one's (1 = balanced)`;
    case 'actions_on_time':
      return `Action items done on time: ${i.actions.doneOnTime} of ${i.actions.due} due this week (${i.actions.completed} completed)`;
    case 'pulse':
      return i.pulse
        ? `Pulse check: ${i.pulse.map((p) => `${truncate(p.statement, 60)} ${p.mean.toFixed(1)}/5`).join('; ')}`
        : 'Pulse check: no round with 3 or more answers in the last 35 days';
    case 'recognition_breadth':
      return `Recognition breadth: ${i.kudosReceived.filter((n) => n > 0).length} of ${i.kudosReceived.length} active members received kudos`;
    case 'recognition_fairness':
      return 'Recognition fairness: how evenly kudos are spread across active members (1 = everyone received equally)';
    case 'kudos_reciprocity':
      return `Kudos reciprocity between ${sidesNamed(i.sides, names)}: kudos each way, the quieter direction's count relative to the busier one's (1 = balanced)`;
    case 'credit_reciprocity':
      return `Credit reciprocity between ${sidesNamed(i.sides, names)}: credits each way, the quieter direction's count relative to the busier one's (1 = balanced)`;
    case 'cross_side_kudos':
      return 'Cross-side kudos: the share of kudos given to someone of another side';
    case 'connections':
      return connectionsLine(i.connections);
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The coffee pairs line: off, with the command that starts them, in a channel without a pairs
 * ritual; else how many of the possible pairs across sides met in the last 91 days and how many
 * meetings the quarter had.
 */
export function connectionsLine(c: ConnectionsInputs | null): string {
  const head = 'Connections across sides';
  if (!c || (!c.pairsRitual && c.possible === 0))
    return `${head}: off (\`/rituals pairs weekly mon 10:00\` introduces people across the sides)`;
  const meetings = `${plural(c.meetings, 'meeting', 'meetings')} this quarter`;
  if (c.possible === 0)
    return `${head}: nobody of another side has joined the coffee pairs yet (${c.joined} joined) · ${meetings}`;
  return `${head}: ${c.met} of ${plural(c.possible, 'possible pair', 'possible pairs')} met in the last 91 days (${Math.round((100 * c.met) / c.possible)}%) · ${meetings}`;
}

/**
 * The escalations line: how many of those that settled this week were resolved before their level's
 * target. Counts only: a private escalation shows nothing more here than anywhere else.
 */
export function escalationsLine(e: EscalationsInputs | null): string {
  const head = 'Escalations resolved in time';
  if (!e || e.settled === 0) return `${head}: none resolved or past their last level's target this week`;
  return `${head}: ${e.inTime} of ${e.settled} (before the target of the level they were at)`;
}

/** "Northwind and Globex", or "sides (5 sides)" when there are too many to name in one line. */
function sidesNamed(sides: readonly string[], names?: SideNames): string {
  if (sides.length < 2 || sides.length > 4)
    return `sides (${sides.length} side${sides.length === 1 ? '' : 's'})`;
  const named = sides.map((s) => truncate(sideName(names, s), 60));
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** "*72* / 100 ▲ 4": the health score, with its change since the period before. */
export function scoreLine(current: PeriodScorecard, previous: PeriodScorecard | null): string {
  const score = current.score === null ? NO_DATA : `*${Math.round(current.score)}* / 100`;
  return `*Health score:* ${score}${change(current.score, previous?.score ?? null)}`;
}

/** "16 Nov – 23 Nov 2026": the days a period covers (its end is exclusive, so the day before it). */
export function periodDays(p: PeriodScorecard): string {
  const last = new Date(p.end.getTime() - 1);
  const day = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${day(p.start)} – ${day(last)} ${last.getUTCFullYear()}`;
}

/** One section per pillar: its value and change, and each of its metrics explained in one line. */
export function pillarSections(
  current: PeriodScorecard,
  previous: PeriodScorecard | null,
  sideNames?: SideNames,
) {
  return (Object.keys(PILLARS) as PillarId[]).map((pillar) => {
    const now = current.pillars[pillar];
    const before = previous?.pillars[pillar] ?? null;
    const lines = PILLARS[pillar].map(
      (m: MetricId) => `• ${percent(current.metrics[m])} ${explain(m, current, sideNames)}`,
    );
    return section(
      truncate(
        `*${PILLAR_LABELS[pillar]}:* ${percent(now)}${change(
          now === null ? null : now * 100,
          before === null ? null : before * 100,
        )}\n${lines.join('\n')}`,
        LIMITS.sectionText,
      ),
    );
  });
}

export const DEFINITIONS = 'Each metric is scaled 0–100; a pillar is the mean of its metrics with data.';

/** The button that opens every metric's definition (about-numbers.ts), under the scorecard. */
export const aboutButton = (): Block => ({
  type: 'actions',
  block_id: 'health_about',
  elements: [
    { type: 'button', action_id: HEALTH.about, text: { type: 'plain_text', text: 'About these numbers' } },
  ],
});

/**
 * The scorecard as a message: the score and each pillar with its change since the previous period,
 * and the metrics behind each pillar with a one-line explanation. "No data" is said, never a zero.
 */
export function scorecardMessage(input: {
  channelId: string;
  current: PeriodScorecard;
  previous: PeriodScorecard;
  /** What the sides are called; without it, their keys. */
  sideNames?: SideNames;
  title: string;
}): SlackMessage {
  const { current, previous } = input;
  const blocks = [
    header(truncate(input.title, LIMITS.headerText)),
    section(`<#${input.channelId}> · ${periodDays(current)}\n${scoreLine(current, previous)}`),
    ...pillarSections(current, previous, input.sideNames),
    context(DEFINITIONS),
    aboutButton(),
  ];
  const text = `Health score for this channel: ${current.score === null ? 'no data' : Math.round(current.score)}`;
  return message(text, blocks);
}
