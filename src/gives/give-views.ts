import type { GiveRow, ReceiverRow } from '../db/repos/gives.js';
import { viewsOf } from '../db/repos/outbox.js';

/** What the give ledger says in Slack, as data; src/slack/views renders each when it is delivered. */
export type GiveViews = {
  /** A receiver's DM asking them to confirm what the give was worth, or say it didn't help. */
  'gives.request-dm': { give: GiveRow; receiver: ReceiverRow };
  /** That DM once they answered. */
  'gives.answered-dm': { give: GiveRow; receiver: ReceiverRow };
};

export const giveView = viewsOf<GiveViews>();
