import type { Digest } from '../../../health/digest.js';
import type { ListedAction } from '../../../db/repos/health-digest.js';
import type { Block, SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, header, LIMITS, message, section, truncate } from '../blocks.js';
import { aboutButton, DEFINITIONS, periodDays, pillarSections, scoreLine } from './scorecard.js';
import { sideName } from '../../../health/side-names.js';
import { flowText } from '../gives/give-text.js';

/** Below this share of prompted days answered, the digest asks attention for participation. */
export const LOW_PARTICIPATION = 0.6;
/** How much of a kudos reason, a deliverable or an action item a digest quotes. */
const QUOTED = 140;

/** Mentions named in one line of a list; more are counted. */
const NAMED = 5;
const people = (ids: readonly string[]) =>
  ids
    .slice(0, NAMED)
    .map((id) => `<@${id}>`)
    .join(', ') + (ids.length > NAMED ? ` and ${ids.length - NAMED} more` : '');
const quoted = (text: string) => escapeMrkdwn(truncate(text.replace(/\s+/g, ' ').trim(), QUOTED));
const more = (shown: number, total: number) => (total > shown ? [`_…and ${total - shown} more_`] : []);

function actionLine(a: ListedAction, due: 'was due' | 'due'): string {
  return `<@${a.ownerId}>: ${quoted(a.body)}${a.dueOn ? ` _(${due} ${a.dueOn})_` : ''}`;
}

/** What went well this week: kudos reasons, confirmed deliverables, action items done. */
function celebrating(d: Digest): string[] {
  const { kudos, credits, actionsDone } = d.highlights;
  return [
    ...kudos.items.map((k) => `:clap: <@${k.giverId}> → ${people(k.receiverIds)}: “${quoted(k.reason)}”`),
    ...more(kudos.items.length, kudos.total),
    ...credits.items.map((c) => {
      const name = c.link ? `<${c.link}|${quoted(c.deliverable)}>` : `*${quoted(c.deliverable)}*`;
      return `:package: ${name}, credited to ${people(c.contributorIds)} and confirmed`;
    }),
    ...more(credits.items.length, credits.total),
    ...actionsDone.items.map((a) => `:white_check_mark: ${actionLine(a, 'due')}`),
    ...more(actionsDone.items.length, actionsDone.total),
  ];
}

/** What needs someone: overdue action items, blockers still open, low participation. */
function needingAttention(d: Digest): string[] {
  const { overdue, blockers } = d.attention;
  const { expected, answered } = d.current.inputs.checkins;
  const participation = d.current.metrics.participation;
  return [
    ...overdue.items.map((a) => `:hourglass: ${actionLine(a, 'was due')}`),
    ...more(overdue.items.length, overdue.total),
    ...blockers.items.map((b) => `:construction: <@${b.userId}> has been blocked since ${b.since}`),
    ...more(blockers.items.length, blockers.total),
    ...(participation !== null && participation < LOW_PARTICIPATION
      ? [
          `:speech_balloon: Check-ins were answered on ${answered} of ${expected} prompted days (${Math.round(participation * 100)}%)`,
        ]
      : []),
  ];
}

function listSection(title: string, lines: string[], empty: string): Block {
  return section(
    truncate(`*${title}*\n${lines.length > 0 ? lines.join('\n') : `_${empty}_`}`, LIMITS.sectionText),
  );
}

/** What each side gave the other this quarter, confirmed only, in its own units; nothing when no give was confirmed. */
function valueGiven(d: Digest): Block[] {
  const { quarter, flows } = d.valueGiven;
  if (flows.length === 0) return [];
  const name = (side: string) => escapeMrkdwn(truncate(sideName(d.sideNames, side), 60));
  const lines = flows.map((f) => `:gift: *${name(f.from)} → ${name(f.to)}*: ${flowText(f)}`);
  return [listSection(`Value given in ${quarter} (\`/gave channel\` for the ledger)`, lines, '')];
}

/**
 * The weekly digest posted in the channel: the score and each pillar with its change since the
 * week before, the metrics behind them, what is worth celebrating and what needs attention. The
 * same dozen blocks however much happened, each list cut to a few items and counted, each text
 * within Slack's limits; the chart follows in the thread.
 */
export function digestMessage(d: Digest, options: { chartInThread: boolean }): SlackMessage {
  const { current, previous } = d;
  const blocks: Block[] = [
    header(truncate(`Alliance health · week to ${periodDays(current).split(' – ')[1]}`, LIMITS.headerText)),
    section(`<#${d.channelId}> · ${periodDays(current)}\n${scoreLine(current, previous)}`),
    ...pillarSections(current, previous, d.sideNames),
    { type: 'divider' },
    listSection(
      'Worth celebrating',
      celebrating(d),
      'No kudos with a reason, confirmed credits or finished action items this week.',
    ),
    listSection('Needs attention', needingAttention(d), 'Nothing overdue, nobody blocked.'),
    ...valueGiven(d),
    context(
      [
        options.chartInThread ? 'The chart of the last 8 weeks is in the thread.' : '',
        '`/health history` lists past weeks.',
        DEFINITIONS,
      ]
        .filter((t) => t !== '')
        .join(' '),
    ),
    aboutButton(),
  ];
  const score = current.score === null ? 'no data' : `${Math.round(current.score)} / 100`;
  return message(`Alliance health for the week to ${periodDays(current).split(' – ')[1]}: ${score}`, blocks);
}
