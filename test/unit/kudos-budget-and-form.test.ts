import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { giverDay } from '../../src/kudos/budget.js';
import { parseKudosForm } from '../../src/kudos/kudos-form.js';
import { parseKudosCommand } from '../../src/kudos/parse-command.js';

describe('/kudos budget', () => {
  test('alone shows it; a number or off sets it', () => {
    expect(parseKudosCommand('budget')).toEqual({ kind: 'budget' });
    expect(parseKudosCommand('budget 5')).toEqual({ kind: 'budget', budget: 5 });
    expect(parseKudosCommand('Budget OFF')).toEqual({ kind: 'budget', budget: null });
    expect(parseKudosCommand('budget 100')).toEqual({ kind: 'budget', budget: 100 });
  });

  test.each(['0', '101', '1e2', '05.5', 'lots', '5 a day'])('refuses "%s", saying what to type', (word) => {
    expect(() => parseKudosCommand(`budget ${word}`)).toThrow(UserError);
  });
});

describe('a giver’s day', () => {
  test('runs midnight to midnight in their zone', () => {
    const day = giverDay('America/New_York', new Date('2026-03-10T03:30:00Z'));
    expect(day.start.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(day.end.toISOString()).toBe('2026-03-10T04:00:00.000Z');
  });

  test('is 23 hours on the day the clocks go forward', () => {
    const day = giverDay('Europe/Berlin', new Date('2026-03-29T12:00:00Z'));
    expect(day.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(day.end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});

describe('the "Give kudos" form', () => {
  test('escapes what was typed, so markup in it stays words', () => {
    expect(parseKudosForm({ recipientIds: ['U0BEN'], reason: ' for <!channel> & <b> ' })).toEqual({
      ok: true,
      recipientIds: ['U0BEN'],
      reason: 'for &lt;!channel&gt; &amp; &lt;b&gt;',
    });
  });

  test('names every field at fault', () => {
    expect(parseKudosForm({ recipientIds: [], reason: null })).toEqual({
      ok: false,
      errors: { recipients: expect.any(String), reason: expect.any(String) },
    });
    expect(parseKudosForm({ recipientIds: ['not-a-user'], reason: 'x' })).toMatchObject({ ok: false });
  });

  test('measures the reason as it reads: 500 escaped characters fit', () => {
    expect(parseKudosForm({ recipientIds: ['U0BEN'], reason: '<'.repeat(500) })).toMatchObject({ ok: true });
    expect(parseKudosForm({ recipientIds: ['U0BEN'], reason: '<'.repeat(501) })).toMatchObject({ ok: false });
  });
});
