import type { ResponseRow } from '../db/repos/pulse.js';

/** Fewer answers than this could let people work out who said what, so nothing is shown. */
export const MIN_RESPONSES = 3;
/** The most statements a round can ask (the database holds a round to it too). */
export const MAX_STATEMENTS = 10;
export const NOT_ENOUGH_RESPONSES = 'not enough responses to show without identifying people';

/** The 1–5 scale, lowest first. */
export const SCALE = ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'] as const;

export type StatementResult = {
  statement: string;
  /** Rounded to two decimals. */
  mean: number;
  /** How many answered 1, 2, 3, 4 and 5. */
  distribution: [number, number, number, number, number];
};

export type RoundResults =
  | { shown: false; responses: number }
  | { shown: true; responses: number; statements: StatementResult[]; comments: string[] };

/**
 * A round's results, only in aggregate and only when enough people answered. Comments come in a
 * random order, so their order says nothing about who answered when.
 */
export function summariseRound(
  statements: readonly string[],
  responses: readonly ResponseRow[],
  random: () => number = Math.random,
): RoundResults {
  if (responses.length < MIN_RESPONSES) return { shown: false, responses: responses.length };
  return {
    shown: true,
    responses: responses.length,
    statements: statements.map((statement, i) => {
      const distribution: StatementResult['distribution'] = [0, 0, 0, 0, 0];
      let sum = 0;
      let counted = 0;
      for (const r of responses) {
        const score = r.scores[i];
        if (score === undefined || score < 1 || score > 5) continue;
        distribution[score - 1] += 1;
        sum += score;
        counted += 1;
      }
      return { statement, mean: counted === 0 ? 0 : roundTo2(sum / counted), distribution };
    }),
    comments: shuffle(
      responses.flatMap((r) => (r.comment ? [r.comment] : [])),
      random,
    ),
  };
}

const roundTo2 = (n: number) => Math.round(n * 100) / 100;

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
