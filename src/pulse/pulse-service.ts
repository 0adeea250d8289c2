import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  findRound,
  hasAnswered,
  insertResponse,
  latestClosedRounds,
  recordParticipation,
  type RoundKey,
  type RoundRow,
  roundResponses,
  wasPrompted,
} from '../db/repos/pulse.js';
import { UserError } from '../errors.js';
import { type AnswerErrors, readPulseAnswer } from './answer.js';
import { type RoundResults, summariseRound } from './results.js';
import { settlePulsePrompts } from './settle-prompts.js';

export type PulseKey = RoundKey & { userId: string };

export const ALREADY_ANSWERED =
  'You already answered this pulse check. One answer per person per round, so this one was not counted.';
const NOT_OPEN = 'This pulse check has closed, or it no longer exists; nothing was saved.';
const NOT_INVITED = 'This pulse check was not sent to you, so you cannot answer it.';
const STALE_FORM = 'This form is out of date (its statements changed); open it again from the message.';

/** A problem with one field of the survey; nothing was saved. */
export class PulseAnswerError extends Error {
  constructor(readonly errors: AnswerErrors) {
    super('the pulse answer has field errors');
    this.name = 'PulseAnswerError';
  }
}

export type ShownRound = { round: RoundRow; results: RoundResults; previousMeans?: Map<string, number> };

export type PulseService = ReturnType<typeof createPulseService>;

/** Answering a pulse check, once per person and without their name, and reading closed results. */
export function createPulseService(deps: { db: Database; clock: Clock }) {
  /** The round a person may answer now: open, sent to them, and not answered yet. */
  const answerableRound = async (key: PulseKey): Promise<RoundRow> => {
    const round = await findRound(deps.db, key);
    if (!round || round.closed) throw new UserError(NOT_OPEN, 'pulse_closed');
    if (!(await wasPrompted(deps.db, key))) throw new UserError(NOT_INVITED, 'pulse_not_invited');
    if (await hasAnswered(deps.db, key)) throw new UserError(ALREADY_ANSWERED, 'pulse_already_answered');
    return round;
  };

  return {
    /** The round's statements for the survey. */
    open: answerableRound,

    /**
     * Records an answer: who took part in one table, the scores and comment in another with no
     * link between them, in one transaction. A second answer from the same person is refused
     * by the database's key, whatever the timing.
     */
    async answer(
      key: PulseKey,
      raw: { statementCount: number; scores: (string | undefined)[]; comment: string | undefined },
    ): Promise<void> {
      const round = await answerableRound(key);
      if (raw.statementCount !== round.statements.length) throw new UserError(STALE_FORM, 'pulse_stale_form');
      const read = readPulseAnswer(round.statements.length, raw.scores, raw.comment);
      if (!read.ok) throw new PulseAnswerError(read.errors);
      const roundKey = { teamId: key.teamId, ritualId: key.ritualId, roundDate: key.roundDate };
      await deps.db.transaction(async (tx) => {
        if (!(await recordParticipation(tx, key))) {
          throw new UserError(ALREADY_ANSWERED, 'pulse_already_answered');
        }
        await insertResponse(tx, { ...roundKey, ...read.answer });
        await settlePulsePrompts(tx, key, deps.clock.now());
      });
    },

    /** The channel's latest closed round, with the previous one's means for the trend. */
    async latest(teamId: string, channelId: string): Promise<ShownRound | undefined> {
      const [latest, previous] = await latestClosedRounds(deps.db, { teamId, channelId, limit: 2 });
      if (!latest) return undefined;
      const resultsOf = async (round: RoundRow) =>
        summariseRound(
          round.statements,
          await roundResponses(deps.db, {
            teamId: round.team_id,
            ritualId: round.ritual_id,
            roundDate: round.round_date,
          }),
        );
      const results = await resultsOf(latest);
      const before = previous ? await resultsOf(previous) : undefined;
      const previousMeans =
        before?.shown && results.shown
          ? new Map(before.statements.map((s) => [s.statement, s.mean]))
          : undefined;
      return { round: latest, results, previousMeans };
    },
  };
}
