import { z } from 'zod';
import { checkUserText } from '../user-text.js';
import { CHARTER_FIELDS, type CharterField, type CharterText } from './charter-text.js';

type FieldSpec = { label: string; max: number; multiline: boolean; required: boolean; placeholder: string };

/**
 * What each part is called and how long it may be. The limits leave room for all six parts in one
 * channel message (Slack cuts a section at 3,000 characters) and match the database's checks.
 */
export const CHARTER_FIELD_SPECS: Record<CharterField, FieldSpec> = {
  goal: {
    label: 'Shared goal',
    max: 1000,
    multiline: true,
    required: true,
    placeholder: 'What are we here to achieve together?',
  },
  metrics: {
    label: 'Success metrics',
    max: 1000,
    multiline: true,
    required: false,
    placeholder: 'How will we know it worked?',
  },
  roles: {
    label: 'Who owns what',
    max: 1500,
    multiline: true,
    required: false,
    placeholder: 'One line per person or role',
  },
  decisionMaking: {
    label: 'How we make decisions',
    max: 1000,
    multiline: true,
    required: false,
    placeholder: 'Consensus, owner decides after consulting, vote…',
  },
  escalation: {
    label: 'Where disagreements go',
    max: 1000,
    multiline: true,
    required: false,
    placeholder: 'Who settles a disagreement we cannot settle ourselves',
  },
  cadence: {
    label: 'Check-in cadence',
    max: 300,
    multiline: false,
    required: false,
    placeholder: 'Weekly sync on Mondays, async stand-up daily…',
  },
};

/** Lower-case names for sentences such as "changed the goal and the roles". */
export const CHARTER_FIELD_NAMES: Record<CharterField, string> = {
  goal: 'goal',
  metrics: 'metrics',
  roles: 'roles',
  decisionMaking: 'decision making',
  escalation: 'escalation',
  cadence: 'cadence',
};

const tooLong = (_length: number, max: number) =>
  `Keep it to ${max} characters (Slack shows a charter as one message).`;

/**
 * A part as it is kept (see src/user-text.ts), or null when left empty: line endings, surrounding
 * blanks and control characters do not make a new version.
 */
const fieldSchema = (field: CharterField) => {
  const spec = CHARTER_FIELD_SPECS[field];
  return z
    .string()
    .nullish()
    .transform((raw, ctx) => {
      const { text, error } = checkUserText(raw, { multiline: spec.multiline, max: spec.max, tooLong });
      if (spec.required && text === '') {
        ctx.addIssue({ code: 'custom', message: `Write the ${CHARTER_FIELD_NAMES[field]}.` });
      } else if (error) {
        ctx.addIssue({ code: 'custom', message: error });
      }
      return text.length > 0 ? text : null;
    });
};

const charterSchema = z.object(
  Object.fromEntries(CHARTER_FIELDS.map((f) => [f, fieldSchema(f)])) as Record<
    CharterField,
    ReturnType<typeof fieldSchema>
  >,
);

export type CharterForm = Partial<Record<CharterField, string | null | undefined>>;
export type CharterErrors = Partial<Record<CharterField, string>>;

/** Checks a filled-in form, field by field, so each mistake can be shown where it was made. */
export function parseCharter(
  form: CharterForm,
): { ok: true; charter: CharterText } | { ok: false; errors: CharterErrors } {
  const parsed = charterSchema.safeParse(form);
  if (parsed.success) return { ok: true, charter: { ...parsed.data, goal: parsed.data.goal ?? '' } };
  const errors: CharterErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as CharterField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The parts that differ between two versions, in form order. */
export function changedFields(before: CharterText | undefined, after: CharterText): CharterField[] {
  if (!before) return CHARTER_FIELDS.filter((f) => after[f] !== null);
  return CHARTER_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
}
