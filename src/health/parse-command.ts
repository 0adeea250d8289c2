import { UserError } from '../errors.js';
import { LEADING_MENTION } from '../people/mentions.js';

export type DeclaredSide = { name: string; userIds: string[] };

export type HealthCommand =
  | { kind: 'scorecard' }
  | { kind: 'help' }
  | { kind: 'post' }
  | { kind: 'history' }
  /** `sides` alone shows them; `sides clear` goes back to workspaces; otherwise declares them. */
  | { kind: 'sides'; declare?: DeclaredSide[] | 'clear' }
  /** `responsiveness` alone shows it; `on [target]`, `off`, `target <time>` change it. */
  | { kind: 'responsiveness'; change?: ResponsivenessChange }
  /** `report [quarter|year|2026-Q4|2026]`: the impact report, posted as a file. */
  | { kind: 'report'; period: string };

export type ResponsivenessChange =
  { to: 'on'; targetMinutes?: number } | { to: 'off' } | { to: 'target'; targetMinutes: number };

/** A channel's responsiveness target: from 15 minutes to a working week (40 hours). */
export const TARGET_RANGE = { min: 15, max: 40 * 60 } as const;
const TARGET_EXAMPLE = '`/health responsiveness target 4h` (or `90m`, `1.5 hours`)';

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
  if (word === 'responsiveness') return parseResponsiveness(rest);
  if (word === 'report' && rest.length <= 1) return { kind: 'report', period: rest[0] ?? 'quarter' };
  if (rest.length === 0 && (word === 'help' || word === 'post' || word === 'history')) return { kind: word };
  throw new UserError(
    `I don't know \`/health ${truncated(trimmed)}\`. Try \`/health\`, \`/health post\`, \`/health history\`, ${SIDES_EXAMPLE}, \`/health responsiveness\` or \`/health help\`.`,
  );
}

/** `responsiveness [on [target] | off | target <time>]`. */
function parseResponsiveness(words: string[]): HealthCommand {
  const [action = '', ...more] = words.map((w) => w.toLowerCase());
  const time = more.join(' ');
  if (action === '' && more.length === 0) return { kind: 'responsiveness' };
  if (action === 'on' && time === '') return { kind: 'responsiveness', change: { to: 'on' } };
  if (action === 'on')
    return { kind: 'responsiveness', change: { to: 'on', targetMinutes: parseTarget(time) } };
  if (action === 'off' && time === '') return { kind: 'responsiveness', change: { to: 'off' } };
  if (action === 'target' && time !== '')
    return { kind: 'responsiveness', change: { to: 'target', targetMinutes: parseTarget(time) } };
  throw new UserError(
    `Try \`/health responsiveness\` to see it, \`/health responsiveness on\`, \`/health responsiveness off\`, or ${TARGET_EXAMPLE}.`,
  );
}

/** "4h", "90m", "1.5 hours", "30 min": working time, in whole minutes, within TARGET_RANGE. */
export function parseTarget(text: string): number {
  const m = /^(\d{1,4}(?:[.,]\d{1,2})?)\s*(h|hr|hrs|hour|hours|m|min|mins|minute|minutes)$/.exec(text.trim());
  if (!m?.[1] || !m[2]) {
    throw new UserError(
      `“${truncated(text)}” is not a working time I can read. For example: ${TARGET_EXAMPLE}.`,
    );
  }
  const amount = Number(m[1].replace(',', '.'));
  const minutes = Math.round(m[2].startsWith('h') ? amount * 60 : amount);
  if (minutes < TARGET_RANGE.min || minutes > TARGET_RANGE.max) {
    throw new UserError(
      `The target can be from ${TARGET_RANGE.min} minutes to ${TARGET_RANGE.max / 60} working hours; “${truncated(text)}” is not.`,
    );
  }
  return minutes;
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
