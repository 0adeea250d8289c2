/**
 * Whether a message asks something of its readers: a question, or a request. Rapport reads the text
 * here, once, as the event arrives, and keeps only the answer (docs/METRICS.md, "responsiveness"):
 * the text itself is never stored or logged.
 */

/** Words that make a request without a question mark, at a word boundary, in any case. */
const REQUEST =
  /\b(please|pls|plz|can you|could you|would you|will you|can someone|could someone|can anyone|could anyone|any chance|let me know|lmk|need(?:s|ed)? (?:your|you|a|an|some|help|input|review|feedback)|requesting|request for|help us|help me|waiting on|blocked on)\b/i;

/** Code, quotes and links say nothing about whether the message asks: they are left out first. */
const NOT_PROSE = /```[\s\S]*?```|`[^`\n]*`|<[^>\n]*>|^>.*$/gm;

/** The part of a message that is read: long messages are asked about in their first 4,000 characters. */
const READ_CHARACTERS = 4_000;

export function asksSomething(text: string | undefined): boolean {
  if (!text) return false;
  const prose = text.slice(0, READ_CHARACTERS).replace(NOT_PROSE, ' ');
  // A question mark that ends a question, not one inside a word or a query string.
  return /\?(?![\w/=&])/.test(prose) || REQUEST.test(prose);
}
