/** A person named in the command: their id, and the name Slack put in the mention (`<@U…|ana>`). */
export type NamedPerson = { userId: string; label: string | undefined };

/** Where a clause may start: the beginning, or after a comma, a semicolon, "and" or "&". */
const CLAUSE_START = /(?:^|[,;]\s*(?:and\s+|&amp;\s+)?|\s(?:and|&amp;)\s+)$/i;
const AFTER_NAME = /^(?:'s\b)?\s*[:\-–—]?\s*/;
const TRAILING = /(?:^|[\s,;]+)(?:(?:and|&amp;)\s*)?[\s,;]*$/i;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The ways a clause may name a person: their mention, their name as Slack sent it, or its first
 * part ("ana" of "ana.lima"). A name two people share names neither of them.
 */
function referencePatterns(people: readonly NamedPerson[]): RegExp[] {
  const namesOf = (p: NamedPerson) => {
    const label = p.label?.trim().toLowerCase();
    if (!label) return [];
    const first = label.split(/[\s._-]+/)[0] ?? '';
    return [...new Set([label, first].filter((n) => n.length >= 2))];
  };
  const counts = new Map<string, number>();
  for (const name of people.flatMap(namesOf)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return people.map((p) => {
    const names = namesOf(p)
      .filter((n) => counts.get(n) === 1)
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp);
    const mention = `<@${p.userId}(?:\\|[^>]*)?>`;
    const alternatives = [mention, ...names.map((n) => `@?${n}(?![\\p{L}\\p{N}])`)];
    return new RegExp(`^(?:${alternatives.join('|')})`, 'iu');
  });
}

/**
 * Splits one description into each person's part when it plainly names them one clause each, in
 * any order: "<@ana> ran the research, <@ben> built the pipeline" or "Ana ran the research and Ben
 * built the pipeline". Anything less clear (a name missing, twice, or a clause naming nobody)
 * returns undefined, and every person is credited with the whole description.
 */
export function splitContributions(
  slackText: string,
  people: readonly NamedPerson[],
): Map<string, string> | undefined {
  if (people.length < 2) return undefined;
  const text = slackText.trim();
  const patterns = referencePatterns(people);
  const starts: { at: number; end: number; person: number }[] = [];
  for (let at = 0; at < text.length; at += 1) {
    if (!CLAUSE_START.test(text.slice(0, at))) continue;
    const rest = text.slice(at);
    const person = patterns.findIndex((p) => p.test(rest));
    if (person < 0) continue;
    const match = patterns[person]?.exec(rest)?.[0] ?? '';
    starts.push({ at, end: at + match.length, person });
    at += match.length - 1;
  }
  const named = new Set(starts.map((s) => s.person));
  if (starts[0]?.at !== 0 || starts.length !== people.length || named.size !== people.length) {
    return undefined;
  }
  const parts = new Map<string, string>();
  for (const [i, start] of starts.entries()) {
    const until = starts[i + 1]?.at ?? text.length;
    const part = text.slice(start.end, until).replace(AFTER_NAME, '').replace(TRAILING, '').trim();
    const person = people[start.person];
    if (part === '' || !person) return undefined;
    parts.set(person.userId, part);
  }
  return parts;
}
