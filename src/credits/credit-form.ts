import { z } from 'zod';
import { lengthOf } from '../user-text.js';
import {
  MAX_CONTRIBUTION,
  MAX_CONTRIBUTORS,
  MAX_DELIVERABLE,
  normaliseLink,
  plainText,
} from './credit-text.js';
import type { Contribution } from './parse-command.js';

/** The form as Slack sends it back, before any checking. */
export type CreditForm = {
  deliverable?: string | null;
  link?: string | null;
  people?: string[] | null;
  /** Each chosen person's contribution, by user id. */
  contributions: Record<string, string | null | undefined>;
};

export type CreditContent = { deliverable: string; link: string | null; contributors: Contribution[] };

/** A field's error; `contribution` errors name the person whose row it is. */
export type CreditFormErrors = {
  deliverable?: string;
  link?: string;
  people?: string;
  contributions?: Record<string, string>;
};

const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

const text = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => plainText(v ?? ''))
    .refine((v) => lengthOf(v) <= max, `Keep it to ${max} characters.`);

const shape = z.object({
  deliverable: text(MAX_DELIVERABLE).refine((v) => v !== '', 'Say what the credit is for.'),
  link: z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const link = normaliseLink(v);
      if (!link) {
        ctx.addIssue({ code: 'custom', message: 'Paste a web link that starts with https:// or http://.' });
        return z.NEVER;
      }
      return link;
    }),
  people: z
    .array(z.string().regex(USER_ID, 'Pick people from the list.'))
    .nullish()
    .transform((ids) => [...new Set(ids ?? [])])
    .refine((ids) => ids.length > 0, 'Pick who contributed.')
    .refine((ids) => ids.length <= MAX_CONTRIBUTORS, `Name up to ${MAX_CONTRIBUTORS} people.`),
});

/** Checks a filled-in credit form, field by field, and each chosen person's contribution. */
export function parseCreditForm(
  form: CreditForm,
): { ok: true; content: CreditContent } | { ok: false; errors: CreditFormErrors } {
  const parsed = shape.safeParse(form);
  const errors: CreditFormErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as 'deliverable' | 'link' | 'people';
      errors[field] ??= issue.message;
    }
  }
  const people = [...new Set((form.people ?? []).filter((id) => USER_ID.test(id)))];
  const contributors = people.map((userId) => {
    const contribution = plainText(form.contributions[userId] ?? '');
    if (lengthOf(contribution) > MAX_CONTRIBUTION) {
      errors.contributions = {
        ...errors.contributions,
        [userId]: `Keep it to ${MAX_CONTRIBUTION} characters.`,
      };
    }
    return { userId, contribution: contribution === '' ? null : contribution };
  });
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    content: { deliverable: parsed.data.deliverable, link: parsed.data.link, contributors },
  };
}

/** A contributor's own rewording of their part: required, and as long as any contribution. */
export function parseCorrection(
  value: string | null | undefined,
): { ok: true; text: string } | { ok: false; error: string } {
  const wording = plainText(value ?? '');
  if (wording === '') return { ok: false, error: 'Say what you did, in your own words.' };
  if (lengthOf(wording) > MAX_CONTRIBUTION) {
    return { ok: false, error: `Keep it to ${MAX_CONTRIBUTION} characters.` };
  }
  return { ok: true, text: wording };
}
