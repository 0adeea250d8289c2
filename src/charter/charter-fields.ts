import { z } from 'zod';
import { checkUserText } from '../user-text.js';
import {
  CHARTER_FIELDS,
  type CharterField,
  type CharterPart,
  type CharterStructure,
  type CharterText,
  DEFAULT_REVIEW_CADENCE,
  type EscalationLevel,
  type ReviewCadence,
} from './charter-text.js';
import { isReviewCadence } from './charter-review.js';

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
export const CHARTER_FIELD_NAMES: Record<CharterPart, string> = {
  goal: 'goal',
  metrics: 'metrics',
  roles: 'roles',
  decisionMaking: 'decision making',
  escalation: 'escalation',
  cadence: 'cadence',
  decisionRights: 'decision rights',
  levels: 'escalation levels',
  reviewCadence: 'review cadence',
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
export type CharterErrors = Partial<Record<CharterField | StructureKey, string>>;

/** Checks a filled-in form, field by field, so each mistake can be shown where it was made. */
export function parseCharter(
  form: CharterForm,
  structureForm: CharterStructureForm = NO_STRUCTURE,
): { ok: true; charter: CharterText } | { ok: false; errors: CharterErrors } {
  const parsed = charterSchema.safeParse(form);
  const structure = parseCharterStructure(structureForm);
  const errors: CharterErrors = structure.ok ? {} : { ...structure.errors };
  if (parsed.success && structure.ok) {
    return { ok: true, charter: { ...parsed.data, goal: parsed.data.goal ?? '', ...structure.structure } };
  }
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as CharterField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The parts that differ between two versions, in form order. */
export function changedFields(before: CharterText | undefined, after: CharterText): CharterPart[] {
  const structureOf = (t: CharterText | undefined, part: keyof CharterStructure) =>
    JSON.stringify(t?.[part] ?? []);
  const structure = (['decisionRights', 'levels'] as const).filter((part) =>
    before ? structureOf(before, part) !== structureOf(after, part) : (after[part] ?? []).length > 0,
  );
  const cadence = (t: CharterText | undefined) => t?.reviewCadence ?? DEFAULT_REVIEW_CADENCE;
  const review = cadence(before) !== cadence(after) ? (['reviewCadence'] as const) : [];
  if (!before) return [...CHARTER_FIELDS.filter((f) => after[f] !== null), ...structure, ...review];
  return [
    ...CHARTER_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null)),
    ...structure,
    ...review,
  ];
}

// The structured parts: who decides what, and the escalation levels.

export const ESCALATION_LEVELS = [1, 2, 3] as const;
export const DECISION_RIGHTS_MAX = 10;
export const DECISION_RIGHT_LENGTH = 200;
export const OWNERS_PER_SIDE = 10;
/** A level's target, in whole hours: up to a month. */
export const TARGET_HOURS_MAX = 720;

/** Where a structured part's mistake is shown on the form. */
export type StructureKey = 'decisionRights' | 'reviewCadence' | `level${1 | 2 | 3}${'A' | 'Target'}`;

/** The structured parts as the form sends them, user groups already turned into their ids (S…). */
export type CharterStructureForm = {
  decisionRights?: string | null;
  levels: { sideA: string[]; sideB: string[]; targetHours?: string | null }[];
  /** The review cadence chosen; quarterly when the form sent none. */
  reviewCadence?: string | null;
};
const NO_STRUCTURE: CharterStructureForm = { levels: [] };

const OWNER_ID = /^[UWS][A-Z0-9]{2,30}$/;

/**
 * Checks who decides what (a line each) and the levels: a level is set when it names an owner or a
 * target; a set level needs both, and the levels before it.
 */
export function parseCharterStructure(
  form: CharterStructureForm,
):
  | { ok: true; structure: CharterStructure & { reviewCadence: ReviewCadence } }
  | { ok: false; errors: Partial<Record<StructureKey, string>> } {
  const errors: Partial<Record<StructureKey, string>> = {};
  const reviewCadence = form.reviewCadence ?? DEFAULT_REVIEW_CADENCE;
  if (!isReviewCadence(reviewCadence)) errors.reviewCadence = 'Pick how often to review them.';
  const { text, error } = checkUserText(form.decisionRights, { multiline: true, max: 2000, tooLong });
  if (error) errors.decisionRights = error;
  const decisionRights = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (error) {
    // said above
  } else if (decisionRights.length > DECISION_RIGHTS_MAX) {
    errors.decisionRights = `Write up to ${DECISION_RIGHTS_MAX} lines, one for each kind of decision.`;
  } else if (decisionRights.some((line) => line.length > DECISION_RIGHT_LENGTH)) {
    errors.decisionRights = `Keep each line to ${DECISION_RIGHT_LENGTH} characters.`;
  }
  const levels: EscalationLevel[] = [];
  let gap = false;
  for (const level of ESCALATION_LEVELS) {
    const entry = form.levels[level - 1] ?? { sideA: [], sideB: [] };
    const sideA = [...new Set(entry.sideA)];
    const sideB = [...new Set(entry.sideB)];
    const target = (entry.targetHours ?? '').trim();
    if (sideA.length === 0 && sideB.length === 0 && target === '') {
      gap = true;
      continue;
    }
    if (gap) {
      errors[`level${level - 1}A` as StructureKey] ??= `Set level ${level - 1} before level ${level}.`;
      continue;
    }
    if (sideA.length + sideB.length === 0) {
      errors[`level${level}A`] = `Name who owns level ${level}: a person or a user group, on either side.`;
    } else if ([...sideA, ...sideB].some((id) => !OWNER_ID.test(id))) {
      errors[`level${level}A`] = 'Pick people from the list, or type a user group as @handle.';
    } else if (sideA.length > OWNERS_PER_SIDE || sideB.length > OWNERS_PER_SIDE) {
      errors[`level${level}A`] = `Name up to ${OWNERS_PER_SIDE} owners on each side.`;
    }
    const hours = Number(target);
    if (!/^\d{1,4}$/.test(target) || hours < 1 || hours > TARGET_HOURS_MAX) {
      errors[`level${level}Target`] =
        `Give level ${level} a target in whole hours, 1 to ${TARGET_HOURS_MAX}.`;
    }
    levels.push({ level, sideA, sideB, targetMinutes: hours * 60 });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    structure: { decisionRights, levels, reviewCadence: reviewCadence as ReviewCadence },
  };
}
