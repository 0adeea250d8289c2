import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { RitualRow } from '../db/repos/rituals.js';
import { CADENCES, type Cadence, type Weekday } from './cadence.js';
import { KIND_DEFAULTS } from './kinds.js';

/**
 * The kinds the settings form creates and edits; the others (retros, digests) have no questions to
 * write and are set by their own commands.
 */
export const RITUAL_KIND_NAMES = { standup: 'Stand-up', pulse: 'Pulse check' } as const;
export type RitualKindName = keyof typeof RITUAL_KIND_NAMES;

/** Whether the settings form can edit this kind (the others are set by their own commands). */
export const isFormKind = (kind: string): kind is RitualKindName => Object.hasOwn(RITUAL_KIND_NAMES, kind);

/** The database accepts a close between 15 minutes and 2 days after the prompt. */
export const CLOSE_AFTER_LIMITS = { min: 15, max: 2880 } as const;
export const CLOSE_AFTER_HOURS = [1, 2, 3, 4, 6, 8, 12, 24] as const;
export const REMINDER_MINUTES = [15, 30, 60, 120] as const;

/** Each question becomes a label in the check-in form, and Slack's labels hold 2000 characters. */
export const MAX_QUESTION_LENGTH = 2000;
export const MAX_QUESTIONS = 10;
/** A bound on the named list: far more than anyone picks by hand, small enough for one row. */
export const MAX_NAMED_PARTICIPANTS = 500;

export type RitualSettings = {
  kind: RitualKindName;
  days: Weekday[];
  /** Every week, every other week from the first run, or the first such weekday of the month. */
  cadence: Cadence;
  /** "HH:MM", 24-hour clock. */
  time: string;
  /** "local": each participant's own zone; otherwise one IANA zone for everyone. */
  zone: 'local' | string;
  questions: string[];
  /** The people who take part; null for the channel's human members at run time. */
  participants: string[] | null;
  closeAfterMinutes: number;
  reminderBeforeCloseMinutes: number | null;
};

/** What a settings form holds, as text, before it is checked. */
export type SettingsForm = {
  kind?: string | null;
  days?: string[];
  cadence?: string | null;
  time?: string | null;
  zoneMode?: string | null;
  zone?: string | null;
  questions?: string | null;
  participants?: string[];
  closeAfterMinutes?: string | null;
  reminder?: string | null;
};

export type SettingsField =
  'kind' | 'days' | 'cadence' | 'time' | 'zone' | 'questions' | 'participants' | 'close' | 'reminder';
export type SettingsErrors = Partial<Record<SettingsField, string>>;

export const ZONE_MODES = { local: 'local', fixed: 'fixed' } as const;
export const NO_REMINDER = 'none';

export const DEFAULT_SETTINGS: RitualSettings = {
  kind: 'standup',
  days: [1, 2, 3, 4, 5],
  cadence: 'weekly',
  time: '09:30',
  zone: 'local',
  participants: null,
  ...KIND_DEFAULTS.standup,
};

/** What a new ritual of each kind the form offers starts with. */
const DEFAULTS_OF_KIND: Record<RitualKindName, RitualSettings> = {
  standup: DEFAULT_SETTINGS,
  // Trust moves slowly: once a month is enough to see a trend without tiring people.
  pulse: {
    ...DEFAULT_SETTINGS,
    ...KIND_DEFAULTS.pulse,
    kind: 'pulse',
    days: [1],
    cadence: 'monthly',
    time: '10:00',
  },
};

export const defaultSettingsOf = (kind: RitualKindName): RitualSettings => DEFAULTS_OF_KIND[kind];

/**
 * A ritual's settings shown as another kind: its schedule and people stay, while what it asks, its
 * close and its reminder become that kind's defaults.
 */
export function settingsAsKind(settings: RitualSettings, kind: RitualKindName): RitualSettings {
  if (settings.kind === kind) return settings;
  const { questions, closeAfterMinutes, reminderBeforeCloseMinutes } = DEFAULTS_OF_KIND[kind];
  return { ...settings, kind, questions, closeAfterMinutes, reminderBeforeCloseMinutes };
}

/** How the form speaks of what a kind asks. */
export const QUESTION_WORDS: Record<RitualKindName, { one: string; many: string }> = {
  standup: { one: 'question', many: 'questions' },
  pulse: { one: 'statement', many: 'statements' },
};

export function settingsOfRitual(row: RitualRow & { kind: RitualKindName }): RitualSettings {
  return {
    kind: row.kind,
    days: row.days,
    cadence: row.cadence,
    time: row.time_of_day,
    zone: row.zone,
    questions: row.questions,
    participants: row.participants,
    closeAfterMinutes: row.close_after_minutes,
    reminderBeforeCloseMinutes: row.reminder_before_close_minutes,
  };
}

/** Slack's own spelling of a zone ("europe/berlin" becomes "Europe/Berlin"), or undefined if unknown. */
function canonicalZone(zone: string): string | undefined {
  if (!IANAZone.isValidZone(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const text = z
  .string()
  .nullish()
  .transform((s) => (s ?? '').trim());

const minutes = (what: string) =>
  text.pipe(
    z
      .string()
      .regex(/^\d{1,4}$/, { message: `Pick ${what}.` })
      .transform(Number),
  );

const formSchema = z
  .object({
    kind: text.pipe(
      z.enum(Object.keys(RITUAL_KIND_NAMES) as [RitualKindName, ...RitualKindName[]], {
        message: 'Pick a kind of ritual.',
      }),
    ),
    days: z
      .array(z.string())
      .default([])
      .transform((days) => [...new Set(days.map(Number))].sort((a, b) => a - b))
      .pipe(
        z
          .array(
            z
              .number()
              .int({ message: 'Pick days of the week.' })
              .min(1, { message: 'Pick days of the week.' })
              .max(7, { message: 'Pick days of the week.' }),
          )
          .min(1, { message: 'Pick at least one day.' })
          .transform((days) => days as Weekday[]),
      ),
    time: text.pipe(
      z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Pick a time, such as 09:30.' }),
    ),
    // A form opened before the field existed could only make weekly rituals.
    cadence: text
      .transform((value) => value || 'weekly')
      .pipe(z.enum(CADENCES as [Cadence, ...Cadence[]], { message: 'Pick how often it repeats.' })),
    zoneMode: text.pipe(
      z.enum([ZONE_MODES.local, ZONE_MODES.fixed], { message: 'Pick how times are read.' }),
    ),
    zone: text,
    questions: text
      .transform((all) =>
        all
          .split('\n')
          .map((q) => q.trim())
          .filter((q) => q !== ''),
      )
      .pipe(
        z.array(
          z.string().max(MAX_QUESTION_LENGTH, {
            message: `Each line can be up to ${MAX_QUESTION_LENGTH} characters.`,
          }),
        ),
      ),
    participants: z
      .array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, { message: 'Pick people from the list.' }))
      .max(MAX_NAMED_PARTICIPANTS, { message: `Name up to ${MAX_NAMED_PARTICIPANTS} people.` })
      .default([])
      .transform((ids) => (ids.length === 0 ? null : [...new Set(ids)])),
    closeAfterMinutes: minutes('when it closes').pipe(
      z
        .number()
        .min(CLOSE_AFTER_LIMITS.min, { message: 'It closes at least 15 minutes after the prompt.' })
        .max(CLOSE_AFTER_LIMITS.max, { message: 'It closes at most 48 hours after the prompt.' }),
    ),
    reminder: text
      .pipe(
        z.string().regex(new RegExp(`^(${NO_REMINDER}|\\d{1,4})$`), { message: 'Pick a reminder, or none.' }),
      )
      .transform((value) => (value === NO_REMINDER ? null : Number(value)))
      .pipe(
        z.number().min(5, { message: 'A reminder comes at least 5 minutes before the close.' }).nullable(),
      ),
  })
  .superRefine((form, ctx) => {
    if (form.zoneMode === ZONE_MODES.fixed && !canonicalZone(form.zone ?? '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['zone'],
        message:
          form.zone === ''
            ? 'Name the time zone for everyone, such as Europe/Berlin.'
            : `"${form.zone.slice(0, 100)}" is not a time zone I know. Use one such as Europe/Berlin or America/New_York.`,
      });
    }
    // Zod checks the whole form even when a field failed: compare only values that are there.
    const { reminder, closeAfterMinutes, kind, questions } = form as {
      reminder: unknown;
      closeAfterMinutes: unknown;
      kind: unknown;
      questions: unknown;
    };
    const words = QUESTION_WORDS[kind as RitualKindName] ?? QUESTION_WORDS.standup;
    if (Array.isArray(questions) && (questions.length === 0 || questions.length > MAX_QUESTIONS)) {
      ctx.addIssue({
        code: 'custom',
        path: ['questions'],
        message:
          questions.length === 0
            ? `Write at least one ${words.one}, one per line.`
            : `Write at most ${MAX_QUESTIONS} ${words.many}, one per line.`,
      });
    }
    if (
      typeof reminder === 'number' &&
      typeof closeAfterMinutes === 'number' &&
      reminder >= closeAfterMinutes
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['reminder'],
        message: 'The reminder must come after the prompt: pick a shorter one, or close later.',
      });
    }
  });

/** Which field of the form each part of the schema reports on. */
const FIELD_OF: Record<string, SettingsField> = {
  kind: 'kind',
  days: 'days',
  cadence: 'cadence',
  time: 'time',
  zoneMode: 'zone',
  zone: 'zone',
  questions: 'questions',
  participants: 'participants',
  closeAfterMinutes: 'close',
  reminder: 'reminder',
};

/**
 * Checks a settings form. Either the settings, ready to save, or one message per field that is
 * wrong, to show next to that field; nothing is saved then.
 */
export function parseSettings(
  form: SettingsForm,
): { ok: true; settings: RitualSettings } | { ok: false; errors: SettingsErrors } {
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) {
    const errors: SettingsErrors = {};
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF[String(issue.path[0] ?? '')] ?? 'kind';
      // The first problem of a field is the one worth fixing first.
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const form_ = parsed.data;
  return {
    ok: true,
    settings: {
      kind: form_.kind,
      days: form_.days,
      cadence: form_.cadence,
      time: form_.time,
      zone: form_.zoneMode === ZONE_MODES.local ? 'local' : (canonicalZone(form_.zone) ?? form_.zone),
      questions: form_.questions,
      participants: form_.participants,
      closeAfterMinutes: form_.closeAfterMinutes,
      reminderBeforeCloseMinutes: form_.reminder,
    },
  };
}
