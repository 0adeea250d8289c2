import { DateTime } from 'luxon';
import type { DecisionRow } from '../../../db/repos/decisions.js';
import type { ReviewReminder } from '../../../decisions/decision-views.js';
import { DECISIONS } from '../../ids.js';
import type { Block, SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, LIMITS, message, quote, section, slackTime, truncate } from '../blocks.js';

/** "Tuesday, 1 December 2026". */
export const reviewDay = (date: string) => DateTime.fromISO(date).toFormat('cccc, d LLLL yyyy');

const people = (ids: readonly string[]) => ids.map((id) => `<@${id}>`).join(', ');

/** Slack's own link to the discussion; only members of the channel can open it. */
const discussion = (d: DecisionRow) =>
  d.source_permalink ? `<${d.source_permalink}|the discussion>` : 'a message in this channel';

/** Who owns it, who was consulted, when it is reviewed: one line each. */
function facts(d: DecisionRow): string {
  return [
    `*Owner:* <@${d.owner_id}>`,
    ...(d.consulted.length > 0 ? [`*Consulted:* ${people(d.consulted)}`] : []),
    ...(d.review_date ? [`*Review:* ${reviewDay(d.review_date)}`] : []),
  ].join('\n');
}

/** The channel message for a decision, with an Edit button; people's text is escaped. */
export function decisionMessage(d: DecisionRow): SlackMessage {
  const blocks: Block[] = [
    section(`:memo: *Decision #${d.id}*\n${quote(escapeMrkdwn(d.decision))}`),
    section(facts(d)),
    ...(d.rationale ? [section(`*Why*\n${escapeMrkdwn(d.rationale)}`)] : []),
    context(
      `Logged by <@${d.logged_by}> from ${discussion(d)} ${slackTime(d.created_at)}${
        d.updated_at.getTime() !== d.created_at.getTime()
          ? ` · edited by <@${d.updated_by}> ${slackTime(d.updated_at)}`
          : ''
      }`,
    ),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: DECISIONS.edit,
          text: { type: 'plain_text', text: 'Edit' },
          value: String(d.id),
        },
      ],
    },
  ];
  return message(`Decision #${d.id}: ${truncate(escapeMrkdwn(d.decision), 200)}`, blocks);
}

/**
 * The owner's DM on the review date. It carries no text of the decision, only where it was made
 * and a link there: the channel may be private, and its decisions are read only inside it.
 */
export function reviewReminder(d: ReviewReminder): SlackMessage {
  const where = d.source_permalink ? ` <${d.source_permalink}|Open the discussion>, or type` : ' Type';
  const text = `:alarm_clock: Decision #${d.id} in <#${d.channel_id}>, which you own, is due for review today.`;
  return message(text, [
    section(text),
    context(
      `Logged by <@${d.logged_by}> ${slackTime(d.created_at)}.${where} \`/decisions\` in that channel to see it.`,
    ),
  ]);
}

/** One decision as a line of `/decisions`. */
export function decisionLine(d: DecisionRow): Block {
  const date = d.created_at.toISOString().slice(0, 10);
  const review = d.review_date ? ` · review ${d.review_date}` : '';
  const link = d.source_permalink ? ` · <${d.source_permalink}|discussion>` : '';
  return section(
    truncate(
      `*#${d.id}* · ${date} · owner <@${d.owner_id}>${review}${link}\n${quote(escapeMrkdwn(truncate(d.decision, 300)))}`,
      LIMITS.sectionText,
    ),
  );
}
