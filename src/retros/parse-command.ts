import { UserError } from '../errors.js';
import { cleanUserText, readableText } from '../user-text.js';

export type RetroCommand =
  | { kind: 'help' }
  | { kind: 'start'; title: string | undefined }
  | { kind: 'close' }
  | { kind: 'mine' }
  | { kind: 'actions' }
  | { kind: 'action'; ownerId: string; text: string; dueOn: string | undefined }
  | { kind: 'debrief'; project: string | undefined }
  | { kind: 'archive' };

export const MAX_TITLE_LENGTH = 150;
export const MAX_ACTION_LENGTH = 1000;
const ACTION_EXAMPLE = '`/retro action @ana Write the launch checklist by 2026-12-04`';

export const RETRO_USAGE = [
  '*/retro* runs a retro in this channel:',
  '• `/retro [title]`: start one now, such as `/retro Q3 launch`',
  '• `/retro close`: close the open retro and post its summary',
  '• `/retro mine`: your own notes in the open retro, to edit or delete',
  `• \`/retro action @owner <what> [by YYYY-MM-DD]\`: add an action item, such as ${ACTION_EXAMPLE}`,
  '• `/retro actions`: the channel’s open action items',
  '• `/retro debrief [project]`: a project’s closing debrief · `/retro archive`: the debriefs kept',
  'Scheduled retros: `/rituals retro biweekly fri 16:00 local`.',
].join('\n');

const MENTION = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>\s*/;
const DUE = /\s+by\s+(\S+)\s*$/i;

/**
 * Reads the text after /retro. Slack escapes it (should_escape), so text meant for people is
 * turned back into what its reader saw, with @channel and the like made plain words.
 */
export function parseRetroCommand(text: string): RetroCommand {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  const tail = trimmed.slice(first.length).trim();
  if (word === 'help') return { kind: 'help' };
  if (word === 'close' && rest.length === 0) return { kind: 'close' };
  if (word === 'mine' && rest.length === 0) return { kind: 'mine' };
  if (word === 'actions' && rest.length === 0) return { kind: 'actions' };
  if (word === 'archive' && rest.length === 0) return { kind: 'archive' };
  if (word === 'action') return parseAction(tail);
  if (word === 'debrief') return { kind: 'debrief', project: optionalTitle(tail, 'A project name') };
  return { kind: 'start', title: optionalTitle(trimmed, 'A retro title') };
}

function optionalTitle(slackText: string, what: string): string | undefined {
  const title = plain(slackText).replace(/\s+/g, ' ');
  if (title === '') return undefined;
  if ([...title].length > MAX_TITLE_LENGTH) {
    throw new UserError(`${what} can be up to ${MAX_TITLE_LENGTH} characters; please shorten it.`);
  }
  return title;
}

function parseAction(slackText: string): RetroCommand {
  const mention = MENTION.exec(slackText);
  if (!mention?.[1]) {
    const crowd = /^<!(channel|here|everyone|subteam)/.test(slackText);
    throw new UserError(
      crowd
        ? `An action item has one owner: name one person, not a group. For example: ${ACTION_EXAMPLE}`
        : `Name the owner first, picked from Slack's autocomplete as you type @. For example: ${ACTION_EXAMPLE}`,
    );
  }
  let rest = slackText.slice(mention[0].length);
  let dueOn: string | undefined;
  const due = DUE.exec(rest);
  if (due?.[1]) {
    dueOn = parseDate(due[1]);
    rest = rest.slice(0, due.index);
  }
  const body = plain(rest);
  if (body === '')
    throw new UserError(`Say what the action is, after the owner. For example: ${ACTION_EXAMPLE}`);
  if ([...body].length > MAX_ACTION_LENGTH) {
    throw new UserError(`An action item can be up to ${MAX_ACTION_LENGTH} characters; please shorten it.`);
  }
  return { kind: 'action', ownerId: mention[1], text: body, dueOn };
}

/** A calendar date as YYYY-MM-DD, or a UserError saying how to write one. */
export function parseDate(text: string): string {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
  if (!valid || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    throw new UserError(`The due date must be a real date as YYYY-MM-DD, such as \`by 2026-12-04\`.`);
  }
  return text;
}

/** Slack-escaped command text as its reader saw it, without anything that could notify a crowd. */
export function plain(slackText: string): string {
  return readableText(cleanUserText(slackText, { multiline: true, escaped: true })).trim();
}
