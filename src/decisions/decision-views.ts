import { viewsOf } from '../db/repos/outbox.js';
import type { DecisionRow } from '../db/repos/decisions.js';

export type ReviewReminder = Pick<
  DecisionRow,
  'id' | 'channel_id' | 'source_permalink' | 'logged_by' | 'created_at'
>;

/** What the decision log says in Slack, as data; src/slack/views renders each when it is delivered. */
export type DecisionViews = {
  /** The decision's message in its channel. */
  'decisions.message': DecisionRow;
  /**
   * The owner's DM on the morning of the review date: where and when, never the decision's text
   * (its channel may be private), so the queued DM does not hold it either.
   */
  'decisions.review': ReviewReminder;
  /** To whoever logged it, privately, where the bot may not post in the channel. */
  'decisions.not-posted': DecisionRow;
};

export const decisionView = viewsOf<DecisionViews>();
