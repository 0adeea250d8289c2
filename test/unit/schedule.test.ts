import { describe, expect, test } from '@jest/globals';
import {
  describeSchedule,
  instantOf,
  nextOccurrence,
  occurrencesBetween,
  parseDays,
  parseTime,
  parseZone,
  type Schedule,
} from '../../src/rituals/schedule.js';

describe('reading a schedule', () => {
  test.each([
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['weekdays', [1, 2, 3, 4, 5]],
    ['daily', [1, 2, 3, 4, 5, 6, 7]],
    ['Mon,Wed,Fri', [1, 3, 5]],
    ['mon-wed,fri', [1, 2, 3, 5]],
    ['fri-mon', [1, 5, 6, 7]],
    ['tues,thursday', [2, 4]],
  ])('days %s', (text, days) => {
    expect(parseDays(text)).toEqual(days);
  });

  test.each(['', 'mo', 'mon-', 'mon--fri', 'funday', 'mon-fri-sat'])('days %j are refused', (text) => {
    expect(() => parseDays(text)).toThrow(/I don't understand the days/);
  });

  test('times and zones', () => {
    expect(parseTime('9:30')).toBe('09:30');
    expect(parseTime('23:59')).toBe('23:59');
    expect(() => parseTime('24:00')).toThrow(/24-hour clock/);
    expect(() => parseTime('9.30am')).toThrow(/not a time/);
    expect(parseZone(undefined)).toBe('local');
    expect(parseZone('LOCAL')).toBe('local');
    expect(parseZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(() => parseZone('Mars/Olympus')).toThrow(/not a time zone I know/);
  });

  test('described for people', () => {
    expect(describeSchedule({ days: [1, 2, 3, 4, 5], time: '09:30', zone: 'local' })).toBe(
      "Mon–Fri at 09:30, each person's local time",
    );
    expect(describeSchedule({ days: [1, 3, 5], time: '10:00', zone: 'Europe/Berlin' })).toBe(
      'Mon, Wed, Fri at 10:00, Europe/Berlin',
    );
  });
});

describe('daylight saving, exactly', () => {
  test.each([
    // A time that does not exist runs at the first minute that does.
    ['2026-03-29', '02:30', 'Europe/Berlin', '2026-03-29T01:00:00.000Z'],
    ['2026-03-08', '02:15', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    // A time that happens twice runs at its first happening.
    ['2026-10-25', '02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    // Ordinary days on both sides of the changes.
    ['2026-03-28', '02:30', 'Europe/Berlin', '2026-03-28T01:30:00.000Z'],
    ['2026-03-30', '02:30', 'Europe/Berlin', '2026-03-30T00:30:00.000Z'],
    ['2026-11-02', '01:30', 'America/New_York', '2026-11-02T06:30:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, instant) => {
    expect(instantOf(date, time, zone).toISOString()).toBe(instant);
  });

  test('a week across the autumn change has each day once', () => {
    const schedule: Schedule = { days: [1, 2, 3, 4, 5, 6, 7], time: '02:30', zone: 'Europe/Berlin' };
    const found = occurrencesBetween(
      schedule,
      'Europe/Berlin',
      new Date('2026-10-22T00:00:00Z'),
      new Date('2026-10-28T00:00:00Z'),
    );
    expect(found.map((o) => o.localDate)).toEqual([
      '2026-10-22',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
    ]);
  });
});

describe('next occurrence', () => {
  const weekdays: Schedule = { days: [1, 2, 3, 4, 5], time: '09:30', zone: 'local' };

  test('later today, or the next scheduled day', () => {
    // Friday 2026-11-20 08:00 in Berlin (07:00Z).
    expect(nextOccurrence(weekdays, 'Europe/Berlin', new Date('2026-11-20T07:00:00Z'))).toEqual({
      localDate: '2026-11-20',
      at: new Date('2026-11-20T08:30:00Z'),
    });
    // Friday after the time: Monday.
    expect(nextOccurrence(weekdays, 'Europe/Berlin', new Date('2026-11-20T08:30:00Z'))).toEqual({
      localDate: '2026-11-23',
      at: new Date('2026-11-23T08:30:00Z'),
    });
  });

  test('the same instant is a different local day for different people', () => {
    const after = new Date('2026-11-20T20:00:00Z');
    expect(nextOccurrence(weekdays, 'Pacific/Auckland', after)?.localDate).toBe('2026-11-23');
    expect(nextOccurrence(weekdays, 'America/Los_Angeles', after)?.localDate).toBe('2026-11-23');
    expect(nextOccurrence(weekdays, 'Asia/Tokyo', after)?.localDate).toBe('2026-11-23');
  });
});

describe('cadences', () => {
  const dates = (schedule: Schedule, from: string, until: string) =>
    occurrencesBetween(schedule, 'Europe/Berlin', new Date(from), new Date(until)).map((o) => o.localDate);

  test('every other week counts from the first run', () => {
    const biweekly: Schedule = {
      days: [5],
      time: '16:00',
      zone: 'Europe/Berlin',
      cadence: 'biweekly',
      startsOn: '2026-11-27',
    };
    expect(dates(biweekly, '2026-11-01T00:00:00Z', '2027-01-10T00:00:00Z')).toEqual([
      '2026-11-27',
      '2026-12-11',
      '2026-12-25',
      '2027-01-08',
    ]);
    expect(nextOccurrence(biweekly, 'Europe/Berlin', new Date('2026-11-27T15:00:00Z'))?.localDate).toBe(
      '2026-12-11',
    );
  });

  test('monthly is the first such weekday of each month', () => {
    const monthly: Schedule = { days: [1], time: '10:00', zone: 'Europe/Berlin', cadence: 'monthly' };
    expect(dates(monthly, '2026-11-01T00:00:00Z', '2027-03-01T00:00:00Z')).toEqual([
      '2026-11-02',
      '2026-12-07',
      '2027-01-04',
      '2027-02-01',
    ]);
    // From the day after a first Monday, the next is more than four weeks away.
    expect(nextOccurrence(monthly, 'Europe/Berlin', new Date('2026-12-08T00:00:00Z'))?.localDate).toBe(
      '2027-01-04',
    );
  });

  test('described for people', () => {
    expect(
      describeSchedule({
        days: [5],
        time: '16:00',
        zone: 'local',
        cadence: 'biweekly',
        startsOn: '2026-11-27',
      }),
    ).toBe("Every other Fri at 16:00, each person's local time");
    expect(describeSchedule({ days: [1], time: '10:00', zone: 'Europe/Berlin', cadence: 'monthly' })).toBe(
      'The first Mon of each month at 10:00, Europe/Berlin',
    );
  });
});
