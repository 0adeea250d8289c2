import { z } from 'zod';
import { CADENCES, type Cadence, type Weekday } from '../rituals/cadence.js';
import { KIND_LABELS, RITUAL_KINDS, type RitualKindId } from '../rituals/kinds.js';
import { describeSchedule } from '../rituals/schedule.js';

/**
 * The closed list of what the audit log records (issue 20, points 5 and 6): every change an admin
 * or a channel makes to how Rapport runs, and every erasure. An entry's `detail` holds settings'
 * values, classes of records and counts, never anyone's words: a charter entry names its version,
 * not its text; a ritual entry its schedule, not its questions; sides their count, not their names.
 */
export const AUDIT_ACTIONS = [
  'kudos.budget',
  'kudos.emoji',
  'sides.declared',
  'sides.cleared',
  'ritual.created',
  'ritual.changed',
  'ritual.paused',
  'ritual.resumed',
  'ritual.removed',
  'charter.version',
  'charter.review-confirmed',
  'person.erased',
  'retention.settings',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A ritual as an entry keeps it: its kind and schedule, never its questions or its people. */
export type RitualSettingsDetail = {
  ritualId: number;
  kind: RitualKindId;
  cadence: Cadence;
  days: Weekday[];
  /** "HH:MM" */
  time: string;
  zone: string;
};

/** What each action's `detail` holds. */
export type AuditDetails = {
  'kudos.budget': { budget: number | null };
  'kudos.emoji': { emoji: string[] };
  'sides.declared': { sides: number; people: number };
  'sides.cleared': Record<string, never>;
  'ritual.created': RitualSettingsDetail;
  'ritual.changed': RitualSettingsDetail;
  'ritual.paused': { ritualId: number; kind: RitualKindId };
  'ritual.resumed': { ritualId: number; kind: RitualKindId };
  'ritual.removed': { ritualId: number; kind: RitualKindId };
  'charter.version': { version: number };
  'charter.review-confirmed': { version: number };
  /** Written by the forget-me erasure: the classes of records it changed and their counts. */
  'person.erased': Record<string, number>;
  /** Written where retention is set: the settings' new values. */
  'retention.settings': Record<string, string | number | boolean | null>;
};

const ritualRef = z.object({ ritualId: z.number(), kind: z.enum(RITUAL_KINDS) });
const ritualSettings = ritualRef.extend({
  cadence: z.enum(CADENCES as [Cadence, ...Cadence[]]),
  days: z.array(z.number().int().min(1).max(7)).transform((d) => d as Weekday[]),
  time: z.string(),
  zone: z.string(),
});
const version = z.object({ version: z.number() });

/** "ritual 3, a stand-up" */
const ritualName = (r: { ritualId: number; kind: RitualKindId }) =>
  `ritual ${r.ritualId}, ${article(KIND_LABELS[r.kind])}`;
const article = (label: string) => (/^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`);
const withSchedule = (r: z.infer<typeof ritualSettings>) =>
  `${ritualName(r)} (${describeSchedule({ days: r.days, time: r.time, zone: r.zone, cadence: r.cadence })})`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A key or value written elsewhere, kept to plain characters: no mrkdwn, no mentions. */
const plain = (text: string) => text.replace(/[<>&*_~`|]/g, ' ').slice(0, 40);

/** A setting's value as entries written elsewhere hold it: a string, a number, a boolean or none. */
const isSetting = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * How each action reads after "<who> ", in plain words ("set the daily kudos budget to 5"). A
 * detail that does not have the shape its action writes (an older entry) still reads, more
 * plainly.
 */
const DESCRIBE: { [A in AuditAction]: (detail: Record<string, unknown>) => string } = {
  'kudos.budget': (d) => {
    const parsed = z.object({ budget: z.number().nullable() }).safeParse(d);
    if (!parsed.success) return 'changed the daily kudos budget';
    return parsed.data.budget === null
      ? 'turned the daily kudos budget off'
      : `set the daily kudos budget to ${parsed.data.budget}`;
  },
  'kudos.emoji': (d) => {
    const parsed = z.object({ emoji: z.array(z.string()) }).safeParse(d);
    if (!parsed.success) return 'changed the kudos emoji';
    const { emoji } = parsed.data;
    const more = emoji.length > 10 ? ` and ${emoji.length - 10} more` : '';
    return `set the kudos emoji to ${emoji
      .slice(0, 10)
      .map((e) => `:${e}:`)
      .join(' ')}${more}`;
  },
  'sides.declared': (d) => {
    const parsed = z.object({ sides: z.number(), people: z.number() }).safeParse(d);
    if (!parsed.success) return 'declared the sides';
    return `declared ${plural(parsed.data.sides, 'side')} of ${plural(parsed.data.people, 'person', 'people')}`;
  },
  'sides.cleared': () => 'cleared the declared sides',
  'ritual.created': (d) => {
    const parsed = ritualSettings.safeParse(d);
    return parsed.success ? `set up ${withSchedule(parsed.data)}` : 'set up a ritual';
  },
  'ritual.changed': (d) => {
    const parsed = ritualSettings.safeParse(d);
    return parsed.success ? `changed ${withSchedule(parsed.data)}` : 'changed a ritual';
  },
  'ritual.paused': (d) => {
    const parsed = ritualRef.safeParse(d);
    return parsed.success ? `paused ${ritualName(parsed.data)}` : 'paused a ritual';
  },
  'ritual.resumed': (d) => {
    const parsed = ritualRef.safeParse(d);
    return parsed.success ? `resumed ${ritualName(parsed.data)}` : 'resumed a ritual';
  },
  'ritual.removed': (d) => {
    const parsed = ritualRef.safeParse(d);
    return parsed.success ? `removed ${ritualName(parsed.data)}` : 'removed a ritual';
  },
  'charter.version': (d) => {
    const parsed = version.safeParse(d);
    return parsed.success ? `saved version ${parsed.data.version} of the charter` : 'saved the charter';
  },
  'charter.review-confirmed': (d) => {
    const parsed = version.safeParse(d);
    return parsed.success
      ? `confirmed the charter's governance review (version ${parsed.data.version} stands)`
      : "confirmed the charter's governance review";
  },
  'person.erased': (d) => {
    const counts = Object.entries(d)
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .slice(0, 8)
      .map(([k, n]) => `${plain(k)} ${n}`);
    return counts.length > 0
      ? `erased a person's records (${counts.join(', ')})`
      : "erased a person's records";
  },
  'retention.settings': (d) => {
    // A setting written with its value before (`x` and `x_before`) reads "x before → after".
    const value = (v: unknown) => (v === null ? 'none' : plain(String(v)));
    const changes = Object.entries(d)
      .filter(([k, v]) => !k.endsWith('_before') && isSetting(v))
      .slice(0, 8)
      .flatMap(([k, after]) => {
        const before = d[`${k}_before`];
        if (before === undefined) return [`${plain(k)} ${value(after)}`];
        return before === after ? [] : [`${plain(k)} ${value(before)} → ${value(after)}`];
      });
    return changes.length === 0 ? 'changed the retention settings' : `set retention: ${changes.join(', ')}`;
  },
};

export function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

/** What an entry did, in plain words, to follow its actor: "set the daily kudos budget to 5". */
export function describeAuditEntry(action: string, detail: Record<string, unknown>): string {
  // An action this release does not know (written by a newer one) is named as it is stored.
  return isAuditAction(action) ? DESCRIBE[action](detail) : `did ${action.slice(0, 60)}`;
}
