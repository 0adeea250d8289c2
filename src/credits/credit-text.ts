import { cleanUserText, lengthOf, readableText } from '../user-text.js';

export const MAX_DELIVERABLE = 150;
export const MAX_CONTRIBUTION = 500;
export const MAX_LINK = 1000;
export const MAX_CONTRIBUTORS = 10;

/**
 * Form text as it is kept: on one line, without control characters (see src/user-text.ts). Kept
 * as plain text, it is escaped wherever it is shown, so `<!channel>` typed in it notifies nobody.
 */
export const plainText = (text: string): string => cleanUserText(text, { multiline: false });

/**
 * Command text (escaped by Slack) as it is kept: what its reader saw (mentions by name, links by
 * their label, entities decoded, broadcasts as plain words), on one line.
 */
export const plainFromSlack = (slackText: string) =>
  plainText(readableText(cleanUserText(slackText, { multiline: true, escaped: true })));

/**
 * An http(s) link as it is kept, or undefined when it is not one. Characters that would end a
 * Slack link early (`|`, `>`) are percent-encoded.
 */
export function normaliseLink(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return undefined;
  const href = url.href.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return lengthOf(href) <= MAX_LINK ? href : undefined;
}
