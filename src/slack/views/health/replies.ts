import type { StoredPeriod } from '../../../db/repos/health-periods.js';
import { PILLAR_LABELS, type PillarId } from '../../../health/pillars.js';
import { SIDES_EXAMPLE } from '../../../health/parse-command.js';
import type { SlackMessage } from '../blocks.js';
import {
  context,
  escapeMrkdwn,
  header,
  LIMITS,
  message,
  plainMessage,
  section,
  truncate,
} from '../blocks.js';
import { change, periodDays } from './scorecard.js';

export function healthHelp(): SlackMessage {
  return plainMessage(
    [
      "*`/health`* shows, only to you, this channel's alliance-health scorecard for the last 7 days: the score, its three pillars (collaboration quality, value creation, relational trust) and the metrics behind them, each compared with the 7 days before. A metric without data says so.",
      '*`/health post`* posts the digest in the channel now, with a chart of the last 8 weeks in its thread. `/rituals digest mon 09:00` posts it every week.',
      '*`/health history`* lists the scores of the last 8 weeks that were stored.',
      `*\`/health sides\`* shows the sides of this collaboration; ${SIDES_EXAMPLE} declares them, and \`/health sides clear\` goes back to each person's workspace (the default in a Slack Connect channel).`,
      '*`/health report`* posts the impact report for sponsors in this channel, as a PDF in the thread of its message: this quarter to date, or `/health report year`, `/health report 2026-Q3`, `/health report 2026`. `npm run report` makes the same report from the command line, as Markdown, HTML or PDF.',
      "*`/health responsiveness`* shows whether this channel measures how long one side's questions wait for the other side's first reply, in working hours. A workspace admin turns it on with `/health responsiveness on` (or `on 2h` for a target other than 4 working hours) and off with `/health responsiveness off`, which erases what it recorded. It never stores a message's text.",
    ].join('\n'),
  );
}

const figure = (v: number | null) => (v === null ? 'no data' : String(Math.round(v * 100)));

/** The stored weeks, newest first, each with its change from the week stored before it. */
export function historyMessage(channelId: string, periods: StoredPeriod[]): SlackMessage {
  if (periods.length === 0) {
    return plainMessage(
      `No week of <#${channelId}> is stored yet: each digest stores its week. \`/health post\` posts one now, or \`/rituals digest mon 09:00\` schedules them.`,
    );
  }
  const lines = periods.map((p, i) => {
    const before = periods[i + 1] ?? null;
    const score = p.score === null ? '_no data_' : `*${Math.round(p.score)}*`;
    const pillars = (Object.keys(PILLAR_LABELS) as PillarId[])
      .map((id) => `${PILLAR_LABELS[id].split(' ')[0]} ${figure(p.pillars[id])}`)
      .join(' · ');
    return `• ${periodDays(p)}: ${score}${change(p.score, before?.score ?? null)}\n   ${pillars}`;
  });
  return message(`Health history of this channel: ${periods.length} weeks`, [
    header('Alliance health, stored weeks'),
    section(truncate(`<#${channelId}>\n${lines.join('\n')}`, LIMITS.sectionText)),
    context(
      'Each week is kept as its digest published it. Changes compare a week with the one listed below it.',
    ),
  ]);
}

/** Mentions listed per side; at 10 sides this keeps the list well within a section's 3,000 characters. */
const SHOWN_PER_SIDE = 15;

/** The channel's declared sides, or how sides are found when none are declared. */
export function sidesMessage(sides: { name: string; userIds: string[] }[], changed: boolean): SlackMessage {
  if (sides.length === 0) {
    return plainMessage(
      `${changed ? 'Cleared. ' : ''}This channel declares no sides, so each person's side is their own workspace: in a Slack Connect channel, each organisation is a side. ${SIDES_EXAMPLE} declares them.`,
    );
  }
  const lines = sides.map(
    (s) =>
      `• *${escapeMrkdwn(s.name)}* (${s.userIds.length}): ${s.userIds
        .slice(0, SHOWN_PER_SIDE)
        .map((id) => `<@${id}>`)
        .join(
          ' ',
        )}${s.userIds.length > SHOWN_PER_SIDE ? ` and ${s.userIds.length - SHOWN_PER_SIDE} more` : ''}`,
  );
  return message(
    `${changed ? 'Sides declared' : 'Sides of this channel'}: ${sides.map((s) => s.name).join(', ')}`,
    [
      section(
        truncate(
          `${changed ? 'Saved. The sides of this channel are now:' : 'The sides of this channel:'}\n${lines.join('\n')}`,
          LIMITS.sectionText,
        ),
      ),
      context(
        sides.length === 1
          ? 'With one side, the metrics between sides show no data. People named in no side are left out of them.'
          : 'Reciprocity and cross-side kudos are measured between these sides from now on, leaving out people named in no side; weeks already stored keep their numbers.',
      ),
    ],
  );
}
