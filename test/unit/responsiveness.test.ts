import { describe, expect, test } from '@jest/globals';
import { asksSomething } from '../../src/health/asks.js';
import { parseHealthCommand, parseTarget } from '../../src/health/parse-command.js';
import {
  type AskedThread,
  percentile,
  responsivenessScore,
  settle,
  summaryOf,
  waitsOf,
} from '../../src/health/responsiveness.js';
import { addWorkingMinutes, workingMinutesBetween } from '../../src/health/working-hours.js';

const at = (iso: string) => new Date(iso);

describe('working time, in a zone', () => {
  test('counts 09:00–17:00 on weekdays only, in the zone given', () => {
    // Mon 23 Nov 2026, 08:00 to 18:00 in Berlin (07:00–17:00 UTC): a whole working day.
    expect(
      workingMinutesBetween(at('2026-11-23T07:00:00Z'), at('2026-11-23T17:00:00Z'), 'Europe/Berlin'),
    ).toBe(480);
    // The same instants in New York (02:00–12:00): 09:00 to 12:00 only.
    expect(
      workingMinutesBetween(at('2026-11-23T07:00:00Z'), at('2026-11-23T17:00:00Z'), 'America/New_York'),
    ).toBe(180);
    // Friday 16:00 to Monday 10:00 in Tokyo: one hour on Friday, one on Monday.
    expect(workingMinutesBetween(at('2026-11-27T07:00:00Z'), at('2026-11-30T01:00:00Z'), 'Asia/Tokyo')).toBe(
      120,
    );
    // A weekend alone is no working time at all, and backwards is zero.
    expect(workingMinutesBetween(at('2026-11-28T00:00:00Z'), at('2026-11-29T23:00:00Z'), 'UTC')).toBe(0);
    expect(workingMinutesBetween(at('2026-11-24T12:00:00Z'), at('2026-11-24T11:00:00Z'), 'UTC')).toBe(0);
  });

  test('a day when the clocks change has its own 8 working hours', () => {
    // Sun 25 Oct 2026 Europe/Berlin leaves summer time; Mon 26 Oct is a normal 09:00–17:00 (08:00–16:00 UTC).
    expect(
      workingMinutesBetween(at('2026-10-23T14:00:00Z'), at('2026-10-26T09:00:00Z'), 'Europe/Berlin'),
    ).toBe(60 + 60);
  });

  test('adds working minutes across nights and weekends', () => {
    // Friday 16:30 in Berlin + 60 working minutes: Monday 09:30 (08:30 UTC in winter).
    expect(addWorkingMinutes(at('2026-11-27T15:30:00Z'), 60, 'Europe/Berlin').toISOString()).toBe(
      '2026-11-30T08:30:00.000Z',
    );
    // Saturday + 5 working days: the next Monday's 09:00 + 40 h = the Friday after, at 17:00.
    expect(addWorkingMinutes(at('2026-11-28T12:00:00Z'), 5 * 480, 'UTC').toISOString()).toBe(
      '2026-12-04T17:00:00.000Z',
    );
    // Tue 10:00 in New York + 5 working days: the Tuesday after, 10:00.
    expect(addWorkingMinutes(at('2026-11-24T15:00:00Z'), 5 * 480, 'America/New_York').toISOString()).toBe(
      '2026-12-01T15:00:00.000Z',
    );
  });
});

describe('whether a message asks something', () => {
  test.each([
    ['Can we move the review to Thursday?', true],
    ['could you send the logs', true],
    ['Please approve the budget', true],
    ['Any chance we get the keys today', true],
    ['lmk when it is deployed', true],
    ['We need your review on the contract', true],
    ['what?!', true],
    ['Shipped the release 🎉', false],
    ['See <https://example.com/search?q=ships|the results>', false],
    ['Ran `curl "x?y=1"` and it worked', false],
    ['> Can you do it?\nDone, thanks all', false],
    ['', false],
  ])('%j → %s', (text, asks) => {
    expect(asksSomething(text)).toBe(asks);
  });

  test('a huge hostile text is read quickly and only in part', () => {
    const started = Date.now();
    expect(asksSomething(`${'ok? '.repeat(5)}${'x'.repeat(39_980)}`)).toBe(true);
    expect(asksSomething(`${'<'.repeat(20_000)}${'`'.repeat(20_000)}`)).toBe(false);
    expect(asksSomething(`${'x'.repeat(5_000)} can you?`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

const thread = (
  askedAt: string,
  reply: { at: string; zone?: string; side?: string } | null,
  asker = { side: 'acme', zone: 'Europe/Berlin' },
): AskedThread => ({
  askerSide: asker.side,
  askerZone: asker.zone,
  askedAt: at(askedAt),
  reply: reply
    ? { side: reply.side ?? 'globex', zone: reply.zone ?? 'America/New_York', at: at(reply.at) }
    : null,
});

describe('threads settle into periods', () => {
  test('a reply within 5 working days settles at the reply, its wait in the replier’s zone', () => {
    // Asked Mon 09:00 Berlin (08:00 UTC); answered 11:00 New York (16:00 UTC): 2 h of NY working time.
    expect(settle(thread('2026-11-23T08:00:00Z', { at: '2026-11-23T16:00:00Z' }))).toEqual({
      at: at('2026-11-23T16:00:00Z'),
      minutes: 120,
    });
  });

  test('no reply, or one after the 5 working days (in the asker’s zone), settles unanswered at the deadline', () => {
    const deadline = at('2026-11-27T16:00:00Z'); // Mon 09:00 Berlin + 5 working days: Fri 17:00
    expect(settle(thread('2026-11-23T08:00:00Z', null))).toEqual({ at: deadline, minutes: null });
    expect(settle(thread('2026-11-23T08:00:00Z', { at: '2026-11-30T08:30:00Z' }))).toEqual({
      at: deadline,
      minutes: null,
    });
  });

  test('each thread counts once, in the period it settled in, by the asking side', () => {
    const threads = [
      thread('2026-11-23T08:00:00Z', { at: '2026-11-23T16:00:00Z' }), // settles Mon 23
      thread('2026-11-24T08:00:00Z', null), // settles Mon 30 Nov at 17:00 Berlin, unanswered
      thread(
        '2026-11-25T15:00:00Z',
        { at: '2026-11-26T09:00:00Z', zone: 'Europe/Berlin', side: 'acme' },
        {
          side: 'globex',
          zone: 'America/New_York',
        },
      ), // asked 10:00 NY, answered 10:00 Berlin next day: 1 h of Berlin time
    ];
    const week1 = { start: at('2026-11-23T00:00:00Z'), end: at('2026-11-30T00:00:00Z') };
    const week2 = { start: week1.end, end: at('2026-12-07T00:00:00Z') };
    expect(waitsOf(threads, week1)).toEqual([
      { side: 'acme', minutes: [120] },
      { side: 'globex', minutes: [120] },
    ]);
    expect(waitsOf(threads, week2)).toEqual([{ side: 'acme', minutes: [null] }]);
  });
});

describe('the figures', () => {
  test('nearest-rank median and 90th percentile, unanswered counted as longest', () => {
    expect(percentile([30, 10, 20], 0.5)).toBe(20);
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(20);
    expect(percentile([10, null, 20, 30, 40, 50, 60, 70, 80, 90], 0.9)).toBe(90);
    expect(percentile([10, null], 0.9)).toBeNull();
    expect(summaryOf({ side: 'acme', minutes: [60, null, 30] })).toEqual({
      side: 'acme',
      asked: 3,
      unanswered: 1,
      medianMinutes: 60,
      p90Minutes: null,
    });
  });

  test('the score: per question against the target, each side weighing the same; no data when off or empty', () => {
    expect(responsivenessScore(null)).toBeNull();
    expect(responsivenessScore({ targetMinutes: 240, waits: [] })).toBeNull();
    const score = responsivenessScore({
      targetMinutes: 240,
      waits: [
        { side: 'acme', minutes: [240, 960] }, // 1, 0.25
        { side: 'globex', minutes: [null, 10, 10, 10] }, // 0, 1, 1, 1
      ],
    });
    expect(score).toBeCloseTo((0.625 + 0.75) / 2, 10);
  });
});

describe('/health responsiveness, as typed', () => {
  test('reads on, off, target and the target’s units', () => {
    expect(parseHealthCommand('responsiveness')).toEqual({ kind: 'responsiveness' });
    expect(parseHealthCommand('Responsiveness ON')).toEqual({ kind: 'responsiveness', change: { to: 'on' } });
    expect(parseHealthCommand('responsiveness on 2h')).toEqual({
      kind: 'responsiveness',
      change: { to: 'on', targetMinutes: 120 },
    });
    expect(parseHealthCommand('responsiveness off')).toEqual({
      kind: 'responsiveness',
      change: { to: 'off' },
    });
    expect(parseTarget('90m')).toBe(90);
    expect(parseTarget('1.5 hours')).toBe(90);
    expect(parseTarget('2,5h')).toBe(150);
    expect(parseTarget('30 min')).toBe(30);
  });

  test.each([
    'responsiveness maybe',
    'responsiveness off now',
    'responsiveness target',
    'responsiveness on soon',
  ])('%j is refused with what to type', (text) => {
    expect(() => parseHealthCommand(text)).toThrow(/responsiveness/);
  });

  test.each(['5m', '41h', '0h', '-2h', '2 weeks', '1e3m'])('a target of %j is refused', (text) => {
    expect(() => parseTarget(text)).toThrow(/target|working time/);
  });
});
