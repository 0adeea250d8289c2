import type { RenderContext } from './context.js';
import { replaceEmoji } from './emoji.js';
import { decodeSlackEntities, escapeHtml, safeUrl } from './escape.js';
import { formatSlackDate } from './slack-date.js';

/**
 * Slack's mrkdwn as its clients draw it (its "Formatting text for app surfaces" reference): *bold*,
 * _italic_, ~strike~, `code`, ```pre```, > quotes, links and mentions in angle brackets, and emoji.
 * Text arrives with &, < and > escaped; everything drawn is escaped again for HTML exactly once.
 */

type Reader = Pick<RenderContext, 'userName' | 'channelName' | 'timeZone' | 'now' | 'clock24'>;

/** Opaque stand-ins for drawn pieces while the rest of a line is formatted (private-use characters). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const slot = (i: number) => `${OPEN}${i}${CLOSE}`;

const link = (href: string, inner: string) =>
  `<a class="bk-link" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
const mention = (kind: string, text: string) => `<span class="bk-mention bk-mention-${kind}">${text}</span>`;

/** A label inside angle brackets, drawn as text with emoji (Slack formats no markup inside it). */
const label = (text: string) => replaceEmoji(escapeHtml(decodeSlackEntities(text)));

/** One `<…>` token: a link, a mention, a special mention or a date. */
function drawToken(body: string, reader: Reader): string {
  const bar = body.indexOf('|');
  const target = bar === -1 ? body : body.slice(0, bar);
  const text = bar === -1 ? undefined : body.slice(bar + 1);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return mention('user', `@${escapeHtml(reader.userName(id) ?? decodeSlackEntities(text ?? id))}`);
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return mention('channel', `#${escapeHtml(reader.channelName(id) ?? decodeSlackEntities(text ?? id))}`);
  }
  if (target.startsWith('!')) return drawSpecial(target.slice(1), text, reader);
  // A bare address is shown as a mail link, as Slack links <name@example.com>.
  const href = safeUrl(/^[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$/.test(target) ? `mailto:${target}` : target);
  const shown = text !== undefined && text !== '' ? label(text) : escapeHtml(decodeSlackEntities(target));
  return href ? link(href, shown) : `<span class="bk-link bk-unsafe-link">${shown}</span>`;
}

/** `<!here>`, `<!channel>`, `<!everyone>`, `<!subteam^ID|@handle>`, `<!date^ts^format^link|fallback>`. */
function drawSpecial(command: string, text: string | undefined, reader: Reader): string {
  const [name = '', ...args] = command.split('^');
  if (name === 'here' || name === 'channel' || name === 'everyone') return mention('broadcast', `@${name}`);
  if (name === 'subteam') {
    const handle = text ? decodeSlackEntities(text) : `@${args[0] ?? 'group'}`;
    return mention('usergroup', escapeHtml(handle.startsWith('@') ? handle : `@${handle}`));
  }
  if (name === 'date') {
    const [unix = '', format = '', url] = args;
    const shown =
      formatSlackDate(unix, decodeSlackEntities(format), reader) ?? decodeSlackEntities(text ?? '');
    const href = url ? safeUrl(url) : null;
    const inner = `<time class="bk-date">${escapeHtml(shown)}</time>`;
    return href ? link(href, inner) : inner;
  }
  return escapeHtml(decodeSlackEntities(text ?? `@${name}`));
}

/** Characters that may stand next to a *, _ or ~ that opens or closes a style (not a letter or digit). */
const EDGE = `\\s.,;:!?()\\[\\]{}"'\\-/<>${OPEN}${CLOSE}…`;
const styleRule = (marker: string) =>
  new RegExp(
    `(^|[${EDGE}])\\${marker}(?=[^\\s${marker}])([^${marker}\\n]*?[^\\s${marker}])\\${marker}(?=$|[${EDGE}])`,
    'g',
  );
const STYLES: [RegExp, string][] = [
  [styleRule('*'), 'b'],
  [styleRule('_'), 'i'],
  [styleRule('~'), 's'],
];

/** One line (no pre block, no quote marker): code spans and tokens set aside, styles, then emoji. */
function drawLine(line: string, reader: Reader): string {
  const drawn: string[] = [];
  const keep = (html: string) => slot(drawn.push(html) - 1);
  let text = line
    .replace(/`([^`\n]+)`/g, (_, code: string) =>
      keep(`<code class="bk-code">${escapeHtml(decodeSlackEntities(code))}</code>`),
    )
    .replace(/<([^<>\n]+)>/g, (_, body: string) => keep(drawToken(body, reader)));
  text = escapeHtml(decodeSlackEntities(text));
  for (const [rule, tag] of STYLES) {
    // Twice, so a style that closes right where another opens (*a* *b*) is found on the second pass.
    for (let pass = 0; pass < 2; pass++) text = text.replace(rule, `$1<${tag}>$2</${tag}>`);
  }
  text = replaceEmoji(text);
  return text.replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'), (_, i: string) => drawn[Number(i)] ?? '');
}

/** Lines starting with `>` (or `&gt;`, as Slack escapes it) are quoted; `>>>` quotes the rest. */
function drawLines(text: string, reader: Reader): string {
  const out: string[] = [];
  let quoted: string[] = [];
  const flush = () => {
    if (quoted.length > 0) out.push(`<blockquote class="bk-quote">${quoted.join('<br>')}</blockquote>`);
    quoted = [];
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const rest = /^(?:>>>|&gt;&gt;&gt;)\s?/.exec(line);
    if (rest) {
      quoted.push(...[line.slice(rest[0].length), ...lines.slice(i + 1)].map((l) => drawLine(l, reader)));
      break;
    }
    const quote = /^(?:>|&gt;)\s?/.exec(line);
    if (quote) {
      quoted.push(drawLine(line.slice(quote[0].length), reader));
      continue;
    }
    flush();
    out.push(drawLine(line, reader));
  }
  flush();
  // Lines join with <br>, but a quote is a block of its own and needs none around it.
  return out.reduce(
    (html, piece, i) =>
      i === 0 || piece.startsWith('<blockquote') || (out[i - 1] ?? '').startsWith('<blockquote')
        ? html + piece
        : `${html}<br>${piece}`,
    '',
  );
}

/** Slack mrkdwn as HTML. */
export function renderMrkdwn(text: string, reader: Reader): string {
  // ```pre``` blocks first: their content is shown as typed, across lines.
  const parts = text.split(/```/);
  const closed = parts.length % 2 === 1;
  return parts
    .map((part, i) => {
      const isPre = i % 2 === 1 && (closed || i < parts.length - 1);
      if (isPre) {
        const body = part.replace(/^\n/, '');
        return `<pre class="bk-pre">${escapeHtml(decodeSlackEntities(body))}</pre>`;
      }
      // An unclosed ``` is shown as typed, as Slack does.
      const prefix = i % 2 === 1 ? '```' : '';
      return drawLines(prefix + part, reader);
    })
    .join('');
}

/**
 * A plain_text object's text: no markup, but Slack's three entities are read back, and with
 * `emoji` (true unless set to false, as Slack fills it in) `:name:` becomes the emoji.
 */
export function renderPlainText(text: string, emoji = true): string {
  const html = escapeHtml(decodeSlackEntities(text)).replace(/\n/g, '<br>');
  return emoji ? replaceEmoji(html) : html;
}
