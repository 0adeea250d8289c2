import { DateTime } from 'luxon';
import { z } from 'zod';
import type { DecisionContent } from '../db/repos/decisions.js';
import { checkUserText } from '../user-text.js';

export const DECISION_MAX = 1000;
export const RATIONALE_MAX = 2000;
export const MAX_CONSULTED = 30;
/** A review further off than this is more likely a typo than a plan. */
const MAX_REVIEW_YEARS = 5;

export type DecisionField = 'decision' | 'owner' | 'rationale' | 'consulted' | 'review';
export type DecisionErrors = Partial<Record<DecisionField, string>>;

/** The form as Slack sends it back, before any checking. */
export type DecisionForm = {
  decision?: string | null;
  owner?: string | null;
  rationale?: string | null;
  consulted?: string[] | null;
  reviewDate?: string | null;
};

const userId = z.string().regex(/^[UW][A-Z0-9]{2,30}$/, 'Pick a person from the list.');
const tooLong = (_length: number, max: number) => `Keep it to ${max} characters.`;
/** A field's text as it is kept (see src/user-text.ts). */
const text = (max: number) =>
  z
    .string()
    .nullish()
    .transform((raw, ctx) => {
      const checked = checkUserText(raw, { multiline: true, max, tooLong });
      if (checked.error) ctx.addIssue({ code: 'custom', message: checked.error });
      return checked.text;
    });

const shape = z.object({
  decision: text(DECISION_MAX).refine((v) => v.length > 0, 'Write what was decided.'),
  owner: z.string({ error: 'Pick who owns this decision.' }).pipe(userId),
  rationale: text(RATIONALE_MAX),
  consulted: z
    .array(userId)
    .nullish()
    .transform((ids) => [...new Set(ids ?? [])])
    .refine((ids) => ids.length <= MAX_CONSULTED, `Name up to ${MAX_CONSULTED} people.`),
  reviewDate: z
    .string()
    .nullish()
    .refine((v) => !v || DateTime.fromISO(v).isValid, 'Pick a date from the calendar.'),
});

const FIELD_OF: Record<string, DecisionField> = {
  decision: 'decision',
  owner: 'owner',
  rationale: 'rationale',
  consulted: 'consulted',
  reviewDate: 'review',
};

/**
 * Checks a filled-in decision form, field by field. `today` is the owner's date: a review must be
 * due today or later (`unchangedReview`, an edit keeping its date, may have passed already).
 */
export function parseDecisionForm(
  form: DecisionForm,
  today: string,
  unchangedReview?: string | null,
): { ok: true; content: DecisionContent } | { ok: false; errors: DecisionErrors } {
  const parsed = shape.safeParse(form);
  if (!parsed.success) {
    const errors: DecisionErrors = {};
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF[String(issue.path[0])] ?? 'decision';
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const { decision, owner, rationale, consulted, reviewDate } = parsed.data;
  const review = reviewDate || null;
  if (review && review !== unchangedReview) {
    if (review < today) return { ok: false, errors: { review: 'Pick today or a later day.' } };
    const latest = DateTime.fromISO(today).plus({ years: MAX_REVIEW_YEARS }).toISODate() ?? today;
    if (review > latest) {
      return { ok: false, errors: { review: `Pick a day within ${MAX_REVIEW_YEARS} years.` } };
    }
  }
  return {
    ok: true,
    content: { decision, ownerId: owner, rationale: rationale || null, consulted, reviewDate: review },
  };
}
