import { DateTime } from 'luxon';
import type { ReviewViews } from '../../../reviews/review-views.js';
import { REVIEWS } from '../../ids.js';
import { type Block, message, type SlackMessage, section, slackTime } from '../blocks.js';

type Prompt = ReviewViews['reviews.prompt'];

/** "Monday, 4 January". */
export const reviewDayName = (reviewDate: string) => DateTime.fromISO(reviewDate).toFormat('cccc, d LLLL');

/** The button's value: which review it answers. */
export const encodeReviewRef = (p: { ritualId: number; reviewDate: string }) =>
  `${p.ritualId}:${p.reviewDate}`;

export function decodeReviewRef(
  value: string | undefined,
): { ritualId: number; reviewDate: string } | undefined {
  const m = /^(\d{1,15}):(\d{4}-\d{2}-\d{2})$/.exec(value ?? '');
  const ritualId = Number(m?.[1]);
  if (!m?.[2] || !Number.isSafeInteger(ritualId) || ritualId <= 0) return undefined;
  return DateTime.fromISO(m[2]).isValid ? { ritualId, reviewDate: m[2] } : undefined;
}

/** The DM a week before a review (or its reminder a day before): three questions and an Answer button. */
export function reviewPrompt(p: Prompt): SlackMessage {
  if (p.answered) return answeredPrompt(p);
  const what = p.cadence === 'monthly' ? 'monthly review' : 'quarterly review';
  const at = slackTime(new Date(p.reviewAt));
  const title = `The ${what} of <#${p.channelId}> is ${at}`;
  return message(p.reminder ? `Reminder: ${title}` : title, [
    section(
      p.reminder
        ? `:alarm_clock: *Reminder:* the ${what} of <#${p.channelId}> is ${at}, and your answer is still missing.`
        : `:compass: *The ${what} of <#${p.channelId}>* is ${at} (${reviewDayName(p.reviewDate)}).`,
    ),
    section(
      [
        'Before it, please share:',
        `• your *top 3 priorities* for the next ${p.cadence === 'monthly' ? 'month' : 'quarter'};`,
        '• what the partner did that *helped most*;',
        '• *one thing to change*.',
        'The review pack shows each side’s answers side by side, without names, and highlights the priorities both sides share. You can change your answer until the review begins.',
      ].join('\n'),
    ),
    answerButton(p, 'Answer', true),
  ]);
}

const answerButton = (p: Prompt, label: string, primary: boolean): Block => ({
  type: 'actions',
  elements: [
    {
      type: 'button',
      action_id: REVIEWS.answer,
      text: { type: 'plain_text', text: label },
      ...(primary ? { style: 'primary' as const } : {}),
      value: encodeReviewRef(p),
    },
  ],
});

/** The DM (or its reminder) once the person answered: said so, and Change answer until the review. */
function answeredPrompt(p: Prompt): SlackMessage {
  const what = p.cadence === 'monthly' ? 'monthly review' : 'quarterly review';
  const at = slackTime(new Date(p.reviewAt));
  return message(`The ${what} of <#${p.channelId}> is ${at}: answered`, [
    section(`:compass: *The ${what} of <#${p.channelId}>* is ${at} (${reviewDayName(p.reviewDate)}).`),
    section(':white_check_mark: Answered · thank you. You can change your answer until the review begins.'),
    answerButton(p, 'Change answer', false),
  ]);
}
