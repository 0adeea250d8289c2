import { DateTime } from 'luxon';

/**
 * Working time in a person's own zone: Monday to Friday, 09:00 to 17:00 local time (nights and
 * weekends don't count). docs/METRICS.md, "responsiveness", states the same.
 */
export const WORKDAY = { startHour: 9, endHour: 17, days: [1, 2, 3, 4, 5] } as const;
export const WORKDAY_MINUTES = (WORKDAY.endHour - WORKDAY.startHour) * 60;

const MINUTE_MS = 60_000;

/** The working window of the local day that holds `day`, or none on a weekend. */
function windowOf(day: DateTime): { start: number; end: number } | null {
  if (!(WORKDAY.days as readonly number[]).includes(day.weekday)) return null;
  return {
    start: day.set({ hour: WORKDAY.startHour, minute: 0, second: 0, millisecond: 0 }).toMillis(),
    end: day.set({ hour: WORKDAY.endHour, minute: 0, second: 0, millisecond: 0 }).toMillis(),
  };
}

/** The working minutes between two instants, counted in `zone`; 0 when `to` is not after `from`. */
export function workingMinutesBetween(from: Date, to: Date, zone: string): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  const last = DateTime.fromJSDate(to, { zone }).startOf('day');
  while (day.toMillis() <= last.toMillis()) {
    const w = windowOf(day);
    if (w) total += Math.max(0, Math.min(w.end, to.getTime()) - Math.max(w.start, from.getTime()));
    day = day.plus({ days: 1 });
  }
  return total / MINUTE_MS;
}

/** The instant `minutes` working minutes after `from`, counted in `zone`. */
export function addWorkingMinutes(from: Date, minutes: number, zone: string): Date {
  let left = minutes * MINUTE_MS;
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  // A working week holds 5 days' minutes; nothing asks for more than a few weeks.
  for (let n = 0; n < 400; n += 1) {
    const w = windowOf(day);
    if (w) {
      const start = Math.max(w.start, from.getTime());
      const room = Math.max(0, w.end - start);
      if (room >= left && w.end > from.getTime()) return new Date(start + left);
      left -= room;
    }
    day = day.plus({ days: 1 });
  }
  throw new Error(`${minutes} working minutes is more than Rapport counts ahead`);
}
