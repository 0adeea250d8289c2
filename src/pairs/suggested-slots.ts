import { DateTime, IANAZone } from 'luxon';
import { addWorkingMinutes, WORKDAY, WORKDAY_MINUTES } from '../health/working-hours.js';

/**
 * Times to suggest to a coffee pair: slots on the half-hour grid within everyone's working hours
 * (src/health/working-hours.ts: Monday to Friday, 09:00–17:00 in each person's zone), at least one
 * working day ahead for everyone, on different days where possible. When the zones share no
 * working time (New York and Singapore, say), the slots sit at the edge of both days, where the
 * time outside working hours and its distance from them are least, and say whose hours they miss.
 */

export type SuggestedSlot = {
  start: Date;
  end: Date;
  /** The zones (as given) for which this slot is not wholly within working hours. */
  outsideHoursFor: string[];
  /** The zones given that are not known time zones, and were taken as UTC. */
  assumedUtc: string[];
};

export type SlotRequest = { zones: readonly string[]; from: Date; count: number; minutes: number };

const MINUTE_MS = 60_000;
const GRID_MINUTES = 30;
// A week ahead holds every weekday once, so every day two zones can share.
const HORIZON_DAYS = 7;
const DAY_MS = 24 * 60 * MINUTE_MS;

type Window = { start: number; end: number };
/** A slot considered: its day (index into the first zone's days), and what it costs everyone. */
type Candidate = {
  start: number;
  end: number;
  day: number;
  cost: number;
  worst: number;
  outsideHoursFor: string[];
};

/** The local days of `zone` from a few days before `from` to a few after `days` more (weekends fit). */
const daysOf = (zone: string, from: Date, days: number): DateTime[] => {
  const first = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 3 });
  return Array.from({ length: days + 6 }, (_, d) => first.plus({ days: d }));
};

/** The working windows of those days. */
function windowsOf(localDays: readonly DateTime[]): Window[] {
  return localDays
    .filter((day) => (WORKDAY.days as readonly number[]).includes(day.weekday))
    .map((day) => {
      const at = (hour: number) => day.set({ hour, minute: 0, second: 0, millisecond: 0 }).toMillis();
      return { start: at(WORKDAY.startHour), end: at(WORKDAY.endHour) };
    });
}

/** Minutes of the slot outside working time, plus how far it lies from the nearest working time. */
function costIn(windows: readonly Window[], start: number, end: number): { outside: number; cost: number } {
  let inside = 0;
  let gap = Infinity;
  for (const w of windows) {
    inside += Math.max(0, Math.min(w.end, end) - Math.max(w.start, start));
    gap = Math.min(gap, Math.max(0, w.start - end, start - w.end));
  }
  const outside = (end - start - inside) / MINUTE_MS;
  return { outside, cost: outside + (inside > 0 ? 0 : gap / MINUTE_MS) };
}

/** The next `count` slots of `minutes` for a group whose members work in `zones`. */
export function suggestSlots({ zones, from, count, minutes }: SlotRequest): SuggestedSlot[] {
  const given = [...new Set(zones)];
  if (given.length === 0 || count <= 0 || minutes <= 0) return [];
  const assumedUtc = given.filter((zone) => !IANAZone.create(zone).isValid);
  const known = given.map((zone) => ({ zone, tz: assumedUtc.includes(zone) ? 'UTC' : zone }));
  // A full working day of notice for everyone, then up onto the grid of the first zone.
  const earliest = Math.max(...known.map(({ tz }) => addWorkingMinutes(from, WORKDAY_MINUTES, tz).getTime()));
  const days = known.map(({ tz }) => daysOf(tz, new Date(earliest), HORIZON_DAYS));
  const windows = days.map(windowsOf);
  // The grid and the days follow the first zone's clock.
  const gridTz = (known[0] as { tz: string }).tz;
  const midnights = (days[0] as DateTime[]).map((d) => d.toMillis());
  const firstMinute = Math.ceil(earliest / MINUTE_MS);
  const past = (firstMinute + IANAZone.create(gridTz).offset(earliest)) % GRID_MINUTES;
  const candidates: Candidate[] = [];
  let day = 0;
  const stop = earliest + HORIZON_DAYS * DAY_MS;
  for (let start = (firstMinute + (past === 0 ? 0 : GRID_MINUTES - past)) * MINUTE_MS; start < stop;) {
    const end = start + minutes * MINUTE_MS;
    const costs = windows.map((w) => costIn(w, start, end));
    while (day + 1 < midnights.length && (midnights[day + 1] as number) <= start) day += 1;
    candidates.push({
      start,
      end,
      day,
      cost: costs.reduce((sum, c) => sum + c.cost, 0),
      worst: Math.max(...costs.map((c) => c.cost)),
      outsideHoursFor: known
        .filter((_, i) => (costs[i] as { outside: number }).outside > 0)
        .map((k) => k.zone),
    });
    start += GRID_MINUTES * MINUTE_MS;
  }
  // Least time outside hours (and nearest to them) in all; then the burden shared most evenly.
  const ranked = [...candidates].sort((a, b) => a.cost - b.cost || a.worst - b.worst || a.start - b.start);
  const first = ranked[0] as Candidate;
  const best = candidates.filter((c) => c.cost === first.cost && c.worst === first.worst);
  const picked: Candidate[] = [];
  const fits = (c: Candidate) => !picked.some((p) => c.start < p.end && p.start < c.end);
  // First the best slot of as many different days as it takes, then any best slot, then the next best.
  for (const c of best) if (picked.length < count && !picked.some((p) => p.day === c.day)) picked.push(c);
  for (const c of [...best, ...ranked]) if (picked.length < count && fits(c)) picked.push(c);
  return picked
    .sort((a, b) => a.start - b.start)
    .map((c) => ({
      start: new Date(c.start),
      end: new Date(c.end),
      outsideHoursFor: c.outsideHoursFor,
      assumedUtc,
    }));
}
