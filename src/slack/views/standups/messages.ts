import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { Answer } from '../../../db/repos/standups.js';
import { ACTIONS, CHECKIN_INPUT, checkinBlockId, VIEWS } from '../../ids.js';
import type { SlackMessage } from '../blocks.js';
import { clockTime, context, escapeMrkdwn, slackTime, message, quote, section, truncate } from '../blocks.js';
import { formModal } from '../form-modal.js';
import { zoneNoticeBlocks } from '../people/time-zone.js';
import type { PromptSettled, StandupViews } from '../../../standups/standup-views.js';

export type CheckinRef = { ritualId: number; localDate: string };

export const encodeRef = (ref: CheckinRef) => JSON.stringify({ r: ref.ritualId, d: ref.localDate });

export function decodeRef(value: string | undefined): CheckinRef | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as { r?: unknown; d?: unknown };
    if (typeof parsed.r === 'number' && typeof parsed.d === 'string' && /^\d{4}-\d\d-\d\d$/.test(parsed.d)) {
      return { ritualId: parsed.r, localDate: parsed.d };
    }
  } catch {
    // not ours
  }
  return undefined;
}

/** "Friday, 20 November". */
export const dayName = (localDate: string) => DateTime.fromISO(localDate).toFormat('cccc, d LLLL');

/** The DM each participant gets when their stand-up is due, or, with a close time, its reminder. */
export function standupPrompt(input: StandupViews['standups.prompt']): SlackMessage {
  if (input.settled) return settledPrompt({ ...input, settled: input.settled });
  const value = encodeRef(input);
  const title = `Stand-up for <#${input.channelId}>, ${dayName(input.localDate)}`;
  const closes = input.reminderClosesAt;
  const text = closes ? `Reminder: ${title} closes ${slackTime(closes)}` : title;
  return message(text, [
    section(
      closes
        ? `:alarm_clock: *Reminder:* your stand-up for <#${input.channelId}> (${dayName(input.localDate)}) closes ${slackTime(closes)}.`
        : `:sunrise: *Stand-up for <#${input.channelId}>* · ${dayName(input.localDate)}`,
    ),
    section(input.questions.map((q) => `• ${escapeMrkdwn(q)}`).join('\n')),
    {
      type: 'actions',
      elements: [
        answerButton('Answer', value, true),
        {
          type: 'button',
          action_id: ACTIONS.standupSkip,
          text: { type: 'plain_text', text: 'Skip today' },
          value,
        },
      ],
    },
    ...zoneNoticeBlocks(input.zone),
  ]);
}

const answerButton = (label: string, value: string, primary: boolean) => ({
  type: 'button' as const,
  action_id: ACTIONS.standupAnswer,
  text: { type: 'plain_text' as const, text: label },
  ...(primary ? { style: 'primary' as const } : {}),
  value,
});

/**
 * The prompt (or its reminder) once the person answered or skipped the day: what they did, and
 * what is still open to them: Edit reopens their answers; after a skip, Answer anyway.
 */
function settledPrompt(input: StandupViews['standups.prompt'] & { settled: PromptSettled }): SlackMessage {
  const value = encodeRef(input);
  const title = `Stand-up for <#${input.channelId}>, ${dayName(input.localDate)}`;
  const done =
    input.settled.kind === 'answered'
      ? `Answered at ${clockTime(input.settled.at, input.settled.zone)}`
      : 'Skipped today';
  return message(`${title}: ${done.toLowerCase()}`, [
    section(`:sunrise: *Stand-up for <#${input.channelId}>* · ${dayName(input.localDate)}`),
    section(`${input.settled.kind === 'answered' ? ':white_check_mark:' : ':fast_forward:'} ${done}`),
    {
      type: 'actions',
      elements: [
        input.settled.kind === 'answered'
          ? answerButton('Edit', value, false)
          : answerButton('Answer anyway', value, false),
      ],
    },
    ...zoneNoticeBlocks(input.zone),
  ]);
}

/** The check-in modal's title, also shown while it loads. */
export const CHECKIN_TITLE = 'Stand-up';

/** The modal with one input per question, filled with earlier answers when editing. */
export function checkinModal(
  input: { channelId: string; questions: string[]; answers?: Answer[] } & CheckinRef,
): types.ModalView {
  return formModal({
    callbackId: VIEWS.standupCheckin,
    metadata: encodeRef(input),
    title: CHECKIN_TITLE,
    submit: 'Post',
    blocks: [
      context(`For <#${input.channelId}> · ${dayName(input.localDate)}`),
      ...input.questions.map((question, i) => ({
        type: 'input' as const,
        block_id: checkinBlockId(i),
        optional: true,
        label: { type: 'plain_text' as const, text: truncate(question, 2000) },
        element: {
          type: 'plain_text_input' as const,
          action_id: CHECKIN_INPUT,
          multiline: true,
          max_length: 3000,
          ...(input.answers?.[i]?.answer ? { initial_value: input.answers[i]?.answer } : {}),
        },
      })),
    ],
  });
}

/** One person's answers, in the day's thread. */
export function checkinReply(input: { userId: string; answers: Answer[]; blocker: boolean }): SlackMessage {
  const headline = `<@${input.userId}> checked in${input.blocker ? ' · :warning: raised a blocker' : ''}`;
  const answered = input.answers.filter((a) => a.answer !== '');
  return message(headline, [
    section(headline),
    ...answered.map((a) => section(`*${escapeMrkdwn(a.question)}*\n${quote(escapeMrkdwn(a.answer))}`)),
  ]);
}
