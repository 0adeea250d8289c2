import { DateTime } from 'luxon';
import { UserError } from '../errors.js';

export type PairsCommand =
  | { kind: 'status' }
  | { kind: 'help' }
  | { kind: 'join' }
  | { kind: 'leave' }
  /** The skills form: what they can offer and want to learn, for skill-share pairs. */
  | { kind: 'skills' }
  | { kind: 'pause'; until: string };

export const PAUSE_EXAMPLE = '`/pairs pause 2027-01-15`';

/** Reads the text after /pairs. Throws UserError with a correct example when it makes no sense. */
export function parsePairsCommand(text: string): PairsCommand {
  const [verb = '', ...args] = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  switch (verb.toLowerCase()) {
    case '':
    case 'status':
      return { kind: 'status' };
    case 'help':
      return { kind: 'help' };
    case 'join':
    case 'leave':
    case 'skills':
      if (args.length > 0) throw new UserError(`\`/pairs ${verb.toLowerCase()}\` takes nothing after it.`);
      return { kind: verb.toLowerCase() as 'join' | 'leave' | 'skills' };
    case 'pause': {
      const [until, ...extra] = args;
      const date = until && /^\d{4}-\d{2}-\d{2}$/.test(until) ? DateTime.fromISO(until) : undefined;
      if (!date?.isValid || extra.length > 0) {
        throw new UserError(`Say until when, as YYYY-MM-DD. For example: ${PAUSE_EXAMPLE}.`);
      }
      return { kind: 'pause', until: date.toISODate() ?? until ?? '' };
    }
    default:
      throw new UserError(
        `I don't know \`/pairs ${verb.slice(0, 30)}\`. Try \`/pairs join\`, \`/pairs leave\`, \`/pairs skills\`, ${PAUSE_EXAMPLE} or \`/pairs help\`.`,
      );
  }
}
