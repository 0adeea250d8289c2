import { viewsOf } from '../db/repos/outbox.js';
import type { ZoneNotice } from '../rituals/zone-notice.js';
import type { RoundResults } from './results.js';

/** What pulse checks say in Slack, as data; src/slack/views renders each when it is delivered. */
export type PulseViews = {
  /** The DM that opens a round (or, with a close time, its reminder). */
  'pulse.prompt': {
    teamId: string;
    ritualId: number;
    roundDate: string;
    channelId: string;
    statements: string[];
    reminderClosesAt?: Date;
    /** The zone Rapport assumed for the person, when it had to; the first asks for theirs. */
    zone?: ZoneNotice;
    /** Once the person answered: thanks, and nothing of what they answered. */
    answered?: true;
  };
  /** The round's results in the channel: counts and spreads only, never who answered what. */
  'pulse.results': { channelId: string; roundDate: string; results: RoundResults };
};

export const pulseView = viewsOf<PulseViews>();

/** A person's pulse check DM for a round, or its reminder. */
export const pulseDmKey = (
  purpose: 'prompt' | 'reminder',
  ritualId: number,
  userId: string,
  roundDate: string,
) => `pulse-${purpose}:${ritualId}:${userId}:${roundDate}`;
