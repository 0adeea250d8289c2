import { DateTime } from 'luxon';
import { PULSE } from '../../ids.js';
import { escapeMrkdwn, message, type SlackMessage, section, slackTime } from '../blocks.js';
import { encodePulseRef, type PulseRef } from './ref.js';
import { zoneNoticeBlocks } from '../people/time-zone.js';
import type { ZoneNotice } from '../../../rituals/zone-notice.js';

/** "Friday, 20 November". */
export const roundDayName = (roundDate: string) => DateTime.fromISO(roundDate).toFormat('cccc, d LLLL');

/** The DM each participant gets: the statements and an Answer button; or, with a close time, its reminder. */
export function pulsePrompt(
  input: PulseRef & { channelId: string; statements: string[]; reminderClosesAt?: Date; zone?: ZoneNotice },
): SlackMessage {
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
