import { FORMER_MEMBER, PSEUDONYM_PATTERN } from '../../privacy/pseudonym.js';

const MENTION = new RegExp(`<@${PSEUDONYM_PATTERN.source}(?:\\|[^>]*)?>`, 'g');
const BARE = new RegExp(PSEUDONYM_PATTERN.source, 'g');

/**
 * Names an erased person (their id replaced by a pseudonym, src/privacy/pseudonym.ts) "a former
 * member" in whatever is about to reach Slack: a mention `<@UERASED…>` in any text of a rendered
 * message, Home tab or reply, and the bare pseudonym wherever a view printed the id itself.
 */
export function withFormerMembers<T>(rendered: T): T {
  const text = JSON.stringify(rendered);
  if (text === undefined || !BARE.test(text)) return rendered;
  BARE.lastIndex = 0;
  return JSON.parse(text.replace(MENTION, FORMER_MEMBER).replace(BARE, FORMER_MEMBER)) as T;
}
