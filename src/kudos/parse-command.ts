import { UserError } from '../errors.js';
import { parseBudget } from './budget.js';
import { checkReason } from './reason.js';
import { LEADING_MENTION } from '../people/mentions.js';

export type KudosCommand =
  | { kind: 'give'; recipientIds: string[]; reason: string }
  | { kind: 'mine' }
  | { kind: 'help' }
  | { kind: 'emoji'; names: string[] }
  /** `budget` alone shows it; with a number or `off` (null) it sets it. */
  | { kind: 'budget'; budget?: number | null };

export const MAX_RECIPIENTS = 20;
export const EXAMPLE = '`/kudos @ana @ben for running the launch review`';

const SEPARATOR = /^(?:\s+|,|\band\b|&amp;)+/i;

/** Reads the text after /kudos. Throws UserError, saying what to type instead, when it makes no sense. */
export function parseKudosCommand(text: string): KudosCommand {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  if (trimmed === '' || word === 'help') return { kind: 'help' };
  if (word === 'mine' && rest.length === 0) return { kind: 'mine' };
  if (word === 'emoji') return { kind: 'emoji', names: rest };
  if (word === 'budget') {
    return rest.length === 0 ? { kind: 'budget' } : { kind: 'budget', budget: parseBudget(rest.join(' ')) };
  }
  return parseGive(trimmed);
}

function parseGive(text: string): KudosCommand {
  const recipientIds: string[] = [];
  let remaining = text;
  for (;;) {
    const mention = LEADING_MENTION.exec(remaining);
    if (!mention?.[1]) break;
    recipientIds.push(mention[1]);
    remaining = remaining.slice(mention[0].length).replace(SEPARATOR, '');
  }
  if (recipientIds.length === 0) throw new UserError(noRecipientMessage(remaining));
  const unique = [...new Set(recipientIds)];
  if (unique.length > MAX_RECIPIENTS) {
    throw new UserError(
      `Kudos can go to at most ${MAX_RECIPIENTS} people at once; you named ${unique.length}.`,
    );
  }
  const {
    text: reason,
    length,
    error,
  } = checkReason(
    remaining,
    (length, max) =>
      `That reason is ${length} characters long; kudos reasons can be up to ${max}. Please shorten it.`,
  );
  if (length === 0) {
    throw new UserError(`Say what the kudos are for, after the names. For example: ${EXAMPLE}`);
  }
  if (error) throw new UserError(error);
  return { kind: 'give', recipientIds: unique, reason };
}

function noRecipientMessage(text: string): string {
  if (/^<!subteam\^/.test(text)) {
    return `Kudos go to people, not to user groups: name each person. For example: ${EXAMPLE}`;
  }
  if (/^<!(channel|here|everyone)/.test(text)) {
    return `Kudos go to people, not to the whole channel: name each person. For example: ${EXAMPLE}`;
  }
  const plain = /^@([^\s]+)/.exec(text);
  if (plain) {
    return `I couldn't tell who @${plain[1]} is. Pick people from Slack's autocomplete as you type @, so Slack sends me who they are. For example: ${EXAMPLE}`;
  }
  return `Tell me who the kudos are for, with @mentions first and the reason after. For example: ${EXAMPLE}`;
}
