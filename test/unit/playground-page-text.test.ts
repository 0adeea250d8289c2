import { describe, expect, test } from '@jest/globals';
import type { SlashCommand } from '../../src/playground/api-types.js';
import { commandBeingUsed, suggestCommands } from '../../src/playground/web/command-hints.js';
import { formatMessageTime, formatRelative, tsToDate } from '../../src/playground/web/format.js';

const COMMANDS: SlashCommand[] = [
  { command: '/kudos', description: 'Thank someone', usageHint: '@person what for' },
  { command: '/checkin', description: 'Answer today', usageHint: '· away' },
  { command: '/credit', description: 'Credit who did what', usageHint: '@person for <deliverable>' },
];

describe('slash command hints', () => {
  test('the commands a name being typed could be', () => {
    expect(suggestCommands('/', COMMANDS).map((c) => c.command)).toEqual(['/kudos', '/checkin', '/credit']);
    expect(suggestCommands('/c', COMMANDS).map((c) => c.command)).toEqual(['/checkin', '/credit']);
    expect(suggestCommands('/CR', COMMANDS).map((c) => c.command)).toEqual(['/credit']);
  });

  test('nothing once the name is complete, after it, or for a message', () => {
    expect(suggestCommands('/kudos', COMMANDS)).toEqual([]);
    expect(suggestCommands('/kudos @ana', COMMANDS)).toEqual([]);
    expect(suggestCommands('thanks /kudos', COMMANDS)).toEqual([]);
    expect(suggestCommands('/nope', COMMANDS)).toEqual([]);
  });

  test('the command in use, for its usage hint', () => {
    expect(commandBeingUsed('/kudos ', COMMANDS)?.usageHint).toBe('@person what for');
    expect(commandBeingUsed('/kudos @ana for the review', COMMANDS)?.command).toBe('/kudos');
    expect(commandBeingUsed('/kudo', COMMANDS)).toBeUndefined();
    expect(commandBeingUsed('kudos', COMMANDS)).toBeUndefined();
  });
});

describe('times as the reader sees them', () => {
  const now = new Date('2026-11-20T07:00:00Z');

  test('a message today shows its time in the reader’s zone; another day, its date too', () => {
    expect(formatMessageTime(new Date('2026-11-20T06:30:00Z'), now, 'Europe/Berlin')).toBe('07:30');
    expect(formatMessageTime(new Date('2026-11-20T06:30:00Z'), now, 'Asia/Singapore')).toBe('14:30');
    expect(formatMessageTime(new Date('2026-11-18T06:30:00Z'), now, 'Europe/Berlin')).toBe(
      'Wed 18 Nov, 07:30',
    );
    // "Today" is the reader's: 02:00 UTC is the 20th in Berlin but still the 19th in São Paulo.
    const lateAtNight = new Date('2026-11-20T02:00:00Z');
    expect(formatMessageTime(lateAtNight, now, 'Europe/Berlin')).toBe('03:00');
    expect(formatMessageTime(lateAtNight, now, 'America/Sao_Paulo')).toBe('Thu 19 Nov, 23:00');
  });

  test('an unknown zone falls back to the browser’s, never fails', () => {
    expect(formatMessageTime(new Date('2026-11-20T06:30:00Z'), now, 'Mars/Olympus')).toMatch(/^\d\d:\d\d$/);
  });

  test('a ts is its time in seconds', () => {
    expect(tsToDate('1763622000.000100').toISOString()).toBe('2025-11-20T07:00:00.000Z');
  });

  test('how far away the next ritual is', () => {
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    expect(formatRelative(at(-5), now)).toBe('now');
    expect(formatRelative(at(45), now)).toBe('in 45 min');
    expect(formatRelative(at(120), now)).toBe('in 2 h');
    expect(formatRelative(at(200), now)).toBe('in 3 h 20 min');
    expect(formatRelative(at(3 * 24 * 60), now)).toBe('in 3 days');
  });
});
