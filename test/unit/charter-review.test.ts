import { describe, expect, test } from '@jest/globals';
import { addUtcMonths, nextReviewDue } from '../../src/charter/charter-review.js';
import type { CharterText } from '../../src/charter/charter-text.js';

const base: CharterText = {
  goal: 'g',
  metrics: null,
  roles: null,
  decisionMaking: null,
  escalation: null,
  cadence: null,
  decisionRights: ['Roadmap: Ana'],
  levels: [],
};

describe('the governance review’s next date', () => {
  test('calendar months in UTC, a missing day becoming the month’s last', () => {
    expect(addUtcMonths(new Date('2026-11-30T09:00:00Z'), 3).toISOString()).toBe('2027-02-28T09:00:00.000Z');
    expect(addUtcMonths(new Date('2027-11-30T23:30:00Z'), 3).toISOString()).toBe('2028-02-29T23:30:00.000Z');
    expect(addUtcMonths(new Date('2026-08-31T00:00:00Z'), 6).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addUtcMonths(new Date('2026-12-15T12:00:00Z'), 1).toISOString()).toBe('2027-01-15T12:00:00.000Z');
  });

  test('by cadence; never, or nothing to review, is never due', () => {
    const from = new Date('2026-01-10T08:00:00Z');
    expect(nextReviewDue(base, from)?.toISOString()).toBe('2026-04-10T08:00:00.000Z');
    expect(nextReviewDue({ ...base, reviewCadence: 'monthly' }, from)?.toISOString()).toBe(
      '2026-02-10T08:00:00.000Z',
    );
    expect(nextReviewDue({ ...base, reviewCadence: 'half-yearly' }, from)?.toISOString()).toBe(
      '2026-07-10T08:00:00.000Z',
    );
    expect(nextReviewDue({ ...base, reviewCadence: 'never' }, from)).toBeNull();
    expect(nextReviewDue({ ...base, decisionRights: [] }, from)).toBeNull();
  });
});
