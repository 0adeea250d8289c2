import { DateTime, IANAZone } from 'luxon';
import { UserError } from '../errors.js';
import { type Cadence, QUARTER_MONTHS, type Weekday } from './cadence.js';

export type Schedule = {
  days: Weekday[];
  /** Wall-clock time, "HH:MM". */
  time: string;
  /** "local": each participant's own Slack time zone; otherwise one IANA zone for everyone. */
  zone: 'local' | string;
  /** Weekly when unset. */
  cadence?: Cadence;
  /** The first run's date, "YYYY-MM-DD": where a biweekly cadence counts its weeks from. */
  startsOn?: string | null;
  /**
   * How long before each occurrence it comes due, in minutes (a review's forms go out a week
   * before it): the occurrence keeps its date, its instant moves earlier. 0 when unset.
   */
  leadMinutes?: number;
};

/** The schedule stored in a ritual's row. */
export function scheduleOf(row: {
  days: Weekday[];
  time_of_day: string;
  zone: string;
  cadence?: Cadence;
  starts_on?: string | null;
  lead_minutes?: number;
}): Schedule {
  return {
    days: row.days,
    time: row.time_of_day,
    zone: row.zone,
    cadence: row.cadence ?? 'weekly',
    startsOn: row.starts_on ?? null,
    ...(row.lead_minutes ? { leadMinutes: row.lead_minutes } : {}),
  };
}

/** Whether a date on one of the schedule's weekdays is also on its cadence. */
function onCadence(schedule: Schedule, date: DateTime): boolean {
  switch (schedule.cadence ?? 'weekly') {
    case 'weekly':
      return true;
    case 'monthly':
      return date.day <= 7;
    case 'quarterly':
      return date.day <= 7 && QUARTER_MONTHS.includes(date.month);
    case 'biweekly': {
      if (!schedule.startsOn) return true;
      const start = DateTime.fromISO(schedule.startsOn, { zone: date.zone });
      if (date < start.startOf('day')) return false;
      const weeks = Math.round(date.startOf('week').diff(start.startOf('week'), 'weeks').weeks);
      return weeks % 2 === 0;
    }
  }
}

/** How far ahead the next occurrence can be: a week and a bit, two, or a month and a bit. */
const HORIZON_DAYS: Record<Cadence, number> = { weekly: 9, biweekly: 16, monthly: 40, quarterly: 100 };

export type Occurrence = {
  /** The participant's (or the zone's) calendar date the occurrence belongs to, "YYYY-MM-DD". */
  localDate: string;
  at: Date;
};

/** Short day names, Monday first, as the export and the descriptions use them. */
export const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_ALIASES: Record<string, Weekday[]> = {
  daily: [1, 2, 3, 4, 5, 6, 7],
  weekdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
};

/** "mon-fri", "mon,wed,fri", "mon-wed,fri", "fri-mon", "daily", "weekdays", "weekends". */
export function parseDays(text: string): Weekday[] {
  const input = text.trim().toLowerCase();
  const alias = DAY_ALIASES[input];
  if (alias) return alias;
  const days = new Set<Weekday>();
  for (const part of input.split(',')) {
    const bounds = part.split('-').map((d) => d.trim());
    if (bounds.length > 2 || bounds.some((b) => b === '')) throw badDays(text);
    const from = dayNumber(bounds[0] ?? '', text);
    const to = dayNumber(bounds[1] ?? bounds[0] ?? '', text);
    // A range wraps around the week: fri-mon is Friday to Monday.
    for (let day = from, steps = 0; steps < 7; day = ((day % 7) + 1) as Weekday, steps += 1) {
      days.add(day);
      if (day === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** "mon", "tues", "thursday": three letters or more of a day's name. */
function dayNumber(name: string, text: string): Weekday {
  const index = FULL_NAMES.findIndex((full) => name.length >= 3 && full.startsWith(name));
  if (index < 0) throw badDays(text);
  return (index + 1) as Weekday;
}

function badDays(text: string): UserError {
  return new UserError(
    `I don't understand the days "${text}". Use \`mon-fri\`, \`mon,wed,fri\`, \`daily\` or \`weekdays\`.`,
  );
}

/** "9:30" or "09:30", 24-hour clock. */
export function parseTime(text: string): string {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match)
    throw new UserError(
      `"${text}" is not a time. Use the 24-hour clock, for example \`09:30\` or \`17:00\`.`,
    );
  return `${match[1]?.padStart(2, '0')}:${match[2]}`;
}

/** "local" (the default) or an IANA zone such as Europe/Berlin. */
export function parseZone(text: string | undefined): 'local' | string {
  if (text === undefined || text.trim() === '' || text.trim().toLowerCase() === 'local') return 'local';
  const zone = text.trim();
  if (!IANAZone.isValidZone(zone)) {
    throw new UserError(
      `"${zone}" is not a time zone I know. Use \`local\` or a zone such as \`Europe/Berlin\`.`,
    );
  }
  return zone;
}

/**
 * The instant a wall-clock time happens on a date in a zone, exactly as people live it:
 * a time skipped by a spring-forward change runs at the first minute that exists after it, and a
 * time that happens twice on a fall-back day runs at its first happening.
 */
export function instantOf(localDate: string, time: string, zone: string): Date {
  const [year, month, day] = localDate.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = { year, month, day, hour, minute };
  const dt = DateTime.fromObject(wall, { zone });
  if (!dt.isValid) throw new Error(`invalid date, time or zone: ${localDate} ${time} ${zone}`);
  if (dt.hour !== hour || dt.minute !== minute) return firstMinuteAfterGap(wall, zone);
  // Luxon resolves a repeated time to its second happening; take the first if there is one. A time
  // can repeat only where the offset fell within the last two hours (the widest fold is two hours).
  if (dt.minus({ minutes: 120 }).offset <= dt.offset) return dt.toJSDate();
  for (const shift of [30, 60, 120]) {
    const earlier = dt.minus({ minutes: shift });
    if (earlier.hour === hour && earlier.minute === minute && earlier.day === day) return earlier.toJSDate();
  }
  return dt.toJSDate();
}

function firstMinuteAfterGap(wall: Record<string, number | undefined>, zone: string): Date {
  const start = DateTime.fromObject(wall, { zone: 'utc' });
  for (let minutes = 1; minutes <= 180; minutes += 1) {
    const candidate = start.plus({ minutes });
    const local = DateTime.fromObject(
      {
        year: candidate.year,
        month: candidate.month,
        day: candidate.day,
        hour: candidate.hour,
        minute: candidate.minute,
      },
      { zone },
    );
    if (local.hour === candidate.hour && local.minute === candidate.minute) return local.toJSDate();
  }
  throw new Error(`no valid time after ${JSON.stringify(wall)} in ${zone}`);
}

/** Every occurrence of the schedule in a zone with `after < at <= until`, in order. */
export function occurrencesBetween(schedule: Schedule, zone: string, after: Date, until: Date): Occurrence[] {
  const lead = leadMs(schedule);
  return [...occurrencesIn(schedule, zone, shift(after, lead), shift(until, lead))].map((o) => ({
    localDate: o.localDate,
    at: shift(o.at, -lead),
  }));
}

const leadMs = (schedule: Schedule) => (schedule.leadMinutes ?? 0) * 60_000;
const shift = (at: Date, ms: number) => new Date(at.getTime() + ms);

/** The first occurrence strictly after `after`. */
export function nextOccurrence(schedule: Schedule, zone: string, after: Date): Occurrence | undefined {
  if (schedule.days.length === 0) return undefined;
  // With a lead, the occurrence that comes due next is the first whose own time is `lead` later.
  const lead = leadMs(schedule);
  const from = shift(after, lead);
  const horizon = shift(from, HORIZON_DAYS[schedule.cadence ?? 'weekly'] * 24 * 60 * 60 * 1000);
  // Stops at the first: each instant costs a zone lookup, the scheduler's main cost per slot.
  for (const o of occurrencesIn(schedule, zone, from, horizon))
    return { localDate: o.localDate, at: shift(o.at, -lead) };
  return undefined;
}

/**
 * The occurrences with `after < at <= until`, in order. Dates are walked as plain calendar dates
 * (in UTC, where a day has no gap or fold); only a date on the schedule is placed in the zone.
 * Instants grow with their dates, since a time of day never moves past the next day's.
 */
function* occurrencesIn(schedule: Schedule, zone: string, after: Date, until: Date): Generator<Occurrence> {
  const first = calendarDate(after, zone).minus({ days: 1 });
  const last = calendarDate(until, zone).plus({ days: 1 });
  for (let date = first; date <= last; date = date.plus({ days: 1 })) {
    if (!schedule.days.includes(date.weekday as Weekday) || !onCadence(schedule, date)) continue;
    const localDate = date.toISODate() ?? '';
    const at = instantOf(localDate, schedule.time, zone);
    if (at > until) return;
    if (at > after) yield { localDate, at };
  }
}

/** The date a zone's calendar shows at an instant, as a UTC date (for calendar arithmetic only). */
function calendarDate(at: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(at, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

/** "Mon–Fri at 09:30, each person's local time". */
export function describeSchedule(schedule: Schedule): string {
  const days =
    schedule.days.length === 7
      ? 'Daily'
      : schedule.days.join(',') === '1,2,3,4,5'
        ? 'Mon–Fri'
        : schedule.days.map((d) => capitalize(DAY_NAMES[d - 1] ?? '')).join(', ');
  const zone = schedule.zone === 'local' ? "each person's local time" : schedule.zone;
  const when =
    schedule.cadence === 'biweekly'
      ? `Every other ${days}`
      : schedule.cadence === 'monthly'
        ? `The first ${days} of each month`
        : schedule.cadence === 'quarterly'
          ? `The first ${days} of January, April, July and October`
          : days;
  const lead = schedule.leadMinutes
    ? `; its forms go out ${Math.round(schedule.leadMinutes / 1440)} days before`
    : '';
  return `${when} at ${schedule.time}, ${zone}${lead}`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
