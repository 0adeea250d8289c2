import { viewsOf } from '../db/repos/outbox.js';
import type { ContributorRow, CreditRow } from '../db/repos/credits.js';

/** What credits say in Slack, as data; src/slack/views renders each when it is delivered. */
export type CreditViews = {
  /** The credit's channel message: every contributor's part and where it stands. */
  'credits.message': { credit: CreditRow; contributors: ContributorRow[] };
  /** The contributor's DM asking them to confirm, correct or decline their part. */
  'credits.request-dm': { credit: CreditRow; contributor: ContributorRow };
  /** That DM once they answered. */
  'credits.answered-dm': { credit: CreditRow; contributor: ContributorRow };
};

export const creditView = viewsOf<CreditViews>();
