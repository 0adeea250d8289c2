import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  countKudosOf,
  type KudosCounts,
  type ReceivedKudos,
  recentKudosReceived,
} from '../db/repos/kudos.js';

export const RECENT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type KudosSummary = KudosCounts & { latestReceived: ReceivedKudos[] };

/**
 * What one person received and gave: counts for 30 days and all time, and the latest thanks; in one
 * record set, or in several (the Home tab: a workspace's own and its shared channels').
 */
export async function summarizeKudos(
  deps: { db: Database; clock: Clock },
  teamId: string | readonly string[],
  userId: string,
): Promise<KudosSummary> {
  const since = new Date(deps.clock.now().getTime() - RECENT_DAYS * DAY_MS);
  const [counts, latestReceived] = await Promise.all([
    countKudosOf(deps.db, teamId, userId, since),
    recentKudosReceived(deps.db, teamId, userId, 3),
  ]);
  return { ...counts, latestReceived };
}
