import { expect, test } from '@jest/globals';
import { parseReportPeriod } from '../../src/report/report-period.js';

const NOW = new Date('2026-12-05T10:00:00Z');

test('this quarter and this year run to now; past quarters and years are whole', () => {
  expect(parseReportPeriod('quarter', NOW)).toEqual({
    name: '2026-Q4',
    start: new Date('2026-10-01T00:00:00Z'),
    end: NOW,
    toDate: true,
  });
  expect(parseReportPeriod('', NOW).name).toBe('2026-Q4');
  expect(parseReportPeriod('YEAR', NOW)).toMatchObject({
    name: '2026',
    start: new Date('2026-01-01T00:00:00Z'),
    end: NOW,
  });
  expect(parseReportPeriod('2026-q3', NOW)).toEqual({
    name: '2026-Q3',
    start: new Date('2026-07-01T00:00:00Z'),
    end: new Date('2026-10-01T00:00:00Z'),
    toDate: false,
  });
  expect(parseReportPeriod('2025', NOW)).toMatchObject({
    end: new Date('2026-01-01T00:00:00Z'),
    toDate: false,
  });
});

test.each([
  ['2027-Q1', 'has not begun yet'],
  ['2026-Q5', 'is not a period I know'],
  ['last week', 'is not a period I know'],
  ['26', 'is not a period I know'],
])('%j is refused: %s', (text, message) => {
  expect(() => parseReportPeriod(text, NOW)).toThrow(message);
});
