import { UserError } from '../errors.js';
import { LEADING_MENTION } from '../people/mentions.js';

export type DeclaredSide = { name: string; userIds: string[] };

export type HealthCommand =
  | { kind: 'scorecard' }
  | { kind: 'help' }
  | { kind: 'post' }
  | { kind: 'history' }
  /** `sides` alone shows them; `sides clear` goes back to workspaces; otherwise declares them. */
  | { kind: 'sides'; declare?: DeclaredSide[] | 'clear' };

export const SIDES_EXAMPLE = '`/health sides design: @ana @ben ; engineering: @chen @dara`';
export const MAX_SIDES = 10;
export const MAX_SIDE_NAME = 40;
export const MAX_PEOPLE_IN_SIDES = 500;

/** Reads the text after /health. Throws UserError, saying what to type instead, when it makes no sense. */
export function parseHealthCommand(text: string): HealthCommand {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  if (trimmed === '') return { kind: 'scorecard' };
  if (word === 'sides') return parseSides(trimmed.slice(first.length).trim());
  if (rest.length === 0 && (word === 'help' || word === 'post' || word === 'history')) return { kind: word };
  throw new UserError(
    `I don't know \`/health ${truncated(trimmed)}\`. Try \`/health\`, \`/health post\`, \`/health history\`, ${SIDES_EXAMPLE} or \`/health help\`.`,
  );
}

const truncated = (text: string) => (text.length > 50 ? `${text.slice(0, 50)}…` : text).replace(/`/g, "'");

/** `<name>: @a @b … ; <name>: @c …`: each side's name and people, each person in one side. */
function parseSides(text: string): HealthCommand {
  if (text === '') return { kind: 'sides' };
  if (/^(clear|off|reset)$/i.test(text)) return { kind: 'sides', declare: 'clear' };
  const chunks = text
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (chunks.length > MAX_SIDES) throw new UserError(`A channel can declare up to ${MAX_SIDES} sides.`);
  const sides = chunks.map(parseSide);
  const names = new Set<string>();
  const sideOf = new Map<string, string>();
  for (const side of sides) {
    const key = side.name.toLowerCase();
    if (names.has(key))
      throw new UserError(`The side “${side.name}” is named twice; give each side one entry.`);
    names.add(key);
    for (const id of side.userIds) {
      const other = sideOf.get(id);
      if (other !== undefined) {
        throw new UserError(
          `<@${id}> is in both “${other}” and “${side.name}”; each person belongs to one side.`,
        );
      }
      sideOf.set(id, side.name);
    }
  }
  if (sideOf.size > MAX_PEOPLE_IN_SIDES) {
    throw new UserError(
      `Sides can name up to ${MAX_PEOPLE_IN_SIDES} people in all; you named ${sideOf.size}.`,
    );
  }
  return { kind: 'sides', declare: sides };
}

function parseSide(chunk: string): DeclaredSide {
  const colon = chunk.indexOf(':');
  const name = colon < 0 ? '' : chunk.slice(0, colon).trim();
  if (name === '' || name.includes('<')) {
    throw new UserError(`Each side needs a name, a colon, then its people. For example: ${SIDES_EXAMPLE}.`);
  }
  if ([...name].length > MAX_SIDE_NAME) {
    throw new UserError(
      `Side names can be up to ${MAX_SIDE_NAME} characters; “${truncated(name)}” is longer.`,
    );
  }
  const userIds: string[] = [];
  let remaining = chunk.slice(colon + 1).trim();
  while (remaining !== '') {
    const mention = LEADING_MENTION.exec(remaining);
    if (!mention?.[1]) {
      throw new UserError(
        `After “${name}:” I expected only @-mentions of people, but found “${truncated(remaining)}”. For example: ${SIDES_EXAMPLE}.`,
      );
    }
    if (!userIds.includes(mention[1])) userIds.push(mention[1]);
    remaining = remaining.slice(mention[0].length).replace(/^(?:\s|,|\band\b|&amp;)+/i, '');
  }
  if (userIds.length === 0) throw new UserError(`The side “${name}” names nobody; @-mention its people.`);
  return { name, userIds };
}
