/**
 * Text people type, as Rapport keeps it. Every ritual cleans typed text here, the same way:
 * - control characters go (multi-line text keeps its newlines and tabs; in one line each control
 *   character and each run of blanks becomes one space), line endings become "\n", ends are trimmed;
 * - text Slack escaped (a command's text, a message) has its broadcasts — `<!channel>`, `<!here>`,
 *   `<!everyone>` and user groups — turned into plain words, so reposting it never pings a crowd,
 *   while a person's mention (`<@U…>`) stays; it is measured as people read it. Text from a form
 *   arrives as typed: it is kept as it is and escaped wherever it is shown, so a typed `<!here>`
 *   notifies nobody;
 * - a length limit, counted in characters as people see them, with a message that says how long
 *   the text is and how long it may be.
 */

/** Control characters other than tab, newline and carriage return. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** Every control character, tab and newline included. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const ANY_CONTROL = /[\u0000-\u001F\u007F]/g;

/** Counts characters as people see them (code points), not UTF-16 units. */
export const lengthOf = (text: string): number => [...text].length;

/** Escaped text as people read it: mentions and links by their labels, entities decoded. */
export function readableText(slackText: string): string {
  return slackText
    .replace(/<@([UW][A-Z0-9]+)\|([^>]*)>/g, '@$2')
    .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
    .replace(/<#(C[A-Z0-9]+)\|([^>]*)>/g, '#$2')
    .replace(/<!subteam\^[A-Z0-9]+\|([^>]*)>/g, '$1')
    .replace(/<!(channel|here|everyone)(\|[^>]*)?>/g, '@$1')
    .replace(/<([^>|]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The length of escaped text as people read it. */
export const readableLength = (slackText: string): number => lengthOf(readableText(slackText));

/** Escaped text's broadcasts and user-group mentions as plain words ("@here", "@devs"). */
function quietBroadcasts(slackText: string): string {
  return slackText
    .replace(/<!(channel|here|everyone)(\|[^>]*)?>/g, '@$1')
    .replace(
      /<!subteam\^[A-Z0-9]+(\|([^>]*))?>/g,
      (_m, _label, name: string | undefined) => name ?? '@group',
    );
}

export type TextShape = {
  /** Whether the text may have several lines (and tabs). */
  multiline: boolean;
  /** Whether Slack escaped it: a command's text, or a message's; not a form's. */
  escaped?: boolean;
};

/** Typed text as it is kept (see the top of this file). Nothing typed is the empty string. */
export function cleanUserText(raw: string | null | undefined, shape: TextShape): string {
  // Control characters go first: one inside `<!here>` must not keep it from being quieted.
  const text = (raw ?? '').replace(CONTROL, '');
  const quiet = shape.escaped ? quietBroadcasts(text) : text;
  const lines = quiet.replace(/\r\n?/g, '\n');
  return (shape.multiline ? lines : lines.replace(ANY_CONTROL, ' ').replace(/\s+/g, ' ')).trim();
}

export type TextRules = TextShape & {
  /** The most characters it may have, counted as people read it. */
  max: number;
  /** What to say when it is longer; "This is 512 characters; it can be up to 500." if left out. */
  tooLong?: (length: number, max: number) => string;
};

export type CheckedText = {
  /** The text as it is kept. */
  text: string;
  /** Its length as people read it. */
  length: number;
  /** Why it cannot be kept (it is too long), if it cannot. */
  error?: string;
};

const TOO_LONG = (length: number, max: number) => `This is ${length} characters; it can be up to ${max}.`;

/** Typed text cleaned and measured against its limit. */
export function checkUserText(raw: string | null | undefined, rules: TextRules): CheckedText {
  const text = cleanUserText(raw, rules);
  const length = rules.escaped ? readableLength(text) : lengthOf(text);
  if (length <= rules.max) return { text, length };
  return { text, length, error: (rules.tooLong ?? TOO_LONG)(length, rules.max) };
}
