import { plainFromSlack } from '../credits/credit-text.js';
import { UserError } from '../errors.js';
import { LEADING_MENTION } from '../people/mentions.js';
import { lengthOf } from '../user-text.js';
import { type GiveValue, parseValue } from './give-value.js';

export type GiveKind = 'introduction' | 'resource' | 'insight' | 'access' | 'help';
export const GIVE_KINDS: readonly GiveKind[] = ['introduction', 'resource', 'insight', 'access', 'help'];

export type GaveCommand =
  | { kind: 'form' }
  | { kind: 'help' }
  | { kind: 'mine' }
  | { kind: 'channel' }
  | {
      kind: 'give';
      receiverIds: string[];
      /** User groups named (`@globex-leads`): Slack's edge finds their people. */
      groupIds: string[];
      what: string;
      giveKind: GiveKind;
      value: GiveValue;
    };

/** A user group as Slack escapes it in a command: `<!subteam^S0614TZR7|@admins>`. */
const LEADING_GROUP = /^<!subteam\^([A-Z0-9]{2,20})(?:\|[^>]{0,100})?>/;

export const MAX_WHAT = 200;
export const MAX_VALUE = 200;
export const MAX_RECEIVERS = 10;
export const EXAMPLE = "`/gave @omar an intro to Acme's data team — saved 2 weeks`";

const SEPARATOR = /^(?:\s+|,|\band\b|&amp;)+/i;
/** What divides what was given from what it was worth: a dash or a middle dot between spaces. */
const VALUE_SEPARATOR = /\s+[—–·|]\s+|\s+-{1,2}\s+/;

/** Words that say which kind of give it was; the first kind matched wins, resource otherwise. */
const KIND_WORDS: [GiveKind, RegExp][] = [
  [
    'introduction',
    /\b(intro|intros|introduction|introductions|introduced|connected (?:you|us|them) with)\b/i,
  ],
  ['access', /\b(access|credentials|login|licen[cs]es?|seat|seats|invite to)\b/i],
  ['insight', /\b(insights?|advice|feedback|idea|ideas|lessons?|benchmark|research|tips?)\b/i],
  ['help', /\b(help|helped|support|supported|pairing|paired|review|reviewed|debugging|fixed)\b/i],
];

/** Reads the text after /gave. Throws UserError, saying what to type instead, when it makes no sense. */
export function parseGaveCommand(text: string): GaveCommand {
  const trimmed = text.trim();
  const word = trimmed.toLowerCase();
  if (trimmed === '') return { kind: 'form' };
  if (word === 'help') return { kind: 'help' };
  if (word === 'mine') return { kind: 'mine' };
  if (word === 'channel') return { kind: 'channel' };

  const receiverIds: string[] = [];
  const groupIds: string[] = [];
  let remaining = trimmed;
  for (;;) {
    const mention = LEADING_MENTION.exec(remaining);
    const group = mention ? null : LEADING_GROUP.exec(remaining);
    const id = mention?.[1] ?? group?.[1];
    if (!id) break;
    const into = mention ? receiverIds : groupIds;
    if (!into.includes(id)) into.push(id);
    remaining = remaining.slice((mention ?? group)?.[0].length ?? 0).replace(SEPARATOR, '');
  }
  if (receiverIds.length === 0 && groupIds.length === 0) throw new UserError(noReceiverMessage(remaining));
  if (receiverIds.length > MAX_RECEIVERS || groupIds.length > MAX_RECEIVERS) {
    throw new UserError(
      `A give can go to up to ${MAX_RECEIVERS} people; you named ${receiverIds.length}. Nothing was saved.`,
    );
  }
  const [whatText = '', ...valueParts] = remaining.split(VALUE_SEPARATOR);
  const what = plainFromSlack(whatText);
  if (what === '') throw new UserError(`Say what you gave, after the names. For example: ${EXAMPLE}`);
  if (lengthOf(what) > MAX_WHAT) {
    throw new UserError(
      `What you gave can be up to ${MAX_WHAT} characters; yours is ${lengthOf(what)}. Please shorten it.`,
    );
  }
  const value = parseValue(valueParts.map(plainFromSlack));
  if (value.text !== null && lengthOf(value.text) > MAX_VALUE) {
    throw new UserError(
      `The value can be up to ${MAX_VALUE} characters; yours is ${lengthOf(value.text)}. Please shorten it.`,
    );
  }
  return { kind: 'give', receiverIds, groupIds, what, giveKind: kindOf(what), value };
}

export function kindOf(what: string): GiveKind {
  return KIND_WORDS.find(([, words]) => words.test(what))?.[0] ?? 'resource';
}

function noReceiverMessage(text: string): string {
  if (/^<!(channel|here|everyone)/.test(text)) {
    return `Name each person who received it, not the whole channel. For example: ${EXAMPLE}`;
  }
  const plain = /^@([^\s<>&]{1,40})/.exec(text);
  if (plain) {
    return `I couldn't tell who @${plain[1]} is. Pick people from Slack's autocomplete as you type @, so Slack sends me who they are. For example: ${EXAMPLE}`;
  }
  return `Name who received it first, then what you gave and, after a dash, what it was worth. For example: ${EXAMPLE} (or \`/gave help\`).`;
}
