import { describe, expect, test } from '@jest/globals';
import { parseCharter } from '../../src/charter/charter-fields.js';
import { parseDecisionForm } from '../../src/decisions/decision-form.js';
import { checkUserText, cleanUserText, lengthOf, readableLength, readableText } from '../../src/user-text.js';

const MULTI = { multiline: true };
const LINE = { multiline: false };
const COMMAND = { multiline: true, escaped: true };

/** Every control character but tab, newline and carriage return. */
const CONTROLS = [...Array.from({ length: 32 }, (_, i) => i), 127]
  .filter((c) => ![9, 10, 13].includes(c))
  .map((c) => String.fromCharCode(c))
  .join('');

describe('control characters', () => {
  test('go from multi-line text, which keeps its newlines and tabs', () => {
    expect(cleanUserText(`a${CONTROLS}b\n\tc`, MULTI)).toBe('a' + 'b\n\tc');
    expect(cleanUserText('nul\u0000here', MULTI)).toBe('nulhere');
  });

  test('go from one line, where newlines, tabs and runs of blanks become one space', () => {
    expect(cleanUserText(`a${CONTROLS}b\n\n\tc   d\r\ne`, LINE)).toBe('ab c d e');
  });

  test('line endings become one kind; the ends are trimmed', () => {
    expect(cleanUserText('  \r\n one\r\ntwo\rthree \n ', MULTI)).toBe('one\ntwo\nthree');
  });

  test('nothing typed is the empty string', () => {
    expect(cleanUserText(undefined, MULTI)).toBe('');
    expect(cleanUserText(null, LINE)).toBe('');
    expect(cleanUserText(` ${CONTROLS} \n\t `, MULTI)).toBe('');
  });

  test('other characters stay as typed: emoji, accents, right-to-left marks are not control characters', () => {
    expect(cleanUserText('🎉 café \u200F שלום', LINE)).toBe('🎉 café \u200F שלום');
  });
});

describe('mentions', () => {
  test("in escaped text, broadcasts and user groups become plain words; a person's mention stays", () => {
    expect(
      cleanUserText(
        'hey <!channel> <!here|here> <!everyone> <!subteam^S0X|@devs> <!subteam^S0Y> <@U0ANA>',
        COMMAND,
      ),
    ).toBe('hey @channel @here @everyone @devs @group <@U0ANA>');
  });

  test('a control character hidden inside a broadcast does not let it through', () => {
    expect(cleanUserText('<!ch\u0007annel> <!\u0000here> <!every\u001Bone|x>', COMMAND)).toBe(
      '@channel @here @everyone',
    );
  });

  test('form text is kept as typed: it is escaped when shown, so nothing in it notifies anyone', () => {
    expect(cleanUserText('<!channel> <@U0ANA> &amp;', MULTI)).toBe('<!channel> <@U0ANA> &amp;');
  });

  test('escaped text reads as its reader sees it', () => {
    expect(
      readableText('thanks <@U0ANA|ana> <@U0BEN> &amp; <#C0GEN|general> <https://x.io|the doc> <!here>'),
    ).toBe('thanks @ana @U0BEN & #general the doc @here');
    expect(readableLength('&lt;'.repeat(10))).toBe(10);
  });
});

describe('length limits', () => {
  test('are counted in characters as people see them', () => {
    expect(lengthOf('🎉🎉🎉')).toBe(3);
    expect(checkUserText('🎉'.repeat(5), { ...MULTI, max: 5 })).toEqual({ text: '🎉'.repeat(5), length: 5 });
  });

  test('say how long the text is and how long it may be', () => {
    expect(checkUserText('x'.repeat(6), { ...MULTI, max: 5 })).toEqual({
      text: 'xxxxxx',
      length: 6,
      error: 'This is 6 characters; it can be up to 5.',
    });
  });

  test('a field may say it its own way', () => {
    const checked = checkUserText('x'.repeat(6), { ...LINE, max: 5, tooLong: (n, max) => `${n} > ${max}` });
    expect(checked.error).toBe('6 > 5');
  });

  test('escaped text is measured as read: an entity is one character', () => {
    expect(checkUserText('&lt;'.repeat(5), { ...COMMAND, max: 5 })).toEqual({
      text: '&lt;'.repeat(5),
      length: 5,
    });
  });

  test('the limit is checked after cleaning: blanks and control characters around the text do not count', () => {
    expect(checkUserText(`  ${CONTROLS}abc${CONTROLS}  `, { ...MULTI, max: 3 }).error).toBeUndefined();
  });

  test('huge text is refused, not cut, and cleaned in reasonable time', () => {
    const huge = `${'<!here> \u0000'.repeat(200_000)}${'🎉'.repeat(500_000)}`;
    const started = Date.now();
    const checked = checkUserText(huge, { ...COMMAND, max: 3000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(checked.error).toMatch(/^This is \d+ characters; it can be up to 3000\.$/);
    expect(checked.text).not.toContain('<!here>');
    expect(checked.text).not.toContain('\u0000');
  });
});

describe('the forms that kept control characters', () => {
  test('a charter drops them; a one-line part stays on one line', () => {
    const parsed = parseCharter({
      goal: 'Ship\u0000 it\u0007\r\ntogether',
      cadence: 'Mondays\n\u001Band Fridays',
    });
    expect(parsed).toMatchObject({
      ok: true,
      charter: { goal: 'Ship it\ntogether', cadence: 'Mondays and Fridays' },
    });
  });

  test('a decision drops them', () => {
    const parsed = parseDecisionForm(
      { decision: 'Use\u0000 Postgres\u007F', owner: 'U0ANA00001', rationale: 'It\u0008 works\r\nwell' },
      '2026-01-05',
    );
    expect(parsed).toMatchObject({
      ok: true,
      content: { decision: 'Use Postgres', rationale: 'It works\nwell' },
    });
  });
});
