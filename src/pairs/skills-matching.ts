import { maxWeightMatching, type WeightedEdge } from './max-weight-matching.js';
import type { SessionFormat } from './pairs-views.js';
import { seededRandom, seededShuffle } from '../seeded-random.js';

/**
 * One round of skill-share pairs: each pair is someone who wants to learn a skill (the learner) and
 * someone who offers it (the offerer). Only such pairs are made: people whose wants meet nobody's
 * offers (or whose match went to someone else) are not paired this round, and there are no groups
 * of three.
 *
 * How: an exact maximum-weight matching (Edmonds' blossom algorithm, ./max-weight-matching) on the
 * graph whose edges are those pairs, each weighing, in priority order (each level's unit larger than
 * all levels below it can add up to over a round, as in ./pair-weights):
 *   1. a shared skill exists (the edge itself: so the round makes as many pairs as it can);
 *   2. the two are on different sides;
 *   3. across seniority, when the titles say so: the offerer more senior than the learner;
 *   4. they were never paired before;
 *   5. a seeded jitter, so ties fall differently for different seeds.
 * Where each could teach the other, the edge takes the direction that weighs more.
 */

export type Seniority = 'junior' | 'neither' | 'senior';

export type SkillMember = {
  id: string;
  side: string;
  seniority: Seniority;
  offers: readonly string[];
  wants: readonly string[];
};

export type SkillsRoundInput = {
  members: readonly SkillMember[];
  /** Previous rounds' groups, any order: a pair in any of them counts as paired before. */
  history: readonly (readonly (readonly string[])[])[];
  seed: string | number;
};

export type SkillPair = {
  learner: string;
  offerer: string;
  /** What the offerer teaches the learner: the learner's wants the offerer offers, in the learner's order. */
  skills: string[];
  /** What the learner can teach the offerer back, if anything. */
  back: string[];
  acrossSides: boolean;
  acrossSeniority: boolean;
};

export type SkillsRound = { pairs: SkillPair[]; unpaired: string[] };

const RANK: Record<Seniority, number> = { junior: 0, neither: 1, senior: 2 };
const JITTER = 64;

const SENIOR = /\b(senior|sr|lead|principal|staff|head|director|manager|vp|chief)\b/;
const JUNIOR = /\b(junior|jr|intern|graduate|grad|associate|trainee|apprentice)\b/;

/**
 * Seniority as a Slack profile title says it: senior, lead, principal, staff, head, director or
 * manager is senior; junior, intern, graduate, associate or trainee is junior; anything else (or
 * no title) is neither. A title saying both ("Junior Product Manager") is taken as junior.
 */
export function seniorityOf(title: string | null | undefined): Seniority {
  const t = (title ?? '').toLowerCase();
  if (JUNIOR.test(t)) return 'junior';
  if (SENIOR.test(t)) return 'senior';
  return 'neither';
}

const CRITIQUE =
  /design|\bux\b|\bui\b|writ|copy|review|edit|critique|typograph|illustrat|brand|presentation|storytelling/;
const PAIRING =
  /code|coding|program|engineer|develop|data|sql|test|debug|devops|\bapi|backend|frontend|typescript|javascript|python|java\b|rust|golang|kotlin|swift|react|git\b|refactor|algorithm|machine learning|\bml\b|infra|kubernetes|docker|terraform|security/;

/**
 * The suggested session for a skill: a critique for design, UX, writing and review-like skills, a
 * pairing session for code, engineering, data, SQL and testing-like skills, else a 30-minute
 * walkthrough. Of several skills, the first that is not a walkthrough decides.
 */
export function sessionFormatFor(skills: readonly string[]): SessionFormat {
  for (const skill of skills) {
    if (CRITIQUE.test(skill)) return 'critique';
    if (PAIRING.test(skill)) return 'pairing';
  }
  return 'walkthrough';
}

const shared = (learner: SkillMember, offerer: SkillMember) => {
  const offers = new Set(offerer.offers);
  return learner.wants.filter((skill) => offers.has(skill));
};

/** The round's pairs: deterministic for the same members, history and seed. */
export function skillsRound(input: SkillsRoundInput): SkillsRound {
  const seen = new Set<string>();
  for (const { id } of input.members) {
    if (seen.has(id)) throw new Error(`member ${id} is listed twice`);
    seen.add(id);
  }
  const random = seededRandom(input.seed);
  const members = seededShuffle(input.members, random);
  const n = members.length;
  const met = new Set<string>();
  const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);
  for (const round of input.history)
    for (const group of round)
      for (const a of group) for (const b of group) if (a !== b) met.add(pairKey(a, b));

  const pairsPerRound = Math.floor(n / 2) + 1;
  const neverUnit = pairsPerRound * JITTER;
  const seniorUnit = (pairsPerRound + 1) * neverUnit;
  const crossUnit = (pairsPerRound + 1) * seniorUnit;
  const edgeUnit = (pairsPerRound + 1) * crossUnit;

  type Direction = { learner: number; offerer: number; skills: string[]; level: number };
  const directionOf = new Map<number, Direction>();
  const edges: WeightedEdge[] = [];
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const a = members[i] as SkillMember;
      const b = members[j] as SkillMember;
      const never = !met.has(pairKey(a.id, b.id));
      const cross = a.side !== b.side;
      const options: Direction[] = [
        { learner: i, offerer: j, skills: shared(a, b), level: 0 },
        { learner: j, offerer: i, skills: shared(b, a), level: 0 },
      ]
        .filter((d) => d.skills.length > 0)
        .map((d) => {
          const learner = members[d.learner] as SkillMember;
          const offerer = members[d.offerer] as SkillMember;
          const senior = RANK[offerer.seniority] > RANK[learner.seniority];
          return {
            ...d,
            level: edgeUnit + (cross ? crossUnit : 0) + (senior ? seniorUnit : 0) + (never ? neverUnit : 0),
          };
        });
      if (options.length === 0) continue;
      const best = options.reduce((x, y) => (y.level > x.level ? y : x));
      directionOf.set(i * n + j, best);
      edges.push([i, j, best.level + Math.floor(random() * JITTER)]);
    }
  }
  const mate =
    n < 2 || edges.length === 0 ? Array.from({ length: n }, () => -1) : maxWeightMatching(n, edges);

  const order = new Map(input.members.map((m, k) => [m.id, k]));
  const pairs: SkillPair[] = [];
  mate.forEach((m, i) => {
    if (m < 0 || i > m) return;
    const d = directionOf.get(i * n + m) as Direction;
    const learner = members[d.learner] as SkillMember;
    const offerer = members[d.offerer] as SkillMember;
    pairs.push({
      learner: learner.id,
      offerer: offerer.id,
      skills: d.skills,
      back: shared(offerer, learner),
      acrossSides: learner.side !== offerer.side,
      acrossSeniority: RANK[offerer.seniority] > RANK[learner.seniority],
    });
  });
  const rank = (id: string) => order.get(id) as number;
  pairs.sort(
    (x, y) => Math.min(rank(x.learner), rank(x.offerer)) - Math.min(rank(y.learner), rank(y.offerer)),
  );
  const paired = new Set(pairs.flatMap((p) => [p.learner, p.offerer]));
  return { pairs, unpaired: input.members.map((m) => m.id).filter((id) => !paired.has(id)) };
}

/** A skill tag as kept: trimmed, inner blanks as one space, lower case. */
export const normaliseTag = (tag: string): string => tag.trim().replace(/\s+/g, ' ').toLowerCase();

export const TAG_MIN = 2;
export const TAG_MAX = 40;
export const TAGS_PER_LIST = 10;
