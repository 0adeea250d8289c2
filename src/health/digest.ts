import type { Queryable } from '../db/database.js';
import {
  completedActions,
  confirmedDeliverables,
  type Listed,
  type ListedAction,
  openBlockers,
  overdueActions,
  recentKudosReasons,
} from '../db/repos/health-digest.js';
import { type StoredPeriod, storedPeriodsBetween, storePeriod } from '../db/repos/health-periods.js';
import type { Period } from '../db/repos/health.js';
import type { TrendPoint } from './chart.js';
import { periodInputs } from './period-inputs.js';
import { scorecardOf } from './scorecard.js';

export const PERIOD_DAYS = 7;
export const TREND_PERIODS = 8;
const DAY_MS = 24 * 60 * 60 * 1000;
const PERIOD_MS = PERIOD_DAYS * DAY_MS;
/**
 * A stored period stands for a week of the trend when it ends within this long of the week's end:
 * a weekly digest at 09:00 local moves by an hour in UTC when the clocks change, and a digest
 * posted by hand a day after the scheduled one still reads the same weeks.
 */
const SAME_WEEK_MS = 36 * 60 * 60 * 1000;
/** How many items of each list a digest shows; the rest are counted. */
export const DIGEST_SHOWS = 3;

/** One period's scorecard with the counts behind it. */
export type PeriodScorecard = StoredPeriod;

export type Digest = {
  channelId: string;
  current: PeriodScorecard;
  /** The week before, as it was published (or computed now, when no digest covered it). */
  previous: PeriodScorecard | null;
  /** Up to 8 weeks ending with the current one, oldest first; weeks without data are left out. */
  trend: TrendPoint[];
  highlights: {
    kudos: Listed<{ giverId: string; receiverIds: string[]; reason: string }>;
    credits: Listed<{ deliverable: string; link: string | null; contributorIds: string[] }>;
    actionsDone: Listed<ListedAction>;
  };
  attention: {
    overdue: Listed<ListedAction>;
    blockers: Listed<{ userId: string; since: string }>;
  };
};

/** The period of 7 days that ends at `end`. */
export function periodEnding(teamId: string, channelId: string, end: Date): Period {
  return { teamId, channelId, start: new Date(end.getTime() - PERIOD_MS), end };
}

/** A period's scorecard, computed now from what the rituals recorded. */
export async function computePeriod(q: Queryable, period: Period): Promise<PeriodScorecard> {
  const inputs = await periodInputs(q, period);
  return { ...scorecardOf(inputs), start: period.start, end: period.end, inputs };
}

/**
 * The digest of one channel for the week ending at `end`. The week's scorecard is stored as it is
 * published, once: a later digest for the same end reads it back. The trend reads the weeks
 * before from what earlier digests stored; a week no digest covered is computed and stored now
 * (when it has any data), so a channel's first digest already shows its trend.
 */
export async function computeDigest(
  q: Queryable,
  input: { teamId: string; channelId: string; end: Date; now: Date },
): Promise<Digest> {
  const { teamId, channelId, end } = input;
  const period = periodEnding(teamId, channelId, end);
  const limit = DIGEST_SHOWS;
  const [current, weeksBefore, kudos, credits, actionsDone, overdue, blockers] = await Promise.all([
    computePeriod(q, period).then((computed) => storePeriod(q, teamId, channelId, computed, input.now)),
    weeksBeforeOf(q, input),
    recentKudosReasons(q, period, limit),
    confirmedDeliverables(q, period, limit),
    completedActions(q, period, limit),
    overdueActions(q, period, limit),
    openBlockers(q, period, limit),
  ]);
  const trend = [...weeksBefore, current]
    .filter((p) => p.score !== null)
    .map((p) => ({ periodEnd: p.end, pillars: p.pillars }));
  return {
    channelId,
    current,
    previous: weeksBefore.at(-1) ?? null,
    trend,
    highlights: { kudos, credits, actionsDone },
    attention: { overdue, blockers },
  };
}

/** The 7 weeks before the current one, oldest first: stored, or computed and stored now. */
async function weeksBeforeOf(
  q: Queryable,
  input: { teamId: string; channelId: string; end: Date; now: Date },
): Promise<PeriodScorecard[]> {
  const { teamId, channelId, end } = input;
  const oldestEnd = new Date(end.getTime() - (TREND_PERIODS - 1) * PERIOD_MS);
  const stored = await storedPeriodsBetween(
    q,
    teamId,
    channelId,
    new Date(oldestEnd.getTime() - SAME_WEEK_MS),
    new Date(end.getTime() - PERIOD_MS + SAME_WEEK_MS),
  );
  const weeks: PeriodScorecard[] = [];
  for (let k = TREND_PERIODS - 1; k >= 1; k -= 1) {
    const weekEnd = new Date(end.getTime() - k * PERIOD_MS);
    const nearest = closest(stored, weekEnd);
    if (nearest) {
      weeks.push(nearest);
      continue;
    }
    const computed = await computePeriod(q, periodEnding(teamId, channelId, weekEnd));
    // A week with no data at all is not kept: the history lists weeks something happened in.
    weeks.push(
      computed.score === null ? computed : await storePeriod(q, teamId, channelId, computed, input.now),
    );
  }
  return weeks;
}

function closest(stored: PeriodScorecard[], weekEnd: Date): PeriodScorecard | undefined {
  let best: PeriodScorecard | undefined;
  for (const p of stored) {
    const distance = Math.abs(p.end.getTime() - weekEnd.getTime());
    if (distance <= SAME_WEEK_MS && (!best || distance < Math.abs(best.end.getTime() - weekEnd.getTime()))) {
      best = p;
    }
  }
  return best;
}
