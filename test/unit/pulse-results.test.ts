import { describe, expect, test } from '@jest/globals';
import { readPulseAnswer } from '../../src/pulse/answer.js';
import { NOT_ENOUGH_RESPONSES, summariseRound } from '../../src/pulse/results.js';

describe('summariseRound', () => {
  test('shows nothing below three answers', () => {
    const two = [
      { scores: [1], comment: 'a' },
      { scores: [5], comment: null },
    ];
    expect(summariseRound(['s'], two)).toEqual({ shown: false, responses: 2 });
    expect(NOT_ENOUGH_RESPONSES).toBe('not enough responses to show without identifying people');
  });

  test('means, spread and comments from three answers', () => {
    const results = summariseRound(
      ['a', 'b'],
      [
        { scores: [1, 5], comment: 'x' },
        { scores: [2, 5], comment: null },
        { scores: [2, 4], comment: 'y' },
      ],
      () => 0,
    );
    expect(results).toEqual({
      shown: true,
      responses: 3,
      statements: [
        { statement: 'a', mean: 1.67, distribution: [1, 2, 0, 0, 0] },
        { statement: 'b', mean: 4.67, distribution: [0, 0, 0, 1, 2] },
      ],
      comments: ['y', 'x'],
    });
  });

  test('comments come in random order, not the order they were given', () => {
    const responses = ['c1', 'c2', 'c3', 'c4'].map((comment) => ({ scores: [3], comment }));
    const orders = new Set(
      Array.from({ length: 60 }, () => {
        const r = summariseRound(['s'], responses);
        return r.shown ? r.comments.join(',') : '';
      }),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('readPulseAnswer', () => {
  test('takes one score from 1 to 5 per statement and a trimmed comment', () => {
    expect(readPulseAnswer(2, ['1', '5'], '  thanks  ')).toEqual({
      ok: true,
      answer: { scores: [1, 5], comment: 'thanks' },
    });
    expect(readPulseAnswer(1, ['3'], '   ')).toEqual({ ok: true, answer: { scores: [3], comment: null } });
    expect(readPulseAnswer(1, ['3'], 'a\u0000b')).toEqual({
      ok: true,
      answer: { scores: [3], comment: 'ab' },
    });
  });

  test('marks each missing or off-scale score and a comment too long', () => {
    const read = readPulseAnswer(4, ['1', undefined, '6', '2.5'], 'x'.repeat(1001));
    expect(read.ok).toBe(false);
    if (!read.ok) expect([...read.errors.keys()]).toEqual([1, 2, 3, 'comment']);
  });
});
