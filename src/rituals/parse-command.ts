import { DateTime } from 'luxon';
import { UserError } from '../errors.js';
import { CADENCES } from './cadence.js';
import { parseDays, parseTime, parseZone, type Schedule } from './schedule.js';

export type RitualsCommand =
  | { kind: 'help' }
  | { kind: 'list' }
  /** The settings form: a new ritual, or one of the channel's to edit. */
  | { kind: 'form'; id?: number }
  | {
      kind: 'create';
      ritual: 'standup' | 'retro' | 'pulse' | 'digest' | 'review' | 'pairs' | 'skills';
      schedule: Schedule;
    }
  | { kind: 'pause' | 'resume' | 'remove' | 'run'; id: number }
  | { kind: 'skip'; id: number; date: string }
  /** `playbook <name> [<end date> [<project name>]]`: set up a playbook, after a confirmation. */
  | { kind: 'playbook'; name: string; endDate?: string; project?: string };

export const STANDUP_EXAMPLE = '`/rituals standup mon-fri 09:30 local`';

/** Reads the text after /rituals. Throws UserError with a correct example when it makes no sense. */
export function parseRitualsCommand(text: string): RitualsCommand {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const [verb = '', ...args] = words;
  switch (verb.toLowerCase()) {
    case '':
      return { kind: 'form' };
    case 'edit':
      return { kind: 'form', id: ritualId(args, 'edit') };
    case 'help':
      return { kind: 'help' };
    case 'list':
      return { kind: 'list' };
    case 'standup':
      return parseStandup(args);
    case 'retro':
    case 'pulse':
      return parseCadenced(verb.toLowerCase() as 'retro' | 'pulse', args);
    case 'digest':
      return parseDigest(args);
    case 'review':
      return parseReview(args);
    case 'pairs':
      return parsePairs(args);
    case 'skills':
      return parseSkills(args);
    case 'playbook':
      return parsePlaybook(args);
    case 'pause':
    case 'resume':
    case 'remove':
    case 'run':
      return {
        kind: verb.toLowerCase() as 'pause' | 'resume' | 'remove' | 'run',
        id: ritualId(args, verb.toLowerCase()),
      };
    case 'skip': {
      const id = ritualId(args.slice(0, 1), 'skip');
      return { kind: 'skip', id, date: parseDate(args[1], id) };
    }
    default:
      throw new UserError(
        `I don't know \`/rituals ${verb}\`. Try ${STANDUP_EXAMPLE}, \`/rituals list\`, or \`/rituals help\`.`,
      );
  }
}

function parseStandup(args: string[]): RitualsCommand {
  const [days, time, zone, ...extra] = args;
  if (days === undefined || time === undefined || extra.length > 0) {
    throw new UserError(
      `A stand-up needs days and a time, and optionally \`local\` or a time zone. For example: ${STANDUP_EXAMPLE} or \`/rituals standup mon,wed,fri 10:00 Europe/Berlin\`.`,
    );
  }
  try {
    return {
      kind: 'create',
      ritual: 'standup',
      schedule: { days: parseDays(days), time: parseTime(time), zone: parseZone(zone) },
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(`${error.userMessage} A whole example: ${STANDUP_EXAMPLE}.`);
  }
}

const CADENCED_EXAMPLES = {
  retro: '`/rituals retro biweekly fri 16:00 local`',
  pulse: '`/rituals pulse monthly mon 10:00 Europe/Berlin`',
} as const;

/** `<weekly|biweekly|monthly> <day> <HH:MM> [local|<zone>]`, for retros and pulse checks. */
function parseCadenced(ritual: 'retro' | 'pulse', args: string[]): RitualsCommand {
  const example = CADENCED_EXAMPLES[ritual];
  const [cadence = '', day, time, zone, ...extra] = args;
  const known = CADENCES.find((c) => c === cadence.toLowerCase());
  if (!known || day === undefined || time === undefined || extra.length > 0) {
    throw new UserError(
      `A ${ritual} needs how often (\`weekly\`, \`biweekly\` or \`monthly\`), one day, a time, and optionally \`local\` or a time zone. For example: ${example}.`,
    );
  }
  try {
    const days = parseDays(day);
    if (days.length !== 1) throw new UserError(`A ${ritual} runs on one day of the week, such as \`fri\`.`);
    return {
      kind: 'create',
      ritual,
      schedule: { days, time: parseTime(time), zone: parseZone(zone), cadence: known },
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(`${error.userMessage} A whole example: ${example}.`);
  }
}

export const DIGEST_EXAMPLE = '`/rituals digest mon 09:00 Europe/Berlin`';

/** `<day> <HH:MM> [local|<zone>]`: the weekly health digest, posted in the channel. */
function parseDigest(args: string[]): RitualsCommand {
  const [day, time, zone, ...extra] = args;
  if (day === undefined || time === undefined || extra.length > 0) {
    throw new UserError(
      `A digest needs one day of the week, a time, and optionally a time zone; it is posted every week. For example: ${DIGEST_EXAMPLE}.`,
    );
  }
  try {
    const days = parseDays(day);
    if (days.length !== 1) throw new UserError('A digest is posted on one day of the week, such as `mon`.');
    return {
      kind: 'create',
      ritual: 'digest',
      schedule: { days, time: parseTime(time), zone: parseZone(zone), cadence: 'weekly' },
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(`${error.userMessage} A whole example: ${DIGEST_EXAMPLE}.`);
  }
}

export const PLAYBOOK_EXAMPLE =
  '`/rituals playbook alliance` or `/rituals playbook project 2027-03-31 Apollo`';

function parsePlaybook(args: string[]): RitualsCommand {
  const [name = '', endDate, ...project] = args;
  if (!/^[a-z][a-z0-9-]{0,30}$/i.test(name)) {
    throw new UserError(`Which playbook? For example: ${PLAYBOOK_EXAMPLE}.`);
  }
  if (endDate === undefined) return { kind: 'playbook', name: name.toLowerCase() };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || !DateTime.fromISO(endDate).isValid) {
    throw new UserError(
      `“${endDate.slice(0, 20)}” is not a date: write the project's end date as YYYY-MM-DD, for example ${PLAYBOOK_EXAMPLE}.`,
    );
  }
  const name_ = project.join(' ').trim().slice(0, 80);
  return { kind: 'playbook', name: name.toLowerCase(), endDate, ...(name_ ? { project: name_ } : {}) };
}

export const REVIEW_EXAMPLE = '`/rituals review quarterly mon 10:00 Europe/Berlin`';

/**
 * `<quarterly|monthly> <day> <HH:MM> [<zone>]`: a review on the first such weekday of each quarter
 * (or month); its forms go out a week before.
 */
function parseReview(args: string[]): RitualsCommand {
  const [cadence = '', day, time, zone, ...extra] = args;
  const known = (['quarterly', 'monthly'] as const).find((c) => c === cadence.toLowerCase());
  if (!known || day === undefined || time === undefined || extra.length > 0) {
    throw new UserError(
      `A review needs how often (\`quarterly\` or \`monthly\`), one day, a time, and optionally a time zone. For example: ${REVIEW_EXAMPLE}.`,
    );
  }
  try {
    const days = parseDays(day);
    if (days.length !== 1) throw new UserError('A review is held on one day of the week, such as `mon`.');
    return {
      kind: 'create',
      ritual: 'review',
      schedule: { days, time: parseTime(time), zone: parseZone(zone), cadence: known },
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(`${error.userMessage} A whole example: ${REVIEW_EXAMPLE}.`);
  }
}

export const PAIRS_EXAMPLE = '`/rituals pairs weekly mon 10:00`';

/**
 * `<weekly|biweekly|monthly> <day> <HH:MM> [<zone>]`: a round of coffee pairs that day, each group
 * told in its own conversation; the round lasts until the next.
 */
function parsePairs(args: string[]): RitualsCommand {
  const [cadence = '', day, time, zone, ...extra] = args;
  const known = (['weekly', 'biweekly', 'monthly'] as const).find((c) => c === cadence.toLowerCase());
  if (!known || day === undefined || time === undefined || extra.length > 0) {
    throw new UserError(
      `Coffee pairs need how often (\`weekly\`, \`biweekly\` or \`monthly\`), one day, a time, and optionally a time zone. For example: ${PAIRS_EXAMPLE}.`,
    );
  }
  try {
    const days = parseDays(day);
    if (days.length !== 1)
      throw new UserError('A round of pairs starts on one day of the week, such as `mon`.');
    return {
      kind: 'create',
      ritual: 'pairs',
      schedule: { days, time: parseTime(time), zone: parseZone(zone), cadence: known },
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(`${error.userMessage} A whole example: ${PAIRS_EXAMPLE}.`);
  }
}

export const SKILLS_EXAMPLE = '`/rituals skills monthly mon 10:00`';

/**
 * `monthly <day> <HH:MM> [<zone>]`: a round of skill-share pairs on the first such day of each
 * month, pairing who wants to learn a skill with who offers it (`/pairs skills`).
 */
function parseSkills(args: string[]): RitualsCommand {
  const [cadence = '', day, time, zone, ...extra] = args;
  if (cadence.toLowerCase() !== 'monthly' || day === undefined || time === undefined || extra.length > 0) {
    throw new UserError(
      `Skill-share pairs are monthly: \`monthly\`, one day, a time, and optionally a time zone. For example: ${SKILLS_EXAMPLE}.`,
    );
  }
  try {
    const days = parseDays(day);
    if (days.length !== 1)
      throw new UserError('A round of skill-share pairs starts on one day of the week, such as `mon`.');
    return {
      kind: 'create',
      ritual: 'skills',
      schedule: { days, time: parseTime(time), zone: parseZone(zone), cadence: 'monthly' },
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(`${error.userMessage} A whole example: ${SKILLS_EXAMPLE}.`);
  }
}

function ritualId(args: string[], verb: string): number {
  const [id, ...extra] = args;
  const number = Number(id?.replace(/^#/, ''));
  if (id === undefined || extra.length > 0 || !Number.isSafeInteger(number) || number <= 0) {
    throw new UserError(
      `\`/rituals ${verb}\` needs a ritual's number, as \`/rituals list\` shows it. For example: \`/rituals ${verb} 3${verb === 'skip' ? ' 2026-12-24' : ''}\`.`,
    );
  }
  return number;
}

function parseDate(text: string | undefined, id: number): string {
  const valid =
    text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
  if (!valid || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    throw new UserError(
      `\`/rituals skip\` needs a date as YYYY-MM-DD. For example: \`/rituals skip ${id} 2026-12-24\`.`,
    );
  }
  return text;
}
