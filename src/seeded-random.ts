/**
 * Seeded randomness, so a result can be told again exactly: the same coffee pairs for a round's
 * seed, the same story for the playground's sample history.
 */

/** A number in [0, 1) from a seeded sequence. */
export type Random = () => number;

/** A 32-bit seed: a number as it is, a string by FNV-1a over its text (so "team-7:2027-01-04" works). */
export function seedFrom(seed: string | number): number {
  if (typeof seed === 'number') return seed >>> 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, well-known seeded generator; plenty for picking and shuffling. */
export function seededRandom(seed: string | number): Random {
  let state = seedFrom(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, by the seeded sequence. */
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** A copy of `items` in a seeded random order (Fisher–Yates). */
export function seededShuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
