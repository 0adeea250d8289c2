import { describe, expect, test } from '@jest/globals';
import { readTimeZone, resolveZone } from '../../src/people/time-zones.js';
import { ZONE_CHOICES } from '../../src/slack/views/people/time-zone.js';
import { validateView } from '../../src/slack-emulator/block-kit/index.js';
import { timeZoneModal } from '../../src/slack/views/people/time-zone.js';

describe("a person's zone", () => {
  test('is the one they chose, else Slack’s, else the stated assumption', () => {
    expect(resolveZone({ chosen: 'Asia/Tokyo', slack: 'Europe/Berlin' }, 'UTC')).toEqual({
      zone: 'Asia/Tokyo',
      source: 'chosen',
    });
    expect(resolveZone({ chosen: null, slack: 'Europe/Berlin' }, 'UTC')).toEqual({
      zone: 'Europe/Berlin',
      source: 'slack',
    });
    expect(resolveZone({ slack: 'Not/AZone' }, 'America/Chicago')).toEqual({
      zone: 'America/Chicago',
      source: 'assumed',
    });
    expect(resolveZone({}, 'Nowhere/Land')).toEqual({ zone: 'UTC', source: 'assumed' });
  });

  test('typed: canonical spelling, or a clear refusal', () => {
    expect(readTimeZone(' europe/paris ')).toBe('Europe/Paris');
    expect(readTimeZone('utc')).toBe('UTC');
    expect(() => readTimeZone('+02:00')).toThrow("isn't a time zone I know");
    expect(() => readTimeZone('EST5EDT')).toThrow("isn't a time zone I know");
    expect(() => readTimeZone('')).toThrow('Pick your time zone');
  });
});

describe('the time-zone picker', () => {
  test('lists real zones once each, at most 100 in all, and passes Block Kit’s checks', () => {
    const zones = ZONE_CHOICES.flatMap((g) => g.zones);
    expect(zones.length).toBeLessThanOrEqual(100);
    expect(new Set(zones).size).toBe(zones.length);
    for (const zone of zones) expect(readTimeZone(zone)).toBe(zone);
    const modal = timeZoneModal({
      current: { zone: 'Europe/Paris', source: 'chosen' },
      now: new Date('2026-07-01T12:00:00Z'),
    });
    expect(JSON.stringify(modal)).toContain('Europe/Paris (UTC+02:00)');
    expect(validateView(modal)).toEqual([]);
  });
});
