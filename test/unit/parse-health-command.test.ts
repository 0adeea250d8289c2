import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { parseHealthCommand } from '../../src/health/parse-command.js';
import { parseRitualsCommand } from '../../src/rituals/parse-command.js';

const refusal = (text: string) => {
  try {
    parseHealthCommand(text);
  } catch (error) {
    if (error instanceof UserError) return error.userMessage;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
};

describe('parseHealthCommand', () => {
  test('reads the verbs, whatever their case, and nothing after them', () => {
    expect(parseHealthCommand('')).toEqual({ kind: 'scorecard' });
    expect(parseHealthCommand('  POST ')).toEqual({ kind: 'post' });
    expect(parseHealthCommand('History')).toEqual({ kind: 'history' });
    expect(parseHealthCommand('help')).toEqual({ kind: 'help' });
    expect(parseHealthCommand('sides')).toEqual({ kind: 'sides' });
    expect(parseHealthCommand('sides clear')).toEqual({ kind: 'sides', declare: 'clear' });
    expect(refusal('post now')).toMatch(/^I don't know `\/health post now`/);
  });

  test('declares sides from mentions as Slack escapes them, separated by spaces, commas or "and"', () => {
    expect(
      parseHealthCommand('sides Design & Research: <@U01|ana>, <@U02> and <@W03|cy> ; Engineering: <@U04>'),
    ).toEqual({
      kind: 'sides',
      declare: [
        { name: 'Design & Research', userIds: ['U01', 'U02', 'W03'] },
        { name: 'Engineering', userIds: ['U04'] },
      ],
    });
    // One side is allowed; a person named twice in one side counts once.
    expect(parseHealthCommand('sides Ünïcode 設計: <@U01> <@U01>;')).toEqual({
      kind: 'sides',
      declare: [{ name: 'Ünïcode 設計', userIds: ['U01'] }],
    });
  });

  test('refuses what is not a declaration, saying why', () => {
    expect(refusal('sides a: <@U01> ; A: <@U02>')).toBe(
      'The side “A” is named twice; give each side one entry.',
    );
    expect(refusal(`sides ${Array.from({ length: 11 }, (_, i) => `s${i}: <@U0${i}>`).join(';')}`)).toBe(
      'A channel can declare up to 10 sides.',
    );
    expect(refusal('sides <@U01>: <@U02>')).toMatch(/^Each side needs a name, a colon/);
    expect(refusal(`sides ${'é'.repeat(41)}: <@U01>`)).toMatch(/^Side names can be up to 40 characters/);
    expect(refusal('sides a: <!channel>')).toMatch(
      /^After “a:” I expected only @-mentions of people, but found “<!channel>”/,
    );
    const huge = refusal(`sides a: ${'x'.repeat(100_000)}`);
    expect(huge.length).toBeLessThan(400);
  });
});

describe('/rituals digest', () => {
  test('one day, a time and a zone make a weekly digest', () => {
    expect(parseRitualsCommand('digest mon 09:00 Europe/Berlin')).toEqual({
      kind: 'create',
      ritual: 'digest',
      schedule: { days: [1], time: '09:00', zone: 'Europe/Berlin', cadence: 'weekly' },
    });
    expect(parseRitualsCommand('digest fri 16:30')).toMatchObject({ schedule: { days: [5], zone: 'local' } });
  });
});
