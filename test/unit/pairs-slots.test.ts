import { describe, expect, test } from '@jest/globals';
import { DateTime } from 'luxon';
import { addWorkingMinutes, WORKDAY_MINUTES, workingMinutesBetween } from '../../src/health/working-hours.js';
import { suggestSlots, type SuggestedSlot } from '../../src/pairs/suggested-slots.js';

const HOUR_MS = 3_600_000;
const slots = (zones: string[], from: string | Date, count = 2) =>
  suggestSlots({ zones, from: new Date(from), count, minutes: 30 });
const starts = (found: SuggestedSlot[]) => found.map((s) => s.start.toISOString());
const inHours = (s: SuggestedSlot, zone: string) => workingMinutesBetween(s.start, s.end, zone) === 30;
const localDate = (s: SuggestedSlot, zone: string) => DateTime.fromJSDate(s.start, { zone }).toISODate();
/** A full working day of notice in every zone. */
const earliest = (zones: string[], from: Date) =>
  Math.max(...zones.map((z) => addWorkingMinutes(from, WORKDAY_MINUTES, z).getTime()));

/** `from` every 13 hours over [first, last): weekdays, weekends, and the clocks changing. */
const fromTimes = (first: string, last: string) => {
  const out: Date[] = [];
  for (let t = Date.parse(first); t < Date.parse(last); t += 13 * HOUR_MS) out.push(new Date(t));
  return out;
};

/** Checks that hold for every answer: the grid, the length, the notice, no overlap, and the flags. */
function checkBasics(found: SuggestedSlot[], zones: string[], from: Date) {
  expect(found).toHaveLength(2);
  for (const s of found) {
    expect(s.start.getTime() % (30 * 60_000)).toBe(0);
    expect(s.end.getTime() - s.start.getTime()).toBe(30 * 60_000);
    expect(s.start.getTime()).toBeGreaterThanOrEqual(earliest(zones, from));
    expect(s.outsideHoursFor).toEqual(zones.filter((z) => !inHours(s, z)));
    expect(s.assumedUtc).toEqual([]);
  }
  const [a, b] = found as [SuggestedSlot, SuggestedSlot];
  expect(a.end.getTime()).toBeLessThanOrEqual(b.start.getTime());
}

describe('suggested slots where the zones share working hours', () => {
  const overlapping: [string[], string, string][] = [
    [['Europe/London', 'Europe/Warsaw'], '2026-10-12T00:00:00Z', '2026-11-06T00:00:00Z'],
    [['America/New_York', 'America/Sao_Paulo'], '2026-10-19T00:00:00Z', '2026-11-10T00:00:00Z'],
    [['Europe/London', 'America/New_York'], '2026-10-19T00:00:00Z', '2026-11-06T00:00:00Z'],
    // London and Singapore share one hour a day only while London is on summer time.
    [['Europe/London', 'Asia/Singapore'], '2026-06-01T00:00:00Z', '2026-06-20T00:00:00Z'],
    // Honolulu's afternoon is Singapore's next morning: two hours, four days a week.
    [['Pacific/Honolulu', 'Asia/Singapore'], '2026-11-16T00:00:00Z', '2026-11-30T00:00:00Z'],
  ];

  test.each(overlapping)(
    '%j: within everyone’s hours, the first one as early as it can be',
    (zones, first, last) => {
      for (const from of fromTimes(first, last)) {
        const found = slots(zones, from);
        checkBasics(found, zones, from);
        for (const s of found) for (const z of zones) expect(inHours(s, z)).toBe(true);
        // On different days, and the first is the next in-hours half hour after the notice.
        expect(localDate(found[0] as SuggestedSlot, zones[0] as string)).not.toBe(
          localDate(found[1] as SuggestedSlot, zones[0] as string),
        );
        let t = Math.ceil(earliest(zones, from) / (30 * 60_000)) * 30 * 60_000;
        const fits = (at: number) =>
          zones.every((z) => workingMinutesBetween(new Date(at), new Date(at + 30 * 60_000), z) === 30);
        while (!fits(t)) t += 30 * 60_000;
        expect(found[0]?.start.getTime()).toBe(t);
      }
    },
  );

  test('London and Warsaw on a Monday morning: Tuesday, then Wednesday', () => {
    const found = slots(['Europe/London', 'Europe/Warsaw'], '2026-11-23T10:00:00Z');
    expect(starts(found)).toEqual(['2026-11-24T10:00:00.000Z', '2026-11-25T09:00:00.000Z']);
    expect(found.map((s) => s.outsideHoursFor)).toEqual([[], []]);
  });

  test('the week the clocks go back in Europe but not yet in New York', () => {
    // Europe leaves summer time on Sun 25 Oct 2026, New York on Sun 1 Nov: for that week the cities
    // are four hours apart, and New York's 09:00 is 13:00 in London.
    const found = slots(['Europe/London', 'America/New_York'], '2026-10-23T12:00:00Z');
    expect(starts(found)).toEqual(['2026-10-26T13:00:00.000Z', '2026-10-27T13:00:00.000Z']);
    // London and Singapore: the Friday before is the last day they share an hour (08:00–09:00 UTC).
    const friday = slots(['Europe/London', 'Asia/Singapore'], '2026-10-22T08:00:00Z');
    expect(starts(friday)).toEqual(['2026-10-23T08:00:00.000Z', '2026-10-23T08:30:00.000Z']);
    expect(friday.map((s) => s.outsideHoursFor)).toEqual([[], []]);
  });
});

describe('suggested slots where the zones share no working hours', () => {
  test('New York and Singapore: halfway across the shorter gap, flagged for both', () => {
    // New York's day ends 22:00 UTC, Singapore's starts 01:00 UTC: 23:00 UTC splits the evening and
    // the early morning most evenly (18:00 in New York, 07:00 in Singapore).
    const zones = ['America/New_York', 'Asia/Singapore'];
    const found = slots(zones, '2026-11-23T10:00:00Z');
    checkBasics(found, zones, new Date('2026-11-23T10:00:00Z'));
    expect(starts(found)).toEqual(['2026-11-24T23:00:00.000Z', '2026-11-25T23:00:00.000Z']);
    expect(found.map((s) => s.outsideHoursFor)).toEqual([zones, zones]);
  });

  test('London and Singapore in winter: the half hour where one day ends and the other begins', () => {
    const zones = ['Europe/London', 'Asia/Singapore'];
    for (const from of fromTimes('2026-11-02T00:00:00Z', '2026-11-20T00:00:00Z')) {
      const found = slots(zones, from);
      checkBasics(found, zones, from);
      for (const s of found) {
        expect(s.start.toISOString().slice(11, 16)).toMatch(/^(08:30|09:00)$/);
        expect(s.outsideHoursFor).toHaveLength(1);
      }
    }
  });

  test('Honolulu and London: London’s evening, Honolulu’s early morning', () => {
    const zones = ['Pacific/Honolulu', 'Europe/London'];
    const found = slots(zones, '2026-11-23T10:00:00Z');
    checkBasics(found, zones, new Date('2026-11-23T10:00:00Z'));
    expect(found.map((s) => s.start.toISOString().slice(11, 16))).toEqual(['17:30', '17:30']);
    expect(found.map((s) => s.outsideHoursFor)).toEqual([zones, zones]);
  });
});

describe('suggested slots, odd inputs', () => {
  test('an unknown zone is taken as UTC, and the answer says so', () => {
    const found = slots(['Mars/Olympus', 'Europe/London'], '2026-11-27T16:00:00Z');
    expect(found.map((s) => s.assumedUtc)).toEqual([['Mars/Olympus'], ['Mars/Olympus']]);
    for (const s of found) expect(inHours(s, 'UTC') && inHours(s, 'Europe/London')).toBe(true);
    // Friday 16:00: one hour left that day, seven on Monday, so Monday 16:00 is the first.
    expect(starts(found)).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-01T09:00:00.000Z']);
  });

  test('one zone, repeated zones, no zones, and more slots than days', () => {
    const one = slots(['Asia/Tokyo', 'Asia/Tokyo'], '2026-11-23T00:00:00Z');
    expect(one.every((s) => inHours(s, 'Asia/Tokyo') && s.outsideHoursFor.length === 0)).toBe(true);
    expect(slots([], '2026-11-23T00:00:00Z')).toEqual([]);
    const many = slots(['Europe/London', 'Asia/Singapore'], '2026-06-01T10:00:00Z', 8);
    expect(many).toHaveLength(8);
    expect(many.every((s) => inHours(s, 'Europe/London') && inHours(s, 'Asia/Singapore'))).toBe(true);
  });
});
