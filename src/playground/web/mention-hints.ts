import type { Person } from '../api-types.js';

/** How many people the list offers at once. */
const OFFERED = 6;

/** An @-mention being typed just before the caret ("thanks @be|"): where its "@" is, and the letters after it. */
export function mentionBeingTyped(text: string, caret: number): { at: number; typed: string } | undefined {
  const match = /(^|[\s(])@([a-z0-9._-]*)$/i.exec(text.slice(0, caret));
  if (!match) return undefined;
  const typed = match[2] ?? '';
  return { at: caret - typed.length - 1, typed };
}

/** People whose handle or a word of whose name starts with what was typed, handles first. */
export function suggestPeople(typed: string, people: readonly Person[]): Person[] {
  const t = typed.toLowerCase();
  const byHandle = people.filter((p) => p.name.toLowerCase().startsWith(t));
  const byName = people.filter(
    (p) =>
      !byHandle.includes(p) &&
      p.realName
        .toLowerCase()
        .split(/\s+/)
        .some((w) => w.startsWith(t)),
  );
  return [...byHandle, ...byName].slice(0, OFFERED);
}

/** The text with the mention replaced by "@handle " (the playground turns it into <@U…> as Slack does). */
export function insertMention(
  text: string,
  mention: { at: number; typed: string },
  person: Person,
): { text: string; caret: number } {
  const before = `${text.slice(0, mention.at)}@${person.name} `;
  const after = text.slice(mention.at + 1 + mention.typed.length).replace(/^ /, '');
  return { text: before + after, caret: before.length };
}
