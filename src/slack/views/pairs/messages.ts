import { DateTime } from 'luxon';
import type { PairsViews } from '../../../pairs/pairs-views.js';
import { PAIRS } from '../../ids.js';
import type { types } from '@slack/bolt';
import { context, listOf, message, type SlackMessage, section, slackTime } from '../blocks.js';

const mention = (id: string) => `<@${id}>`;
const button = (actionId: string, text: string, value: string, primary = false): types.Button[] => [
  {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
    ...(primary ? { style: 'primary' as const } : {}),
  },
];

/** The button's value: which group of which round. */
export const encodeGroupRef = (p: { ritualId: number; roundDate: string; groupNo: number }) =>
  `${p.ritualId}:${p.roundDate}:${p.groupNo}`;

export function decodeGroupRef(value: string | undefined) {
  const m = /^(\d{1,15}):(\d{4}-\d{2}-\d{2}):(\d{1,4})$/.exec(value ?? '');
  const ritualId = Number(m?.[1]);
  const groupNo = Number(m?.[3]);
  if (!m?.[2] || !Number.isSafeInteger(ritualId) || ritualId <= 0 || groupNo <= 0) return undefined;
  return DateTime.fromISO(m[2]).isValid ? { ritualId, roundDate: m[2], groupNo } : undefined;
}

/** A group's introduction: who, why, a conversation starter and two times that suit them all. */
export function pairsIntro(d: PairsViews['pairs.intro']): SlackMessage {
  const who = listOf(d.members.map(mention));
  const why = d.acrossSides
    ? 'from both sides of the collaboration, to get to know each other beyond the work'
    : 'to get to know each other beyond the work';
  const slots = d.slots.map((s) => {
    const outside = s.outsideHoursFor.length > 0 ? ' (outside working hours for some of you)' : '';
    return `• ${slackTime(new Date(s.start))}${outside}`;
  });
  return message(`Coffee pairs in <#${d.channelId}>: ${who}`, [
    section(`:coffee: *Coffee pairs in <#${d.channelId}>*\n${who}: you are paired this round, ${why}.`),
    section(`*To start:* ${d.starter}`),
    ...(slots.length > 0
      ? [section(`*Two times that fall in everyone's working hours* (30 minutes):\n${slots.join('\n')}`)]
      : []),
    context(
      `The round ends ${slackTime(new Date(d.endsAt))}. Halfway, I will ask whether you met. \`/pairs leave\` in <#${d.channelId}> stops pairing you.`,
    ),
  ]);
}

/** Halfway: did you meet? One button; once pressed, who said so. */
export function pairsCheck(d: PairsViews['pairs.check']): SlackMessage {
  const who = listOf(d.members.map(mention));
  if (d.met) {
    return message(`${who} met this round`, [
      section(
        `:white_check_mark: *You met* this round: ${mention(d.met.by)} said so ${slackTime(new Date(d.met.at))}. Thank you!`,
      ),
    ]);
  }
  return message(`Did you meet? ${who}`, [
    section(
      `:wave: ${who}: halfway through this round of ${d.skills ? 'skill-share pairs' : 'coffee pairs'} in <#${d.channelId}>. *Did you meet?*`,
    ),
    { type: 'actions', elements: button(PAIRS.met, 'We met', encodeGroupRef(d), true) },
    context('Only whether you met is kept: no notes, no times. No answer counts as not met.'),
  ]);
}

/** In the channel when its pairs are set up: what they are, with Join and Leave. */
export function pairsChannelIntro(d: PairsViews['pairs.channel-intro']): SlackMessage {
  const how = { weekly: 'Every week', biweekly: 'Every other week', monthly: 'Once a month' }[d.cadence];
  const first = d.firstRoundAt ? ` The first round is ${slackTime(new Date(d.firstRoundAt))}.` : '';
  return message('Coffee pairs: join to meet people from across this collaboration', [
    section(
      `:coffee: *Coffee pairs* · ${how}, Rapport pairs the people of <#${d.channelId}> who joined, across the sides wherever it can, and opens a conversation for each pair with a starter and two times that suit both.${first}`,
    ),
    context('Nobody is paired without joining. `/pairs pause YYYY-MM-DD` skips rounds until a date.'),
    {
      type: 'actions',
      elements: [
        ...button(PAIRS.join, 'Join', d.channelId, true),
        ...button(PAIRS.leave, 'Leave', d.channelId),
      ],
    },
  ]);
}
