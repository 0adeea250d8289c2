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
    /** Once the person answered: said so, and their answer open to change until the review. */
    answered?: true;
  };
  /** The review pack, posted in the channel at the review's time. */
  'reviews.pack': ReviewPack;
};

export const reviewView = viewsOf<ReviewViews>();

/** A person's review DM (a week before), or its reminder (a day before). */
export const reviewDmKey = (
  purpose: 'prompt' | 'reminder',
  ritualId: number,
  userId: string,
  reviewDate: string,
) => `review-${purpose}:${ritualId}:${userId}:${reviewDate}`;
