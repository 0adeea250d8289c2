import type { OutboxFile } from '../db/repos/outbox.js';
import { viewsOf } from '../db/repos/outbox.js';

/** What "my data" says in Slack, as data; src/slack/views/privacy renders each when it is delivered. */
export type PrivacyViews = {
  /** The DM that introduces the file (which follows in its thread): how many records, of which types. */
  'privacy.my-data': { records: number; types: Record<string, number> };
};

/** The file itself: one JSON object a line, in the export's record types. */
export type PrivacyFiles = { 'privacy.my-data-file': OutboxFile };

export const privacyView = viewsOf<PrivacyViews>();
export const privacyFile = viewsOf<PrivacyFiles>();
