import { viewsOf } from '../db/repos/outbox.js';
import type { ReviewPack } from './review-pack.js';

/** What reviews say in Slack, as data; src/slack/views/reviews renders each when it is delivered. */
export type ReviewViews = {
  /** The DM a week before the review asking for the person's answer (or, as a reminder, a day before). */
  'reviews.prompt': {
    ritualId: number;
    reviewDate: string;
    channelId: string;
    cadence: 'quarterly' | 'monthly';
    /** When the review is, ISO 8601: the answers close then. */
    reviewAt: string;
    reminder: boolean;
  };
  /** The review pack, posted in the channel at the review's time. */
  'reviews.pack': ReviewPack;
};

export const reviewView = viewsOf<ReviewViews>();
