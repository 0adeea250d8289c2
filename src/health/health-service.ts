import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { periodInputs } from './period-inputs.js';
import { type PeriodInputs, type Scorecard, scorecardOf } from './scorecard.js';

export const PERIOD_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One period's scorecard with the counts behind it. */
export type PeriodScorecard = Scorecard & { start: Date; end: Date; inputs: PeriodInputs };

export type HealthService = ReturnType<typeof createHealthService>;

/** The alliance-health scorecard of a channel: computed for a period, compared with the one before. */
export function createHealthService(deps: { db: Database; clock: Clock }) {
  const scorecardFor = async (teamId: string, channelId: string, end: Date): Promise<PeriodScorecard> => {
    const start = new Date(end.getTime() - PERIOD_DAYS * DAY_MS);
    const inputs = await periodInputs(deps.db, { teamId, channelId, start, end });
    return { ...scorecardOf(inputs), start, end, inputs };
  };

  return {
    scorecardFor,

    /** `/health`: the 7 days ending now, and the 7 days before them. */
    async now(teamId: string, channelId: string) {
      const end = deps.clock.now();
      const [current, previous] = await Promise.all([
        scorecardFor(teamId, channelId, end),
        scorecardFor(teamId, channelId, new Date(end.getTime() - PERIOD_DAYS * DAY_MS)),
      ]);
      return { channelId, current, previous };
    },
  };
}
