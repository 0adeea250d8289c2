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
  };
  /** The day's channel message while it is open; answers go in its thread. */
  'standups.header': { localDate: string };
  /** The day's channel message once it has closed. */
  'standups.summary': DaySummary;
  /** One person's answers, in the day's thread. */
  'standups.checkin': { userId: string; answers: Answer[]; blocker: boolean };
};

export const standupView = viewsOf<StandupViews>();

/** Outbox keys of a stand-up day's messages. */
export const standupKeys = {
  header: (ritualId: number, localDate: string) => `standup-header:${ritualId}:${localDate}`,
  close: (ritualId: number, localDate: string) => `standup-close:${ritualId}:${localDate}`,
  checkin: (ritualId: number, localDate: string, userId: string) =>
    `standup-checkin:${ritualId}:${localDate}:${userId}`,
};
