import { viewsOf } from '../db/repos/outbox.js';
import type { Answer } from '../db/repos/standups.js';
import type { ZoneNotice } from '../rituals/zone-notice.js';
import type { DaySummary } from './day-summary.js';

/** What stand-ups say in Slack, as data; src/slack/views renders each when it is delivered. */
export type StandupViews = {
  /** The DM when a person's stand-up is due, or, with a close time, its reminder. */
  'standups.prompt': {
    ritualId: number;
    localDate: string;
    channelId: string;
    questions: string[];
    reminderClosesAt?: Date;
    /** The zone Rapport assumed for the person, when it had to; the first asks for theirs. */
    zone?: ZoneNotice;
    /** Once the person answered or skipped the day: what they did, instead of the questions. */
    settled?: PromptSettled;
  };
  /** The day's channel message while it is open; answers go in its thread. */
  'standups.header': { localDate: string };
  /** The day's channel message once it has closed. */
  'standups.summary': DaySummary;
  /** One person's answers, in the day's thread. */
  'standups.checkin': { userId: string; answers: Answer[]; blocker: boolean };
};

/** What a prompt says once acted on: answered at a time (shown in `zone`, 24-hour), or skipped. */
export type PromptSettled = { kind: 'answered'; at: Date; zone: string } | { kind: 'skipped' };

export const standupView = viewsOf<StandupViews>();

/** Outbox keys of a stand-up day's messages. */
export const standupKeys = {
  header: (ritualId: number, localDate: string) => `standup-header:${ritualId}:${localDate}`,
  close: (ritualId: number, localDate: string) => `standup-close:${ritualId}:${localDate}`,
  /** A person's prompt DM for a day, or its reminder. */
  dm: (purpose: 'prompt' | 'reminder', ritualId: number, userId: string, localDate: string) =>
    `standup-${purpose}:${ritualId}:${userId}:${localDate}`,
  checkin: (ritualId: number, localDate: string, userId: string) =>
    `standup-checkin:${ritualId}:${localDate}:${userId}`,
};
