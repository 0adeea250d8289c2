import type { Blocker, DaySummary } from '../../../standups/day-summary.js';
import type { Block, SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, LIMITS, message, section, truncate } from '../blocks.js';
import { dayName } from './messages.js';

/** How much of one blocker the header quotes; the whole answer is in the thread. */
const BLOCKER_QUOTE_CHARS = 280;
/** Blocks the header keeps for its title, counts and lists; the rest may hold blockers. */
const BLOCKER_BLOCKS = LIMITS.blocksPerMessage - 8;

const title = (localDate: string) => `Stand-up · ${dayName(localDate)}`;

/** The day's message while it is open; the answers go in its thread. */
export function standupHeader(localDate: string): SlackMessage {
  const text = title(localDate);
  return message(text, [section(`:sunrise: *${text}*`), context('Answers are in the thread.')]);
}

/**
 * The day's message once it has closed: who answered, skipped, was away or did not answer, and
 * every blocker raised, those carried over from the person's previous check-in with their age.
 * Stays inside Slack's limits however many people there are.
 */
export function standupDaySummary(s: DaySummary): SlackMessage {
  const counts = [
    `${s.answered.length} answered`,
    s.skipped.length > 0 ? `${s.skipped.length} skipped` : '',
    s.away.length > 0 ? `${s.away.length} away` : '',
    s.noAnswer.length > 0 ? `${s.noAnswer.length} no answer` : '',
    `${s.blockers.length} ${s.blockers.length === 1 ? 'blocker' : 'blockers'}`,
  ].filter((c) => c !== '');
  const blocks: Block[] = [
    section(`:sunrise: *${title(s.localDate)}* · closed`),
    context(`${counts.join(' · ')}${s.answered.length > 0 ? ' · answers are in the thread' : ''}`),
    ...peopleSection('Answered', s.answered),
    ...peopleSection('Skipped', s.skipped),
    ...peopleSection('Away', s.away),
    ...peopleSection('No answer', s.noAnswer),
    ...blockerSections(s.blockers),
  ];
  return message(`${title(s.localDate)}: ${counts.join(', ')}`, blocks);
}

function peopleSection(label: string, ids: readonly string[]): Block[] {
  if (ids.length === 0) return [];
  const head = `*${label}*\n`;
  return [section(head + mentions(ids, LIMITS.sectionText - head.length))];
}

/** As many mentions as fit in `budget` characters, then how many more there are. */
function mentions(ids: readonly string[], budget: number): string {
  let text = '';
  for (const [i, id] of ids.entries()) {
    const more = ` and ${ids.length - i} more`;
    const next = `${text}${i > 0 ? ', ' : ''}<@${id}>`;
    if (next.length + (i < ids.length - 1 ? more.length : 0) > budget) return `${text}${more}`;
    text = next;
  }
  return text;
}

function blockerLine(b: Blocker): string {
  const said = truncate(escapeMrkdwn(b.text.replace(/\s+/g, ' ').trim()), BLOCKER_QUOTE_CHARS);
  const carried =
    b.carriedOverDays === undefined
      ? ''
      : ` _(carried over · ${b.carriedOverDays} ${b.carriedOverDays === 1 ? 'day' : 'days'})_`;
  return `• <@${b.userId}>: ${said}${carried}`;
}

/** The blockers, carried-over ones first, packed into as few sections as Slack allows. */
function blockerSections(blockers: readonly Blocker[]): Block[] {
  if (blockers.length === 0) return [context('No blockers raised.')];
  const ordered = [...blockers].sort((a, b) => (b.carriedOverDays ?? -1) - (a.carriedOverDays ?? -1));
  const sections: string[] = [':warning: *Blockers*'];
  let shown = 0;
  for (const line of ordered.map(blockerLine)) {
    const last = sections.length - 1;
    if ((sections[last] ?? '').length + 1 + line.length <= LIMITS.sectionText) {
      sections[last] = `${sections[last]}\n${line}`;
    } else if (sections.length < BLOCKER_BLOCKS) {
      sections.push(line);
    } else break;
    shown += 1;
  }
  const rest = blockers.length - shown;
  return [
    ...sections.map((text) => section(text)),
    ...(rest > 0 ? [context(`and ${rest} more blockers, in the thread`)] : []),
  ];
}
