import type { Queryable } from '../db/database.js';
import { digestLists, type Listed, type ListedAction } from '../db/repos/health-digest.js';
import { givesOfChannel } from '../db/repos/gives.js';
import { type Flow as LedgerFlow, flowsOf, quarterName, quarterStart } from '../gives/ledger-summary.js';
import { type StoredPeriod, storedPeriodsBetween, storePeriod } from '../db/repos/health-periods.js';
import type { Period } from '../db/repos/health.js';
import type { TrendPoint } from './chart.js';
import { periodsInputs } from './period-inputs.js';
import { scorecardOf } from './scorecard.js';
import { namesCover, type SideNames, sideNamesOf } from './side-names.js';

export const PERIOD_DAYS = 7;
export const TREND_PERIODS = 8;
const DAY_MS = 24 * 60 * 60 * 1000;
export const PERIOD_MS = PERIOD_DAYS * DAY_MS;
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
  /** What each side gave the other in the quarter so far (the give ledger), confirmed values only. */
  valueGiven: { quarter: string; flows: LedgerFlow[] };
  /** What the sides of its weeks and of the ledger are called (a workspace's name for an undeclared side). */
  sideNames: SideNames;
};

/** The period of 7 days that ends at `end`. */
export function periodEnding(teamId: string, channelId: string, end: Date): Period {
  return { teamId, channelId, start: new Date(end.getTime() - PERIOD_MS), end };
}

/**
 * The scorecards of one channel's periods ending at each of `ends`, in that order, computed now
 * from what the rituals recorded; counted together, so several weeks cost little more than one.
 */
export async function computePeriods(
  q: Queryable,
  teamId: string,
  channelId: string,
  ends: Date[],
): Promise<PeriodScorecard[]> {
  if (ends.length === 0) return [];
  const periods = ends.map((end) => ({ start: new Date(end.getTime() - PERIOD_MS), end }));
  const inputs = await periodsInputs(q, { teamId, channelId, periods });
  return periods.map((p, i) => {
    const counts = inputs[i];
    if (!counts) throw new Error(`no counts for the period ending ${p.end.toISOString()}`);
    return { ...scorecardOf(counts), start: p.start, end: p.end, inputs: counts };
  });
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
  // The quarter the week ends in: the one holding its last instant (a week may end at a quarter's start).
  const lastInstant = new Date(end.getTime() - 1);
  const [{ weeks, sideNames: weekNames }, lists, ledger] = await Promise.all([
    trendWeeks(q, input),
    digestLists(q, period, limit),
    givesOfChannel(q, { teamId, channelId, since: quarterStart(lastInstant), until: end }),
  ]);
  // The week's give flows are in the ledger's quarter; a side only the ledger has is named too.
  const flows = flowsOf(ledger).filter((f) => f.confirmed > 0);
  const ledgerSides = {
    sides: [...new Set(flows.flatMap((f) => [f.from, f.to]))],
    kudosFlows: [],
    creditFlows: [],
  };
  const sideNames = namesCover(weekNames, ledgerSides)
    ? weekNames
    : { ...weekNames, ...(await sideNamesOf(q, teamId, [ledgerSides])) };
  const { kudos, credits, actionsDone, overdue, blockers } = lists;
  const current = weeks.at(-1);
  if (!current) throw new Error('a digest without its week');
  const weeksBefore = weeks.slice(0, -1);
  return {
    channelId,
    current,
    previous: weeksBefore.at(-1) ?? null,
    trend: weeks.filter((p) => p.score !== null).map((p) => ({ periodEnd: p.end, pillars: p.pillars })),
    highlights: { kudos, credits, actionsDone },
    attention: { overdue, blockers },
    valueGiven: { quarter: quarterName(lastInstant), flows },
    sideNames,
  };
}

/**
 * The 8 weeks ending at `end`, oldest first, and the names of the current week's sides. The
 * current week is stored (or read back, when this end was published before); each week before it
 * is the stored period that stands for it, or is computed now (all such weeks in one pass) and
 * stored when it has any data. The weeks are stored while the side names are read, so a weekly
 * digest waits for two round trips after its counts, not three.
 */
async function trendWeeks(
  q: Queryable,
  input: { teamId: string; channelId: string; end: Date; now: Date },
): Promise<{ weeks: PeriodScorecard[]; sideNames: SideNames }> {
  const { teamId, channelId, end } = input;
  const weekEnds = Array.from(
    { length: TREND_PERIODS },
    (_, i) => new Date(end.getTime() - (TREND_PERIODS - 1 - i) * PERIOD_MS),
  );
  // The current week is counted while the stored weeks are read: a weekly digest needs no other.
  const [stored, [counted]] = await Promise.all([
    storedPeriodsBetween(q, teamId, channelId, new Date((weekEnds[0] as Date).getTime() - SAME_WEEK_MS), end),
    computePeriods(q, teamId, channelId, [end]),
  ]);
  const standIns = weekEnds.map((weekEnd, i) =>
    i === TREND_PERIODS - 1
      ? stored.find((p) => p.end.getTime() === end.getTime())
      : closest(stored, weekEnd, end),
  );
  const missing = weekEnds.slice(0, -1).filter((_, i) => standIns[i] === undefined);
  const computed = [...(await computePeriods(q, teamId, channelId, missing)), counted as PeriodScorecard];
  const weeks = standIns.map((standIn) => standIn ?? (computed.shift() as PeriodScorecard));
  // A week before with no data at all is not kept: the history lists weeks something happened in.
  const toStore = weeks.flatMap((week, i) =>
    standIns[i] === undefined && (i === TREND_PERIODS - 1 || week.score !== null) ? [i] : [],
  );
  const current = weeks.at(-1) as PeriodScorecard;
  const [kept, names] = await Promise.all([
    Promise.all(
      toStore.map((i) => storePeriod(q, teamId, channelId, weeks[i] as PeriodScorecard, input.now)),
    ),
    sideNamesOf(q, teamId, [current.inputs]),
  ]);
  for (const [n, i] of toStore.entries()) weeks[i] = kept[n] as PeriodScorecard;
  // Another digest of the same week may have stored its own count first: that one is published.
  const published = weeks.at(-1) as PeriodScorecard;
  const sideNames = namesCover(names, published.inputs)
    ? names
    : await sideNamesOf(q, teamId, [published.inputs]);
  return { weeks, sideNames };
}

/** The stored period closest to a week's end, within SAME_WEEK_MS, other than the current one. */
function closest(stored: PeriodScorecard[], weekEnd: Date, currentEnd: Date): PeriodScorecard | undefined {
  let best: PeriodScorecard | undefined;
  const distance = (p: PeriodScorecard) => Math.abs(p.end.getTime() - weekEnd.getTime());
  for (const p of stored) {
    if (p.end.getTime() === currentEnd.getTime()) continue;
    if (distance(p) <= SAME_WEEK_MS && (!best || distance(p) < distance(best))) best = p;
  }
  return best;
}
