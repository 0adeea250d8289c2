import { viewsOf } from '../db/repos/outbox.js';

/** How a skill-share pair is suggested to spend its time (src/pairs/skills-matching.ts, sessionFormatFor). */
export type SessionFormat = 'walkthrough' | 'pairing' | 'critique';

/** A time offered to a group, within its members' working hours where they overlap. */
export type OfferedSlot = { start: string; end: string; outsideHoursFor: string[] };

/** What coffee pairs say in Slack, as data; src/slack/views/pairs renders each when it is delivered. */
export type PairsViews = {
  /**
   * A group's introduction, in its own conversation (a group DM, or each member's DM where Slack
   * allows no group DM between them): who, a conversation starter, two times to meet.
   */
  'pairs.intro': {
    ritualId: number;
    roundDate: string;
    groupNo: number;
    channelId: string;
    members: string[];
    starter: string;
    slots: OfferedSlot[];
    /** When the round ends, ISO 8601: the next round. */
    endsAt: string;
    /** Whether the group crosses the channel's sides. */
    acrossSides: boolean;
  };
  /** Halfway through the round: did you meet? One button, "We met". */
  'pairs.check': {
    ritualId: number;
    roundDate: string;
    groupNo: number;
    channelId: string;
    members: string[];
    /** Once a member pressed "We met": who, and when (ISO 8601). */
    met?: { by: string; at: string };
    /** A round of skill-share pairs (kind `skills`) rather than coffee pairs. */
    skills?: boolean;
  };
  /**
   * A skill-share pair's introduction (kind `skills`), in its own conversation: who teaches what to
   * whom (both ways when each can teach the other), a suggested format, and two times to meet.
   */
  'pairs.skills-intro': {
    ritualId: number;
    roundDate: string;
    groupNo: number;
    channelId: string;
    members: string[];
    /** The teacher, the learner and the skills one teaches the other: the round's reason first. */
    teaches: { teacher: string; learner: string; skills: string[] }[];
    format: SessionFormat;
    slots: OfferedSlot[];
    /** When the round ends, ISO 8601: the next round. */
    endsAt: string;
    acrossSides: boolean;
  };
  /** Posted in the channel when its pairs are set up: what they are, with Join and Leave. */
  'pairs.channel-intro': {
    ritualId: number;
    channelId: string;
    cadence: 'weekly' | 'biweekly' | 'monthly';
    /** The first round's time, ISO 8601. */
    firstRoundAt: string | null;
  };
};

export const pairsView = viewsOf<PairsViews>();

export const pairsKeys = {
  intro: (ritualId: number, roundDate: string, groupNo: number) =>
    `pairs-intro:${ritualId}:${roundDate}:${groupNo}`,
  skillsIntro: (ritualId: number, roundDate: string, groupNo: number) =>
    `pairs-skills-intro:${ritualId}:${roundDate}:${groupNo}`,
  check: (ritualId: number, roundDate: string, groupNo: number) =>
    `pairs-check:${ritualId}:${roundDate}:${groupNo}`,
  channelIntro: (ritualId: number) => `pairs-channel-intro:${ritualId}`,
};

/**
 * Where a group's messages go: its members' ids, sorted and joined by commas. The outbox opens the
 * group DM (conversations.open with these users) when it delivers.
 */
export const groupConversation = (members: readonly string[]) => [...members].sort().join(',');
