import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { normalizeEmoji, parseEmojiNames } from '../../src/kudos/kudos-emoji.js';
import { parseKudosCommand } from '../../src/kudos/parse-command.js';
import { sanitizeReason } from '../../src/kudos/reason.js';
import { readableLength, readableText } from '../../src/user-text.js';

const refusal = (text: string) => {
  try {
    parseKudosCommand(text);
  } catch (error) {
    if (error instanceof UserError) return error.userMessage;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
};

describe('parseKudosCommand', () => {
  test('leading mentions are the recipients, the rest is the reason', () => {
    expect(parseKudosCommand('<@U0ANA|ana> <@U0BEN|ben> for the launch')).toEqual({
      kind: 'give',
      recipientIds: ['U0ANA', 'U0BEN'],
      reason: 'for the launch',
    });
  });

  test('commas and "and" between recipients; mentions inside the reason stay in it', () => {
    expect(parseKudosCommand('<@U0ANA|ana>, <@U0BEN> and <@W0CAL|cal> helping <@U0DAN|dan> ship')).toEqual({
      kind: 'give',
      recipientIds: ['U0ANA', 'U0BEN', 'W0CAL'],
      reason: 'helping <@U0DAN|dan> ship',
    });
  });

  test('a repeated recipient counts once', () => {
    expect(parseKudosCommand('<@U0ANA|ana> <@U0ANA|ana> thanks')).toMatchObject({ recipientIds: ['U0ANA'] });
  });

  test('subcommands', () => {
    expect(parseKudosCommand('')).toEqual({ kind: 'help' });
    expect(parseKudosCommand('  HELP ')).toEqual({ kind: 'help' });
    expect(parseKudosCommand('mine')).toEqual({ kind: 'mine' });
    expect(parseKudosCommand('emoji clap tada')).toEqual({ kind: 'emoji', names: ['clap', 'tada'] });
  });

  test('refusals say what to type', () => {
    expect(refusal('mine please')).toMatch(/Tell me who/);
    expect(refusal('@ana thanks')).toMatch(/couldn't tell who @ana is/);
    expect(refusal('<@U0ANA|ana>   ')).toMatch(/Say what the kudos are for/);
    expect(refusal(`${Array.from({ length: 21 }, (_, i) => `<@U0P${i}>`).join(' ')} thanks`)).toMatch(
      /at most 20 people/,
    );
  });
});

describe('reasons', () => {
  test('length is measured as people read it', () => {
    expect(readableText('thanks <@U0ANA|ana> &amp; <#C0GEN|general> <https://x.io|the doc>')).toBe(
      'thanks @ana & #general the doc',
    );
    expect(readableLength('&lt;'.repeat(500))).toBe(500);
    expect(readableLength('🎉'.repeat(3))).toBe(3);
  });

  test('broadcast mentions become words; control characters go', () => {
    expect(sanitizeReason('hey <!channel> <!here|here> <!everyone> <!subteam^S0X|@devs>\u0007 ok')).toBe(
      'hey @channel @here @everyone @devs ok',
    );
  });
});

describe('emoji names', () => {
  test('colons and skin tones are dropped', () => {
    expect(normalizeEmoji(':Clap::skin-tone-2:')).toBe('clap');
    expect(normalizeEmoji('raised_hands::skin-tone-6')).toBe('raised_hands');
  });

  test('lists are cleaned and checked', () => {
    expect(parseEmojiNames([':clap:,tada', 'clap', '+1'])).toEqual(['clap', 'tada', '+1']);
    expect(() => parseEmojiNames(['<b>'])).toThrow(/is not an emoji name/);
    expect(() => parseEmojiNames(Array.from({ length: 21 }, (_, i) => `e${i}`))).toThrow(/up to 20/);
  });
});
