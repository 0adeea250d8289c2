import type { Random } from '../seeded-random.js';

/**
 * How much a round wants each possible pair, as one integer per pair, so that a maximum-weight
 * matching honours the rules in order. Each level's unit is larger than the most that every level
 * below it can add up to over a whole round, so a higher rule is never traded for lower ones:
 *   1. the pair did not meet within the last `noRepeatWithin` rounds;
 *   2. the two are on different sides;
 *   3. the two have never been paired;
 *   4. the longer since they last met, the better (capped at AGE_CAP rounds);
 *   5. a seeded jitter, so ties fall differently for different seeds.
 * Integers keep the matching's arithmetic exact; for 200 members a round's total stays near 10¹³,
 * far below 2⁵³.
 */
export type PairWeights = {
  /** Members, as vertices 0..n-1. */
  n: number;
  weight: (i: number, j: number) => number;
  /** They met within the last `noRepeatWithin` rounds. */
  recent: (i: number, j: number) => boolean;
};

const JITTER = 64;
const AGE_CAP = 26;

/** The pair weights for members as vertices (their order in `sides`) and rounds of ids, oldest first. */
export function pairWeights(
  ids: readonly string[],
  sides: readonly string[],
  history: readonly (readonly (readonly string[])[])[],
  noRepeatWithin: number,
  random: Random,
): PairWeights {
  const n = ids.length;
  const vertexOf = new Map(ids.map((id, v) => [id, v]));
  // lastMet[i*n+j]: rounds ago they were last together (1 = the latest round), 0 = never.
  const lastMet = new Int32Array(n * n);
  history.forEach((round, r) => {
    const ago = history.length - r;
    for (const group of round) {
      const vs = group.map((id) => vertexOf.get(id)).filter((v): v is number => v !== undefined);
      for (const a of vs) for (const b of vs) if (a !== b) lastMet[a * n + b] = ago;
    }
  });
  // The most within-group pairs a round can have: floor(n/2) pairs, plus two for a group of three.
  const pairsPerRound = Math.floor(n / 2) + 2;
  const ageUnit = pairsPerRound * JITTER;
  const neverUnit = pairsPerRound * (AGE_CAP + 1) * ageUnit;
  // Levels with a 0/1 value: one more than a round's pairs, so all of them cannot tie one unit above.
  const crossUnit = (pairsPerRound + 1) * neverUnit;
  const freshUnit = (pairsPerRound + 1) * crossUnit;
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const ago = lastMet[i * n + j];
      const w =
        (ago === 0 || ago > noRepeatWithin ? freshUnit : 0) +
        (sides[i] !== sides[j] ? crossUnit : 0) +
        (ago === 0 ? neverUnit : 0) +
        (ago === 0 ? AGE_CAP : Math.min(ago, AGE_CAP)) * ageUnit +
        Math.floor(random() * JITTER);
      weights[i * n + j] = weights[j * n + i] = w;
    }
  }
  return {
    n,
    weight: (i, j) => weights[i * n + j],
    recent: (i, j) => {
      const ago = lastMet[i * n + j];
      return ago > 0 && ago <= noRepeatWithin;
    },
  };
}
