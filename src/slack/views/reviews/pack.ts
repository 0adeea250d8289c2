import { DateTime } from 'luxon';
import { sideName } from '../../../health/side-names.js';
import type { ReviewPack } from '../../../reviews/review-pack.js';
import { CHARTER, REVIEWS } from '../../ids.js';
import {
  type Block,
  context,
  escapeMrkdwn,
  header,
  LIMITS,
  message,
  type SlackMessage,
  section,
  truncate,
} from '../blocks.js';
import { flowText } from '../gives/give-text.js';
import { change } from '../health/scorecard.js';
import { reviewDayName } from './prompt.js';

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat('d LLL yyyy');
const block = (title: string, lines: readonly string[], empty: string) =>
  section(truncate(`*${title}*\n${lines.length > 0 ? lines.join('\n') : `_${empty}_`}`, LIMITS.sectionText));
const more = (shown: number, total: number) => (total > shown ? [`_…and ${total - shown} more_`] : []);

/**
 * The review pack, posted in the channel at the review's time: each side's priorities side by side
 * with the shared ones first, what each side said helped and what to change (no names), the health
 * trend, the value each side gave, what is still open, and the charter with a button to revise it.
 * Its buttons log outcomes as decisions and action items, which the next review reads again.
 */
export function reviewPack(p: ReviewPack): SlackMessage {
  const name = (side: string) => escapeMrkdwn(truncate(sideName(p.sideNames, side), 60));
  const what = p.cadence === 'monthly' ? 'Monthly review' : 'Quarterly review';
  const shared = p.priorities.filter((g) => g.shared);
  const sides = [...new Set(p.priorities.flatMap((g) => g.bySide.map((s) => s.side)))].sort();
  const scores = p.trend.filter((t) => t.score !== null);
  const first = scores[0]?.score ?? null;
  const last = scores.at(-1)?.score ?? null;
  const blocks: Block[] = [
    header(truncate(`${what} · ${reviewDayName(p.reviewDate)}`, LIMITS.headerText)),
    section(
      `<#${p.channelId}> · looking back from ${day(p.since)} · ${p.answered} ${p.answered === 1 ? 'person' : 'people'} answered`,
    ),
    block(
      ':link: Shared priorities',
      shared
        .slice(0, 10)
        .map(
          (g) =>
            `• *${escapeMrkdwn(truncate(g.text, 150))}*: ${g.bySide.map((s) => `${name(s.side)} ${s.mentions}`).join(' · ')}`,
        ),
      p.answered === 0
        ? 'Nobody answered before the review.'
        : 'No priority was named by more than one side.',
    ),
    ...sides.slice(0, 6).map((side) => {
      const own = p.priorities.filter((g) => g.bySide.some((s) => s.side === side));
      return block(
        `${name(side)}: priorities`,
        own
          .slice(0, 10)
          .map(
            (g) =>
              `• ${g.shared ? ':link: ' : ''}${escapeMrkdwn(truncate(g.text, 150))}${mentionsOf(g.bySide.find((s) => s.side === side)?.mentions ?? 0)}`,
          )
          .concat(more(Math.min(own.length, 10), own.length)),
        '',
      );
    }),
    ...p.said.slice(0, 6).flatMap((s) => {
      const lines = [
        ...s.helped.slice(0, 5).map((t) => `• :sparkles: ${escapeMrkdwn(truncate(t, 200))}`),
        ...s.change.slice(0, 5).map((t) => `• :wrench: ${escapeMrkdwn(truncate(t, 200))}`),
      ];
      return lines.length > 0
        ? [block(`${name(s.side)}: what helped most, and what to change`, lines, '')]
        : [];
    }),
    block(
      ':chart_with_upwards_trend: Health over the period',
      first !== null && last !== null
        ? [
            `Health score ${Math.round(first)} → *${Math.round(last)}*${change(last, first)} over ${scores.length} stored week${scores.length === 1 ? '' : 's'} (\`/health history\`)`,
          ]
        : [],
      'No week of this period was stored: `/rituals digest mon 09:00` stores one each week.',
    ),
    block(
      ':gift: Value given, confirmed, by side',
      p.gives.slice(0, 8).map((f) => `• *${name(f.from)} → ${name(f.to)}*: ${flowText(f)}`),
      'No give was logged in the period (`/gave`).',
    ),
    block(
      `:hourglass_flowing_sand: Open action items (${p.actions.total})`,
      p.actions.items
        .map(
          (i) =>
            `• <@${i.ownerId}> ${escapeMrkdwn(truncate(i.body, 150))}${i.dueOn ? ` (due ${day(i.dueOn)})` : ''}`,
        )
        .concat(more(p.actions.items.length, p.actions.total)),
      'None open.',
    ),
    block(
      `:scales: Decisions due for review (${p.decisions.total})`,
      p.decisions.items
        .map(
          (d) =>
            `• ${escapeMrkdwn(truncate(d.decision, 150))}, owned by <@${d.ownerId}>${d.reviewDate ? ` (review on ${day(d.reviewDate)})` : ''}`,
        )
        .concat(more(p.decisions.items.length, p.decisions.total)),
      'None due.',
    ),
    block(
      ':scroll: The charter’s goals: still right?',
      p.charter
        ? [
            `*Shared goal:* ${escapeMrkdwn(truncate(p.charter.goal, 600))}`,
            ...(p.charter.metrics
              ? [`*Success metrics:* ${escapeMrkdwn(truncate(p.charter.metrics, 600))}`]
              : []),
          ]
        : [],
      'This channel has no charter yet.',
    ),
    {
      type: 'actions',
      block_id: 'review_outcomes',
      elements: [
        {
          type: 'button',
          action_id: CHARTER.edit,
          text: {
            type: 'plain_text',
            text: p.charter ? 'Confirm or revise the charter' : 'Write the charter',
          },
        },
        {
          type: 'button',
          action_id: REVIEWS.logDecision,
          text: { type: 'plain_text', text: 'Log a decision' },
          value: p.reviewDate,
        },
        {
          type: 'button',
          action_id: REVIEWS.addAction,
          text: { type: 'plain_text', text: 'Add an action item' },
          value: p.reviewDate,
        },
      ],
    },
    context(
      'Outcomes logged with these buttons are decisions and action items of this channel: the next review shows those still open.',
    ),
  ];
  return message(
    `${what} of <#${p.channelId}>: ${shared.length} shared priorit${shared.length === 1 ? 'y' : 'ies'}`,
    blocks,
  );
}

const mentionsOf = (n: number) => (n > 1 ? ` (${n} people)` : '');
