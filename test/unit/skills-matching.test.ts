import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { parseSkillsForm } from '../../src/pairs/skills-service.js';
import {
  seniorityOf,
  sessionFormatFor,
  type SkillMember,
  skillsRound,
} from '../../src/pairs/skills-matching.js';
import { maxWeightMatching } from '../../src/pairs/max-weight-matching.js';

const member = (id: string, m: Partial<SkillMember> = {}): SkillMember => ({
  id,
  side: 'A',
  seniority: 'neither',
  offers: [],
  wants: [],
  ...m,
});

const TAGS = ['sql', 'figma', 'pricing', 'rust', 'writing', 'negotiation'];
const arbitraryMembers = fc
  .uniqueArray(
    fc.record({
      id: fc.stringMatching(/^U[0-9]{3}$/),
      side: fc.constantFrom('A', 'B', 'C'),
      seniority: fc.constantFrom('junior' as const, 'neither' as const, 'senior' as const),
      offers: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
      wants: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
    }),
    { selector: (m) => m.id, maxLength: 14 },
  )
  .map((ms) => ms as SkillMember[]);

describe('skill-share matching', () => {
  test('a pair only where the learner wants what the offerer offers; each person at most once; deterministic for a seed', () => {
    fc.assert(
      fc.property(arbitraryMembers, fc.integer(), (members, seed) => {
        const round = skillsRound({ members, history: [], seed });
        expect(skillsRound({ members, history: [], seed })).toEqual(round);
        const byId = new Map(members.map((m) => [m.id, m]));
        const seen = new Set<string>();
        for (const p of round.pairs) {
          const learner = byId.get(p.learner) as SkillMember;
          const offerer = byId.get(p.offerer) as SkillMember;
          expect(p.skills.length).toBeGreaterThan(0);
          for (const skill of p.skills) {
            expect(learner.wants).toContain(skill);
            expect(offerer.offers).toContain(skill);
          }
          for (const id of [p.learner, p.offerer]) {
            expect(seen.has(id)).toBe(false);
            seen.add(id);
          }
        }
        expect([...seen, ...round.unpaired].sort()).toEqual(members.map((m) => m.id).sort());
        // As many pairs as the graph of wants meeting offers allows (the first rule).
        const ids = members.map((m) => m.id);
        const edges: [number, number, number][] = [];
        members.forEach((a, i) =>
          members.forEach((b, j) => {
            const meet = (x: SkillMember, y: SkillMember) => x.wants.some((w) => y.offers.includes(w));
            if (i < j && (meet(a, b) || meet(b, a))) edges.push([i, j, 1]);
          }),
        );
        const most = maxWeightMatching(ids.length, edges, true).filter((m, i) => m > i).length;
        expect(round.pairs).toHaveLength(most);
      }),
      { numRuns: 150 },
    );
  });

  test('nobody is paired without a match, and there are no groups of three', () => {
    const round = skillsRound({
      members: [
        member('U1', { wants: ['sql'] }),
        member('U2', { offers: ['sql'] }),
        member('U3', { wants: ['pottery'] }),
        member('U4', { offers: ['figma'] }),
      ],
      history: [],
      seed: 1,
    });
    expect(round.pairs).toEqual([expect.objectContaining({ learner: 'U1', offerer: 'U2', skills: ['sql'] })]);
    expect(round.unpaired.sort()).toEqual(['U3', 'U4']);
  });

  test('prefers across the sides, then the offerer more senior, then a pair never made before', () => {
    // One learner, two who offer what they want: the other side wins over the same side.
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const sides = skillsRound({
        members: [
          member('L', { side: 'A', wants: ['sql'] }),
          member('SAME', { side: 'A', offers: ['sql'], seniority: 'senior' }),
          member('OTHER', { side: 'B', offers: ['sql'] }),
        ],
        history: [],
        seed,
      });
      expect(sides.pairs.map((p) => [p.learner, p.offerer])).toEqual([['L', 'OTHER']]);
      expect(sides.pairs[0]?.acrossSides).toBe(true);

      // Both across: the senior offerer for a junior learner.
      const seniority = skillsRound({
        members: [
          member('L', { side: 'A', wants: ['sql'], seniority: 'junior' }),
          member('PEER', { side: 'B', offers: ['sql'], seniority: 'junior' }),
          member('LEAD', { side: 'B', offers: ['sql'], seniority: 'senior' }),
        ],
        history: [],
        seed,
      });
      expect(seniority.pairs.map((p) => [p.learner, p.offerer])).toEqual([['L', 'LEAD']]);
      expect(seniority.pairs[0]?.acrossSeniority).toBe(true);

      // All else equal: someone they were never paired with.
      const fresh = skillsRound({
        members: [
          member('L', { side: 'A', wants: ['sql'] }),
          member('MET', { side: 'B', offers: ['sql'] }),
          member('NEW', { side: 'B', offers: ['sql'] }),
        ],
        history: [[['L', 'MET']]],
        seed,
      });
      expect(fresh.pairs.map((p) => [p.learner, p.offerer])).toEqual([['L', 'NEW']]);
    }
  });

  test('more pairs before better pairs, and each direction taught is said', () => {
    // A across-side pair for A would leave B unpaired: two same-side pairs are made instead.
    const round = skillsRound({
      members: [
        member('A', { side: 'X', wants: ['sql'] }),
        member('B', { side: 'X', wants: ['rust'] }),
        member('C', { side: 'Y', offers: ['sql', 'rust'], wants: ['figma'] }),
        member('D', { side: 'X', offers: ['sql'] }),
        member('E', { side: 'X', offers: ['figma'] }),
      ],
      history: [],
      seed: 'x',
    });
    expect(round.pairs).toHaveLength(2);
    const mutual = skillsRound({
      members: [
        member('A', { offers: ['sql'], wants: ['figma'] }),
        member('B', { offers: ['figma'], wants: ['sql'] }),
      ],
      history: [],
      seed: 3,
    });
    expect(mutual.pairs).toHaveLength(1);
    expect(mutual.pairs[0]?.skills.length).toBe(1);
    expect(mutual.pairs[0]?.back.length).toBe(1);
  });

  test('seniority from titles, and the format from the skill', () => {
    expect(seniorityOf('Senior Data Engineer')).toBe('senior');
    expect(seniorityOf('Head of Partnerships')).toBe('senior');
    expect(seniorityOf('Engineering Manager')).toBe('senior');
    expect(seniorityOf('Staff Designer')).toBe('senior');
    expect(seniorityOf('Junior Developer')).toBe('junior');
    expect(seniorityOf('Marketing intern')).toBe('junior');
    expect(seniorityOf('Graduate analyst')).toBe('junior');
    expect(seniorityOf('Designer')).toBe('neither');
    expect(seniorityOf(null)).toBe('neither');
    expect(seniorityOf('Leadership coach')).toBe('neither');

    expect(sessionFormatFor(['ux research'])).toBe('critique');
    expect(sessionFormatFor(['technical writing'])).toBe('critique');
    expect(sessionFormatFor(['sql'])).toBe('pairing');
    expect(sessionFormatFor(['data modelling'])).toBe('pairing');
    expect(sessionFormatFor(['unit testing'])).toBe('pairing');
    expect(sessionFormatFor(['negotiation'])).toBe('walkthrough');
    expect(sessionFormatFor(['negotiation', 'python'])).toBe('pairing');
  });

  test('the form: tags normalised, 2–40 characters, at most 10 a list, each problem on its field', () => {
    const none = { picked: [], other: '' };
    expect(parseSkillsForm({ offers: { picked: ['sql'], other: ' Figma ,  Rust,,' }, wants: none })).toEqual({
      ok: true,
      offers: ['sql', 'figma', 'rust'],
      wants: [],
    });
    expect(parseSkillsForm({ offers: none, wants: { picked: [], other: 'sql, x' } })).toEqual({
      ok: false,
      errors: { wantsOther: expect.stringContaining('“x”') },
    });
    expect(parseSkillsForm({ offers: { picked: [], other: 'a'.repeat(41) }, wants: none }).ok).toBe(false);
    const eleven = Array.from({ length: 11 }, (_, i) => `skill ${i}`);
    expect(parseSkillsForm({ offers: { picked: eleven, other: '' }, wants: none })).toEqual({
      ok: false,
      errors: { offers: expect.stringContaining('Up to 10') },
    });
    expect(
      parseSkillsForm({ offers: none, wants: { picked: eleven.slice(0, 9), other: 'sql, go lang' } }),
    ).toEqual({ ok: false, errors: { wantsOther: expect.stringContaining('you gave 11') } });
  });
});
