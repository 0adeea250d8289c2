import { viewsOf } from '../db/repos/outbox.js';
import type { CharterPart, CharterText, EscalationLevel, ReviewCadence } from './charter-text.js';

/** One saved version of a channel's charter. */
export type CharterVersion = {
  channelId: string;
  version: number;
  text: CharterText;
  savedBy: string;
  savedAt: Date;
};

/** What a version changed from the one before it. */
export type CharterChange = { version: number; savedBy: string; savedAt: Date; changed: CharterPart[] };

/** The governance review put to the channel, and once answered, what was done and by whom. */
export type CharterReview = {
  reviewId: number;
  channelId: string;
  /** The version whose decision rights and levels are asked about. */
  version: number;
  decisionRights: string[];
  levels: EscalationLevel[];
  cadence: ReviewCadence;
  answer: {
    outcome: 'confirmed' | 'revised';
    by: string;
    at: Date;
    /** The version a revision saved. */
    revisedVersion: number | null;
    /** When the channel is asked next; null when it is not (never, or nothing to review). */
    nextDueAt: Date | null;
  } | null;
};

/** What the charter says in Slack, as data; src/slack/views renders each when it is delivered. */
export type CharterViews = {
  /** The channel's one charter message, showing the latest version. */
  'charter.message': CharterVersion;
  /** To whoever saved, privately, where the bot may not post the charter. */
  'charter.not-posted': { channelId: string; version: number };
  /** To whoever saved, privately: nothing differed from the latest version. */
  'charter.unchanged': { channelId: string; version: number };
  /** In the channel when a review comes due: the decision rights and levels, Still right and Revise. */
  'charter.review': CharterReview;
};

export const charterView = viewsOf<CharterViews>();
