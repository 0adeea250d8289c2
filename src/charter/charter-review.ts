import {
  type CharterText,
  DEFAULT_REVIEW_CADENCE,
  REVIEW_CADENCES,
  type ReviewCadence,
} from './charter-text.js';

/** Months between reviews; never is never asked. */
const MONTHS: Record<ReviewCadence, number | null> = {
  monthly: 1,
  quarterly: 3,
  'half-yearly': 6,
  never: null,
};

/** What the form and the messages call each cadence. */
export const REVIEW_CADENCE_LABELS: Record<ReviewCadence, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  'half-yearly': 'Every six months',
  never: 'Never',
};

export const isReviewCadence = (value: unknown): value is ReviewCadence =>
  typeof value === 'string' && (REVIEW_CADENCES as readonly string[]).includes(value);

export const cadenceOf = (text: CharterText): ReviewCadence => text.reviewCadence ?? DEFAULT_REVIEW_CADENCE;

/** A charter is reviewed only where it has decision rights or escalation levels to confirm. */
export const hasGovernance = (text: CharterText) =>
  (text.decisionRights ?? []).length > 0 || (text.levels ?? []).length > 0;

/**
 * The instant `months` calendar months after `from`, in UTC; a day the month lacks becomes its last
 * day (30 November + 3 months = 28 February), the time of day kept.
 */
export function addUtcMonths(from: Date, months: number): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(from.getUTCDate(), lastDay),
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
}

/**
 * When the channel is next asked, counting from `from` (the version saved, or the review answered):
 * null where the cadence is never or there is nothing to review.
 */
export function nextReviewDue(text: CharterText, from: Date): Date | null {
  const months = MONTHS[cadenceOf(text)];
  if (months === null || !hasGovernance(text)) return null;
  return addUtcMonths(from, months);
}
