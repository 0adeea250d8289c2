import { readableText, sanitizeReason } from '../kudos/reason.js';

export const MAX_DELIVERABLE = 150;
export const MAX_CONTRIBUTION = 500;
export const MAX_LINK = 1000;
export const MAX_CONTRIBUTORS = 10;

/** Counts characters as people see them (code points), not UTF-16 units. */
export const lengthOf = (text: string) => [...text].length;

/**
 * Text as it is kept: what its reader saw (mentions by name, links by their label, entities
 * decoded), on one line, without control characters. Kept as plain text, it is escaped wherever
 * it is shown, so `<!channel>` typed in it notifies nobody.
 */
export function plainText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001F\u007F]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Command text (escaped by Slack) as it is kept. */
export const plainFromSlack = (slackText: string) => plainText(readableText(sanitizeReason(slackText)));

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
