import { DateTime } from 'luxon';
import { PULSE } from '../../ids.js';
import { context, escapeMrkdwn, message, type SlackMessage, section, slackTime } from '../blocks.js';
import { encodePulseRef } from './ref.js';
import { zoneNoticeBlocks } from '../people/time-zone.js';
import type { PulseViews } from '../../../pulse/pulse-views.js';

type Prompt = Omit<PulseViews['pulse.prompt'], 'teamId'>;

/** "Friday, 20 November". */
export const roundDayName = (roundDate: string) => DateTime.fromISO(roundDate).toFormat('cccc, d LLLL');

/** The DM each participant gets: the statements and an Answer button; or, with a close time, its reminder. */
export function pulsePrompt(input: Prompt): SlackMessage {
  if (input.answered) return answeredPrompt(input);
  const closes = input.reminderClosesAt;
  const title = `Pulse check for <#${input.channelId}>, ${roundDayName(input.roundDate)}`;
  const text = closes ? `Reminder: ${title} closes ${slackTime(closes)}` : title;
  return message(text, [
    section(
      closes
        ? `:alarm_clock: *Reminder:* the pulse check for <#${input.channelId}> closes ${slackTime(closes)}.`
        : `:bar_chart: *Pulse check for <#${input.channelId}>* · ${roundDayName(input.roundDate)}`,
    ),
    section(
      `How much do you agree, from 1 (strongly disagree) to 5 (strongly agree)?\n${input.statements
        .map((s) => `• ${escapeMrkdwn(s)}`)
        .join('\n')}`,
    ),
    section(
      ':lock: Anonymous: your scores and comment are stored without your name, and results are shown only in aggregate, once at least 3 people have answered.',
    ),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: PULSE.answer,
          text: { type: 'plain_text', text: 'Answer' },
          style: 'primary',
          value: encodePulseRef(input),
        },
      ],
    },
    ...zoneNoticeBlocks(input.zone),
  ]);
}

/**
 * The prompt (or its reminder) once the person answered: thanks, and nothing of the answer, which
 * is anonymous; no button, as a round takes one answer per person.
 */
function answeredPrompt(input: Prompt): SlackMessage {
  const title = `Pulse check for <#${input.channelId}>, ${roundDayName(input.roundDate)}`;
  return message(`${title}: answered, thank you`, [
    section(`:bar_chart: *Pulse check for <#${input.channelId}>* · ${roundDayName(input.roundDate)}`),
    section(':white_check_mark: Answered · thank you.'),
    context(
      ':lock: Your answer is stored without your name; the channel sees results only in aggregate, once the round closes with at least 3 answers.',
    ),
    ...zoneNoticeBlocks(input.zone),
  ]);
}
