import { UserError } from '../errors.js';
import { lengthOf } from '../user-text.js';
import {
  MAX_CONTRIBUTION,
  MAX_CONTRIBUTORS,
  MAX_DELIVERABLE,
  normaliseLink,
  plainFromSlack,
} from './credit-text.js';
import { type NamedPerson, splitContributions } from './split-contributions.js';
import { LEADING_MENTION } from '../people/mentions.js';

export type Contribution = { userId: string; contribution: string | null };

export type CreditCommand =
  | { kind: 'form' }
  | { kind: 'help' }
  | { kind: 'list'; words: string[] }
  | { kind: 'person'; userId: string }
  | { kind: 'give'; deliverable: string; link: string | null; contributors: Contribution[] };

export const EXAMPLE = '`/credit @ana @ben for Q3 launch: Ana ran the research, Ben built the pipeline`';

const SEPARATOR = /^(?:\s+|,|\band\b|&amp;)+/i;
const FOR = /^for\b\s*/i;
/** A Slack link in command text: `<https://…>` or `<https://…|label>`. */
const LINK = /<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/i;

/** Reads the text after /credit. Throws UserError, saying what to type instead, when it makes no sense. */
export function parseCreditCommand(text: string): CreditCommand {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  if (trimmed === '') return { kind: 'form' };
  if (word === 'help' && rest.length === 0) return { kind: 'help' };
  if (word === 'list') return { kind: 'list', words: listWords(rest.join(' ')) };
  return parseGive(trimmed);
}

/** The words a list is filtered by, as people read them, without duplicates. */
function listWords(slackText: string): string[] {
  const words = plainFromSlack(slackText).toLowerCase().split(' ').filter(Boolean);
  return [...new Set(words)].slice(0, 10);
}

function parseGive(text: string): CreditCommand {
  const people: NamedPerson[] = [];
  let remaining = text;
  for (;;) {
    const mention = LEADING_MENTION.exec(remaining);
    if (!mention?.[1]) break;
    people.push({ userId: mention[1], label: mention[2] });
    remaining = remaining.slice(mention[0].length).replace(SEPARATOR, '');
  }
  if (people.length === 0) throw new UserError(noContributorMessage(remaining));
  const named = [...new Map(people.map((p) => [p.userId, p])).values()];
  if (remaining === '' && named.length === 1 && named[0]) return { kind: 'person', userId: named[0].userId };
  if (named.length > MAX_CONTRIBUTORS) {
    throw new UserError(
      `A credit can name up to ${MAX_CONTRIBUTORS} people; you named ${named.length}. Nothing was saved.`,
    );
  }
  const [what = '', description] = splitAtColon(remaining.replace(FOR, ''));
  const link = linkIn(what);
  const deliverable = plainFromSlack(what);
  if (deliverable === '') {
    throw new UserError(`Say what the credit is for, after the names. For example: ${EXAMPLE}`);
  }
  if (lengthOf(deliverable) > MAX_DELIVERABLE) {
    throw new UserError(
      `The deliverable can be up to ${MAX_DELIVERABLE} characters; yours is ${lengthOf(deliverable)}. Please shorten it.`,
    );
  }
  return { kind: 'give', deliverable, link, contributors: contributions(description ?? '', named) };
}

/** Each person's part: their own clause when the description names each once, else all of it. */
function contributions(slackText: string, people: NamedPerson[]): Contribution[] {
  const split = splitContributions(slackText, people);
  const shared = plainFromSlack(slackText);
  return people.map(({ userId }) => {
    const part = split ? plainFromSlack(split.get(userId) ?? '') : shared;
    if (lengthOf(part) > MAX_CONTRIBUTION) {
      throw new UserError(
        `A contribution can be up to ${MAX_CONTRIBUTION} characters; this one is ${lengthOf(part)}. Please shorten it.`,
      );
    }
    return { userId, contribution: part === '' ? null : part };
  });
}

/** The end of an emoji code such as `:tada:`, whose closing colon separates nothing. */
const EMOJI_BEFORE = /(?:^|\s):[a-z0-9_+'-]+$/i;

/**
 * The deliverable and the description: the text before and after the first colon that ends a
 * word (so the colon of a link, of 10:30 or of :tada: does not count).
 */
function splitAtColon(text: string): [string, string | undefined] {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '<') depth += 1;
    else if (c === '>') depth = Math.max(0, depth - 1);
    else if (
      c === ':' &&
      depth === 0 &&
      (i + 1 === text.length || /\s/.test(text[i + 1] ?? '')) &&
      !EMOJI_BEFORE.test(text.slice(0, i))
    ) {
      return [text.slice(0, i), text.slice(i + 1)];
    }
  }
  return [text, undefined];
}

/** The first http(s) link in the deliverable's text, as kept, or null. */
function linkIn(slackText: string): string | null {
  const url = LINK.exec(slackText)?.[1];
  return url ? (normaliseLink(url.replace(/&amp;/g, '&')) ?? null) : null;
}

function noContributorMessage(text: string): string {
  if (/^<!subteam\^/.test(text)) {
    return `Credit goes to people, not to user groups: name each person. For example: ${EXAMPLE}`;
  }
  if (/^<!(channel|here|everyone)/.test(text)) {
    return `Credit goes to people, not to the whole channel: name each person. For example: ${EXAMPLE}`;
  }
  const plain = /^@([^\s<>&]{1,40})/.exec(text);
  if (plain) {
    return `I couldn't tell who @${plain[1]} is. Pick people from Slack's autocomplete as you type @, so Slack sends me who they are. For example: ${EXAMPLE}`;
  }
  return `Name the people first, then what they are credited for. For example: ${EXAMPLE} (or \`/credit help\`).`;
}
