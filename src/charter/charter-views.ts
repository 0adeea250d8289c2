import { viewsOf } from '../db/repos/outbox.js';
import type { CharterPart, CharterText } from './charter-text.js';

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

/** What the charter says in Slack, as data; src/slack/views renders each when it is delivered. */
export type CharterViews = {
  /** The channel's one charter message, showing the latest version. */
  'charter.message': CharterVersion;
  /** To whoever saved, privately, where the bot may not post the charter. */
  'charter.not-posted': { channelId: string; version: number };
  /** To whoever saved, privately: nothing differed from the latest version. */
  'charter.unchanged': { channelId: string; version: number };
};

export const charterView = viewsOf<CharterViews>();
