import { UserError } from '../errors.js';

export type CheckinCommand =
  { kind: 'open' } | { kind: 'away'; until: string } | { kind: 'back' } | { kind: 'help' };

const USAGE =
  '`/checkin` opens today’s stand-up, `/checkin away 2026-12-31` pauses your prompts until that day, `/checkin back` ends it.';

export function parseCheckinCommand(text: string): CheckinCommand {
  const [verb = '', ...args] = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  switch (verb.toLowerCase()) {
    case '':
      return { kind: 'open' };
    case 'help':
      return { kind: 'help' };
    case 'back':
      if (args.length > 0) throw new UserError(`\`/checkin back\` takes nothing more. ${USAGE}`);
      return { kind: 'back' };
    case 'away': {
      const [until, ...extra] = args;
      const valid =
        until !== undefined &&
        extra.length === 0 &&
        /^\d{4}-\d{2}-\d{2}$/.test(until) &&
        new Date(`${until}T00:00:00Z`).toISOString().slice(0, 10) === until;
      if (!valid)
        throw new UserError(`\`/checkin away\` needs the last day you are away, as YYYY-MM-DD. ${USAGE}`);
      return { kind: 'away', until };
    }
    default:
      throw new UserError(`I don't know \`/checkin ${verb}\`. ${USAGE}`);
  }
}

export const CHECKIN_USAGE = USAGE;
