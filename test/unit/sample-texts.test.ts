import { describe, expect, test } from '@jest/globals';
import { SAMPLE_TEXTS, SampleTexts } from '../../src/playground/sample-texts.js';
import { seededRandom } from '../../src/seeded-random.js';

describe("the sample history's texts", () => {
  test('a text comes back only after every other of its kind, for any seed', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const texts = new SampleTexts(seededRandom(seed));
      const deck = SAMPLE_TEXTS.went_well.length;
      const drawn = Array.from({ length: deck * 3 + 2 }, () => texts.next('went_well'));
      for (let i = 0; i + deck <= drawn.length; i += 1) {
        expect(new Set(drawn.slice(i, i + deck)).size).toBe(deck);
      }
    }
  });

  test('two seeds tell the story in different orders; one seed always the same', () => {
    const order = (seed: number) => {
      const texts = new SampleTexts(seededRandom(seed));
      return SAMPLE_TEXTS.action.map(() => texts.next('action'));
    };
    expect(order(7)).toEqual(order(7));
    expect(order(7)).not.toEqual(order(8));
  });
});
