/**
 * Which priorities the sides share. People write the same priority in different words ("Faster
 * onboarding", "onboarding speed"), so two priorities are the same when their content words mostly
 * agree: after lower-casing, dropping punctuation and common words, and a plural's "s", the smaller
 * set of words is within the larger, or the two share at least half of all their words. Priorities
 * that are the same, directly or through another, form one group; a group named by two or more
 * sides is shared.
 */

const COMMON = new Set(
  'a an and are as at be by for from get in into is it its make more most of on or our out over per so than that the their them to up us we with within without next quarter q1 q2 q3 q4 better improve improving'.split(
    ' ',
  ),
);

/** The content words of a priority, as the comparison reads them. */
export function contentWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !COMMON.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return new Set(words);
}

export function samePriority(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  const shared = [...a].filter((w) => b.has(w)).length;
  const [small] = a.size <= b.size ? [a, b] : [b, a];
  return shared === small.size || shared / new Set([...a, ...b]).size >= 0.5;
}

export type Priority = { side: string; text: string };
export type PriorityGroup = {
  /** How the group is shown: its most named wording (the shortest of those, then the first named). */
  text: string;
  /** How many people named it, by side, in side order. */
  bySide: { side: string; mentions: number }[];
  shared: boolean;
};

/** The groups of these priorities: shared ones first, then by how many named them. */
export function groupPriorities(priorities: readonly Priority[]): PriorityGroup[] {
  const words = priorities.map((p) => contentWords(p.text));
  const parent = priorities.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  for (let i = 0; i < priorities.length; i += 1) {
    for (let j = i + 1; j < priorities.length; j += 1) {
      const [wi, wj] = [words[i], words[j]];
      if (wi && wj && samePriority(wi, wj)) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, Priority[]>();
  priorities.forEach((p, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), p]));
  return [...groups.values()]
    .map((members) => {
      const sides = new Map<string, number>();
      for (const m of members) sides.set(m.side, (sides.get(m.side) ?? 0) + 1);
      return {
        text: wordingOf(members),
        bySide: [...sides.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([side, mentions]) => ({ side, mentions })),
        shared: sides.size >= 2,
        size: members.length,
      };
    })
    .sort((a, b) => Number(b.shared) - Number(a.shared) || b.size - a.size || a.text.localeCompare(b.text))
    .map(({ size: _size, ...group }) => group);
}

function wordingOf(members: readonly Priority[]): string {
  const counts = new Map<string, number>();
  for (const m of members) {
    const key = m.text.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Sorting is stable: among wordings named as often and as long, the first named.
  const [best] = [...counts.entries()].sort(([a, na], [b, nb]) => nb - na || a.length - b.length);
  return best?.[0] ?? '';
}
