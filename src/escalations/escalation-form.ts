import { checkUserText } from '../user-text.js';

/** The raise form's parts: the issue, what each side needs (interests, not positions), options, criteria. */
export const ESCALATION_FIELDS = ['issue', 'needsA', 'needsB', 'options', 'criteria'] as const;
export type EscalationField = (typeof ESCALATION_FIELDS)[number];

type Spec = { label: string; max: number; required: boolean; placeholder: string };
export const ESCALATION_FIELD_SPECS: Record<EscalationField, Spec> = {
  issue: {
    label: 'The issue',
    max: 1000,
    required: true,
    placeholder: 'What needs deciding, in one or two sentences',
  },
  needsA: {
    label: 'What one side needs',
    max: 1000,
    required: true,
    placeholder: 'The need behind the position: "predictable release dates", not "no changes"',
  },
  needsB: {
    label: 'What the other side needs',
    max: 1000,
    required: true,
    placeholder: 'Their need, as they would say it',
  },
  options: { label: 'Options considered', max: 1500, required: false, placeholder: 'One line each' },
  criteria: {
    label: 'How to judge them',
    max: 1000,
    required: false,
    placeholder: 'Cost, time to ship, risk to customers…',
  },
};

export type EscalationText = { issue: string } & Record<Exclude<EscalationField, 'issue'>, string | null>;
export type EscalationForm = Partial<Record<EscalationField, string | null>>;
export type EscalationErrors = Partial<Record<EscalationField, string>>;

const tooLong = (_length: number, max: number) => `Keep it to ${max} characters.`;

/** Checks the raise form, field by field (src/user-text.ts cleans each text the same way). */
export function parseEscalationForm(
  form: EscalationForm,
): { ok: true; text: EscalationText } | { ok: false; errors: EscalationErrors } {
  const errors: EscalationErrors = {};
  const text: Partial<Record<EscalationField, string | null>> = {};
  for (const field of ESCALATION_FIELDS) {
    const spec = ESCALATION_FIELD_SPECS[field];
    const checked = checkUserText(form[field], { multiline: true, max: spec.max, tooLong });
    if (checked.error) errors[field] = checked.error;
    else if (spec.required && checked.text === '') errors[field] = `Write ${spec.label.toLowerCase()}.`;
    text[field] = checked.text === '' ? null : checked.text;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, text: { ...text, issue: text.issue ?? '' } as EscalationText };
}

export type ResolveField = 'agreed' | 'reason';
export type ResolveErrors = Partial<Record<ResolveField, string>>;
export const AGREED_MAX = 1000;
export const REASON_MAX = 2000;

/** The resolution: the option agreed, and why; both are needed to log it as a decision. */
export function parseResolveForm(form: {
  agreed?: string | null;
  reason?: string | null;
}): { ok: true; agreed: string; reason: string } | { ok: false; errors: ResolveErrors } {
  const agreed = checkUserText(form.agreed, { multiline: true, max: AGREED_MAX, tooLong });
  const reason = checkUserText(form.reason, { multiline: true, max: REASON_MAX, tooLong });
  const errors: ResolveErrors = {};
  if (agreed.error) errors.agreed = agreed.error;
  else if (agreed.text === '') errors.agreed = 'Write the option you agreed on.';
  if (reason.error) errors.reason = reason.error;
  else if (reason.text === '') errors.reason = 'Write why: the reason goes into the decision log.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, agreed: agreed.text, reason: reason.text };
}
