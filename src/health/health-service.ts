import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { periodsInputs } from './period-inputs.js';
import { type PeriodInputs, type Scorecard, scorecardOf } from './scorecard.js';

export const PERIOD_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One period's scorecard with the counts behind it. */
export type PeriodScorecard = Scorecard & { start: Date; end: Date; inputs: PeriodInputs };

export type HealthService = ReturnType<typeof createHealthService>;

/** The alliance-health scorecard of a channel: computed for a period, compared with the one before. */
export function createHealthService(deps: { db: Database; clock: Clock }) {
  /** The scorecards of the periods ending at each of `ends`, in that order, counted together. */
  const scorecardsFor = async (
    teamId: string,
    channelId: string,
    ends: Date[],
  ): Promise<PeriodScorecard[]> => {
    const periods = ends.map((end) => ({ start: new Date(end.getTime() - PERIOD_DAYS * DAY_MS), end }));
    const inputs = await periodsInputs(deps.db, { teamId, channelId, periods });
    return periods.map(({ start, end }, i) => {
      const counts = inputs[i];
      if (!counts) throw new Error(`no counts for the period ending ${end.toISOString()}`);
      return { ...scorecardOf(counts), start, end, inputs: counts };
    });
  };

  const scorecardFor = async (teamId: string, channelId: string, end: Date): Promise<PeriodScorecard> => {
    const [card] = await scorecardsFor(teamId, channelId, [end]);
    if (!card) throw new Error(`no scorecard for the period ending ${end.toISOString()}`);
    return card;
  };

  /** A period's scorecard and the one of the period before it, counted together. */
  const withPrevious = async (teamId: string, channelId: string, end: Date) => {
    const [current, previous] = await scorecardsFor(teamId, channelId, [
      end,
      new Date(end.getTime() - PERIOD_DAYS * DAY_MS),
    ]);
    if (!current || !previous) throw new Error(`no scorecards for the periods to ${end.toISOString()}`);
    return { channelId, current, previous };
  };

  return {
    scorecardFor,
    scorecardsFor,
    withPrevious,

    /** `/health`: the 7 days ending now, and the 7 days before them. */
    now: (teamId: string, channelId: string) => withPrevious(teamId, channelId, deps.clock.now()),
  };
}
