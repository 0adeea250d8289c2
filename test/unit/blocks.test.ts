import { describe, expect, test } from '@jest/globals';
import { LIMITS, listOf, message, quote, section, truncate } from '../../src/slack/views/blocks.js';
import { kudosAnnouncement } from '../../src/slack/views/kudos/announcement.js';
import { kudosSummaryReply } from '../../src/slack/views/kudos/replies.js';

describe('Block Kit limits', () => {
  test('text is cut by characters, not bytes, and marked', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
    expect([...truncate('🎉'.repeat(10), 5)]).toHaveLength(5);
  });

  test('a section never exceeds 3000 characters', () => {
    const block = section('x'.repeat(10_000)) as { text: { text: string } };
    expect(block.text.text).toHaveLength(LIMITS.sectionText);
  });

  test('a message with more than 50 blocks is refused before it reaches Slack', () => {
    expect(() =>
      message(
        't',
        Array.from({ length: 51 }, () => section('x')),
      ),
    ).toThrow(/50 blocks/);
  });

  test('helpers', () => {
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
    expect(quote('one\ntwo')).toBe('>one\n>two');
  });
});

describe('kudos views', () => {
  test('the announcement names everyone and quotes the reason', () => {
    const m = kudosAnnouncement({
      giverId: 'U1',
      recipientIds: ['U2', 'U3'],
      reason: 'line one\nline two',
      emoji: ['clap'],
      dittoable: true,
    });
    expect(m.text).toBe(':tada: <@U1> gave kudos to <@U2> and <@U3>: line one\nline two');
    expect(JSON.stringify(m.blocks)).toContain('>line one\\n>line two');
    expect(JSON.stringify(m.blocks)).toContain('React with :clap: here to add your kudos');
  });

  test('an announcement posted through a command response does not offer a ditto', () => {
    const m = kudosAnnouncement({
      giverId: 'U1',
      recipientIds: ['U2'],
      reason: 'r',
      emoji: ['clap'],
      dittoable: false,
    });
    expect(JSON.stringify(m.blocks)).not.toContain('here to add your kudos');
  });

  test('the summary stays within limits whatever the reasons', () => {
    const reply = kudosSummaryReply({
      receivedRecent: 1,
      receivedAll: 2,
      givenRecent: 3,
      givenAll: 4,
      latestReceived: Array.from({ length: 3 }, () => ({
        giver_id: 'U1',
        channel_id: 'C1',
        source: 'command' as const,
        reason: 'r'.repeat(4000),
        emoji: null,
        created_at: new Date(),
      })),
    });
    for (const block of reply.blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    }
  });
});
