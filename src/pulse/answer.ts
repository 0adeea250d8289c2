import { checkUserText } from '../user-text.js';

/** The longest comment kept; the modal's input stops there too. */
export const COMMENT_MAX = 1000;

export type PulseAnswer = { scores: number[]; comment: string | null };

/** Field errors by position: a statement's index, or 'comment'. */
export type AnswerErrors = Map<number | 'comment', string>;

/**
 * Reads a submitted survey: one score from 1 to 5 for every statement, and an optional comment.
 * Anything else (a missing score, a value off the scale, a comment too long) is a field error.
 */
export function readPulseAnswer(
  statementCount: number,
  rawScores: readonly (string | undefined)[],
  rawComment: string | undefined,
): { ok: true; answer: PulseAnswer } | { ok: false; errors: AnswerErrors } {
  const errors: AnswerErrors = new Map();
  const scores: number[] = [];
  for (let i = 0; i < statementCount; i += 1) {
    const raw = rawScores[i];
    const score = raw !== undefined && /^[1-5]$/.test(raw) ? Number(raw) : undefined;
    if (score === undefined) errors.set(i, 'Pick how much you agree, from 1 to 5.');
    else scores.push(score);
  }
  // Control characters (NUL, which Postgres text cannot hold, among them) are dropped, not refused.
  const { text: comment, error } = checkUserText(rawComment, {
    multiline: true,
    max: COMMENT_MAX,
    tooLong: (_length, max) => `Keep the comment to ${max} characters.`,
  });
  if (error) errors.set('comment', error);
  if (errors.size > 0) return { ok: false, errors };
  return { ok: true, answer: { scores, comment: comment === '' ? null : comment } };
}
