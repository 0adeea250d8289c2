import { UserError } from '../errors.js';

/** What a stand-up answer may be at most, in characters (a modal input's own limit is 3000). */
export const MAX_ANSWER_LENGTH = 3000;
const NOT_A_BLOCKER = new Set(['', 'none', 'no', '-', 'n/a', 'na', 'nope', 'nothing']);

/** The question that asks about blockers: the one that mentions blocking. */
export function isBlockerQuestion(question: string): boolean {
  return /block/i.test(question);
}

/** An answer to the blocker question raises a blocker unless it is empty or a plain "none". */
export function raisesBlocker(answer: string): boolean {
  return !NOT_A_BLOCKER.has(
    answer
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/, ''),
  );
}

/** Pairs questions with answers and checks them; a UserError names the question at fault. */
export function readAnswers(questions: readonly string[], raw: readonly (string | undefined)[]) {
  const answers = questions.map((question, i) => ({ question, answer: (raw[i] ?? '').trim() }));
  const tooLong = answers.find((a) => [...a.answer].length > MAX_ANSWER_LENGTH);
  if (tooLong)
    throw new UserError(`Answers can be up to ${MAX_ANSWER_LENGTH} characters.`, 'answer_too_long');
  if (answers.every((a) => a.answer === '')) {
    throw new UserError('Answer at least one question, or skip today instead.', 'no_answers');
  }
  const blocker = answers.some((a) => isBlockerQuestion(a.question) && raisesBlocker(a.answer));
  return { answers, blocker };
}
