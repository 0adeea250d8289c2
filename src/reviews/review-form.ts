import { plainText } from '../credits/credit-text.js';
import type { ReviewAnswerInput } from '../db/repos/reviews.js';
import { lengthOf } from '../user-text.js';

export const MAX_PRIORITY = 200;
export const MAX_REMARK = 500;
export const PRIORITY_FIELDS = ['priority1', 'priority2', 'priority3'] as const;
export type ReviewFormField = (typeof PRIORITY_FIELDS)[number] | 'helped' | 'change';

/** What the review form holds when submitted, as Slack sends it (any field may be missing). */
export type ReviewForm = Partial<Record<ReviewFormField, string | null>>;
export type ReviewFormErrors = Partial<Record<ReviewFormField, string>>;

/** The answer, or what is wrong with each field: at least one priority, each within its length. */
export function parseReviewForm(
  form: ReviewForm,
): { ok: true; answer: ReviewAnswerInput } | { ok: false; errors: ReviewFormErrors } {
  const errors: ReviewFormErrors = {};
  const priorities: string[] = [];
  for (const field of PRIORITY_FIELDS) {
    const text = plainText(form[field] ?? '');
    if (lengthOf(text) > MAX_PRIORITY)
      errors[field] = `Up to ${MAX_PRIORITY} characters; this is ${lengthOf(text)}.`;
    else if (text !== '') priorities.push(text);
  }
  if (priorities.length === 0 && !errors.priority1) errors.priority1 = 'Name at least one priority.';
  const remark = (field: 'helped' | 'change') => {
    const text = plainText(form[field] ?? '');
    if (lengthOf(text) > MAX_REMARK)
      errors[field] = `Up to ${MAX_REMARK} characters; this is ${lengthOf(text)}.`;
    return text === '' ? null : text;
  };
  const helped = remark('helped');
  const change = remark('change');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, answer: { priorities, helped, change } };
}
