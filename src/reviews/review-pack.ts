import { DateTime } from 'luxon';
import type { Queryable } from '../db/database.js';
import { openActionItems } from '../db/repos/action-items.js';
import { actionOf, type ListedAction } from '../db/repos/health-digest.js';
import { latestCharterVersion } from '../db/repos/charter.js';
import { decisionsDueForReview } from '../db/repos/decisions.js';
import { givesOfChannel } from '../db/repos/gives.js';
import { storedPeriodsBetween } from '../db/repos/health-periods.js';
import { type ReviewKey, reviewAnswers } from '../db/repos/reviews.js';
import { type Flow, flowsOf } from '../gives/ledger-summary.js';
import { type SideNames, sideNamesOf } from '../health/side-names.js';
import { groupPriorities, type PriorityGroup } from './overlap.js';

/** How many of each list the pack shows (and how many there were in all). */
export const PACK_LIMIT = 8;

/** What the review pack shows: all of it plain data, as the outbox stores it. */
export type ReviewPack = {
  channelId: string;
  reviewDate: string;
  cadence: 'quarterly' | 'monthly';
  /** The period the review looks back on: the quarter (or month) before it, "YYYY-MM-DD" each. */
  since: string;
  answered: number;
  /** Every side's priorities, grouped; the shared groups first. */
  priorities: PriorityGroup[];
  /** What the partner did that helped most, and one thing to change: by the side that said it, no names. */
  said: { side: string; helped: string[]; change: string[] }[];
  /** The health score of each stored week in the period, oldest first. */
  trend: { end: string; score: number | null }[];
  gives: Flow[];
  actions: { items: ListedAction[]; total: number };
  decisions: { items: { decision: string; ownerId: string; reviewDate: string | null }[]; total: number };
  charter: { goal: string; metrics: string | null; version: number } | null;
  sideNames: SideNames;
};

/** Everything the pack shows, read at the review's time from what the rituals recorded. */
export async function buildReviewPack(
  q: Queryable,
  k: ReviewKey & { channelId: string; cadence: 'quarterly' | 'monthly'; now: Date },
): Promise<ReviewPack> {
  const c = { teamId: k.teamId, channelId: k.channelId };
  const since = DateTime.fromISO(k.reviewDate, { zone: 'utc' }).minus(
    k.cadence === 'quarterly' ? { months: 3 } : { months: 1 },
  );
  const sinceDate = since.toJSDate();
  const answers = await reviewAnswers(q, k);
  const sided = answers.filter((a): a is typeof a & { side: string } => a.side !== null);
  const priorities = groupPriorities(
    sided.flatMap((a) => a.priorities.map((text) => ({ side: a.side, text }))),
  );
  const said = [...new Set(sided.map((a) => a.side))].sort().map((side) => {
    const ofSide = sided.filter((a) => a.side === side);
    const texts = (pick: (a: (typeof ofSide)[number]) => string | null) =>
      ofSide.map(pick).filter((t): t is string => t !== null && t.trim() !== '');
    return { side, helped: texts((a) => a.helped), change: texts((a) => a.change) };
  });
  const periods = await storedPeriodsBetween(q, k.teamId, k.channelId, sinceDate, k.now);
  const gives = flowsOf(await givesOfChannel(q, { ...c, since: sinceDate, until: k.now }));
  const actions = await openActionItems(q, k.teamId, k.channelId, PACK_LIMIT);
  const decisions = await decisionsDueForReview(q, c, k.reviewDate, PACK_LIMIT);
  const charter = await latestCharterVersion(q, c);
  const sides = [
    ...said.map((s) => s.side),
    ...priorities.flatMap((p) => p.bySide.map((s) => s.side)),
    ...gives.flatMap((f) => [f.from, f.to]),
  ];
  return {
    channelId: k.channelId,
    reviewDate: k.reviewDate,
    cadence: k.cadence,
    since: since.toISODate() ?? k.reviewDate,
    answered: answers.length,
    priorities,
    said,
    trend: periods.map((p) => ({ end: p.end.toISOString(), score: p.score })),
    gives,
    actions: {
      items: actions.items.map(actionOf),
      total: actions.total,
    },
    decisions: {
      items: decisions.rows.map((d) => ({
        decision: d.decision,
        ownerId: d.owner_id,
        reviewDate: d.review_date,
      })),
      total: decisions.total,
    },
    charter: charter ? { goal: charter.goal, metrics: charter.metrics, version: charter.version } : null,
    sideNames: await sideNamesOf(q, k.teamId, [
      { sides: [...new Set(sides)], kudosFlows: [], creditFlows: [] },
    ]),
  };
}
