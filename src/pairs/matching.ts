import { maxWeightMatchingOf } from './max-weight-matching.js';
import { pairWeights, type PairWeights } from './pair-weights.js';
import { seededRandom, seededShuffle } from '../seeded-random.js';

/**
 * One round of coffee pairs: groups of two, and one group of three when the count is odd.
 *
 * How: an exact maximum-weight perfect matching (Edmonds' blossom algorithm, ./max-weight-matching)
 * over weights that encode the rules in priority order (./pair-weights). For an even count that is
 * the whole answer and it is exact for every rule. An odd count needs one group of three, which no
 * matching expresses, so:
 *   - up to ODD_EXHAUSTIVE (11) members, every possible three is tried, each with a matching of the
 *     rest (exact for every rule);
 *   - above that, a dummy member joins the matching; whoever it is paired with becomes the third
 *     member of the pair that suits them best, then single swaps between the three and the pairs
 *     improve it. If that still repeats a recent pair while a repeat-free round exists (the dummy
 *     matching tells us whether one does), each member in turn is tried as the third with a
 *     matching that looks for a repeat-free pair able to take them, so rule (a) stays exact.
 * Ties fall to the seeded shuffle of members and a seeded jitter in the weights.
 */

export type PairMember = { id: string; side: string };

export type PairRoundInput = {
  /** Opted-in, not paused. */
  members: readonly PairMember[];
  /** Previous rounds, newest last; each a list of groups of member ids. */
  history: readonly (readonly (readonly string[])[])[];
  seed: string | number;
  /** A pair that met within this many latest rounds is not paired again while any other round works. */
  noRepeatWithin: number;
};

export type PairRound = {
  /** Groups of two, and exactly one of three when the count is odd and at least 3. */
  groups: string[][];
  /** The one member left out, only when there is exactly one member. */
  unpaired: string | null;
};

const ODD_EXHAUSTIVE = 11;
const DUMMY = -1;

type Pair = [number, number];
type Weigh = (i: number, j: number) => number;
type Arrangement = { three: number[]; pairs: Pair[] };

/** A maximum-weight perfect matching of `vertices` (an even count; DUMMY weighs 0 with anyone). */
function bestPairs(vertices: readonly number[], weigh: Weigh): Pair[] {
  const count = vertices.length;
  const ends = new Int32Array(count * (count - 1));
  const weights = new Float64Array((count * (count - 1)) / 2);
  for (let a = 0, k = 0; a < count; a += 1) {
    for (let b = a + 1; b < count; b += 1, k += 1) {
      const i = vertices[a] as number;
      const j = vertices[b] as number;
      ends[2 * k] = a;
      ends[2 * k + 1] = b;
      weights[k] = i === DUMMY || j === DUMMY ? 0 : weigh(i, j);
    }
  }
  const mate = maxWeightMatchingOf(count, ends, weights, true);
  const pairs: Pair[] = [];
  mate.forEach((m, a) => {
    if (a < m) pairs.push([vertices[a] as number, vertices[m] as number]);
  });
  return pairs;
}

const pairsIn = (group: readonly number[]): Pair[] =>
  group.flatMap((a, i) => group.slice(i + 1).map((b): Pair => [a, b]));

const groupWeight = (group: readonly number[], weigh: Weigh): number =>
  pairsIn(group).reduce((sum, [a, b]) => sum + weigh(a, b), 0);

const totalWeight = ({ three, pairs }: Arrangement, weigh: Weigh): number =>
  pairs.reduce((sum, pair) => sum + groupWeight(pair, weigh), groupWeight(three, weigh));

const without = (all: readonly number[], out: readonly number[]) => all.filter((v) => !out.includes(v));

/** `x` joins the pair it gets on with best. */
function attach(x: number, pairs: Pair[], weigh: Weigh): Arrangement {
  const gain = ([a, b]: Pair) => weigh(x, a) + weigh(x, b);
  const host = pairs.reduce((best, pair) => (gain(pair) > gain(best) ? pair : best));
  return { three: [x, ...host], pairs: pairs.filter((pair) => pair !== host) };
}

/**
 * Swap members between the three and the pairs while that helps, then re-match the pairs. (The
 * pairs it starts from are already a best matching of everyone outside the three.)
 */
function improve(start: Arrangement, all: readonly number[], weigh: Weigh): Arrangement {
  let { three, pairs } = start;
  for (let pass = 0; pass < 3; pass += 1) {
    let moved = false;
    for (let moves = 0; moves < all.length; moves += 1) {
      let best = { delta: 0, three, index: -1, pair: [0, 0] as Pair };
      for (const t of three) {
        for (const [index, [c, d]] of pairs.entries()) {
          for (const [u, o] of [
            [c, d],
            [d, c],
          ] as const) {
            const next = three.map((v) => (v === t ? u : v));
            const delta = groupWeight(next, weigh) + weigh(t, o) - groupWeight(three, weigh) - weigh(c, d);
            if (delta > best.delta) best = { delta, three: next, index, pair: [t, o] };
          }
        }
      }
      if (best.index === -1) break;
      const { index, pair } = best;
      three = best.three;
      pairs = pairs.map((p, i) => (i === index ? pair : p));
      moved = true;
    }
    if (!moved) break;
    pairs = bestPairs(without(all, three), weigh);
  }
  return { three, pairs };
}

const repeats = ({ three, pairs }: Arrangement, w: PairWeights): number =>
  [...pairs, ...pairsIn(three)].filter(([a, b]) => w.recent(a, b)).length;

/** Each member in turn as the third, hosted by a pair that none of the three met recently. */
function repeatFreeThree(all: readonly number[], w: PairWeights): Arrangement | null {
  for (const x of all) {
    const canHost = (a: number, b: number) => !w.recent(x, a) && !w.recent(x, b);
    const pairs = bestPairs(without(all, [x]), (a, b) =>
      w.recent(a, b) ? 0 : all.length + (canHost(a, b) ? 1 : 0),
    );
    if (pairs.some(([a, b]) => w.recent(a, b))) continue;
    const hosts = pairs.filter(([a, b]) => canHost(a, b));
    if (hosts.length === 0) continue;
    const { three } = attach(x, hosts, w.weight);
    return improve({ three, pairs: bestPairs(without(all, three), w.weight) }, all, w.weight);
  }
  return null;
}

function oddArrangement(w: PairWeights): Arrangement {
  const all = Array.from({ length: w.n }, (_, v) => v);
  if (w.n <= ODD_EXHAUSTIVE) {
    let best: Arrangement | null = null;
    for (let a = 0; a < w.n; a += 1) {
      for (let b = a + 1; b < w.n; b += 1) {
        for (let c = b + 1; c < w.n; c += 1) {
          const candidate = { three: [a, b, c], pairs: bestPairs(without(all, [a, b, c]), w.weight) };
          if (best === null || totalWeight(candidate, w.weight) > totalWeight(best, w.weight))
            best = candidate;
        }
      }
    }
    return best as Arrangement;
  }
  const withDummy = bestPairs([...all, DUMMY], w.weight);
  const [x] = without(withDummy.find((pair) => pair.includes(DUMMY)) as Pair, [DUMMY]) as [number];
  const pairs = withDummy.filter((pair) => !pair.includes(DUMMY));
  const found = improve(attach(x, pairs, w.weight), all, w.weight);
  const repeatFreePossible = !pairs.some(([a, b]) => w.recent(a, b));
  if (!repeatFreePossible || repeats(found, w) === 0) return found;
  return repeatFreeThree(all, w) ?? found;
}

/** The groups for one round: deterministic for the same members, history and seed. */
export function pairRound(input: PairRoundInput): PairRound {
  const seen = new Set<string>();
  for (const { id } of input.members) {
    if (seen.has(id)) throw new Error(`member ${id} is listed twice`);
    seen.add(id);
  }
  if (input.members.length < 2) return { groups: [], unpaired: input.members[0]?.id ?? null };
  const random = seededRandom(input.seed);
  const members = seededShuffle(input.members, random);
  const within = Math.max(0, Math.floor(input.noRepeatWithin));
  const w = pairWeights(
    members.map((m) => m.id),
    members.map((m) => m.side),
    input.history,
    within,
    random,
  );
  const all = Array.from({ length: w.n }, (_, v) => v);
  const { three, pairs }: Arrangement =
    w.n % 2 === 0 ? { three: [], pairs: bestPairs(all, w.weight) } : oddArrangement(w);
  // Groups in the order the members were given, for a stable, readable answer.
  const order = new Map(input.members.map((m, i) => [m.id, i]));
  const rank = (id: string) => order.get(id) as number;
  const groups = [...pairs, ...(three.length > 0 ? [three] : [])]
    .map((group) => group.map((v) => (members[v] as PairMember).id).sort((a, b) => rank(a) - rank(b)))
    .sort((a, b) => rank(a[0] as string) - rank(b[0] as string));
  return { groups, unpaired: null };
}

/**
 * The most cross-side pairs a round can hold, given the sides' sizes. A group of three counts its
 * pairs: three sides give it 3, two sides 2. With n members and the largest side m:
 *   even n: min(n/2, n − m);
 *   odd n:  (n + 3)/2 when m < n/2 (every pair mixed and a three with three sides; m < n/2 forces at
 *           least three sides), else n − m + 1 (each other member with someone from the big side,
 *           plus one, from a three of one other and two of the big side), or 0 with one side.
 */
export function maxCrossSidePairs(sideSizes: readonly number[]): number {
  const n = sideSizes.reduce((sum, s) => sum + s, 0);
  const m = Math.max(0, ...sideSizes);
  if (n < 2) return 0;
  if (n % 2 === 0) return Math.min(n / 2, n - m);
  if (2 * m < n) return (n + 3) / 2;
  return m === n ? 0 : n - m + 1;
}
