import type { RenderContext } from './context.js';
import { emojiOf, skinToneOf } from './emoji.js';
import { escapeHtml, safeUrl } from './escape.js';
import { formatSlackDate } from './slack-date.js';
import { type Json, num, objects, obj, str } from './shape.js';

/**
 * The rich_text block, which Slack's own composer writes for every message a person sends and
 * which `rich_text_input` holds: sections, lists, quotes and preformatted runs of styled elements
 * (its "Rich text block" reference). Unlike mrkdwn, its text is raw: nothing to unescape.
 */

type Reader = Pick<RenderContext, 'userName' | 'channelName' | 'timeZone' | 'now' | 'clock24'>;

/** Bold, italic, strike and code around an inline element's HTML, as its `style` asks. */
function styled(html: string, style: unknown): string {
  const s = obj(style) ?? {};
  let out = html;
  if (s.code === true) out = `<code class="bk-code">${out}</code>`;
  if (s.strike === true) out = `<s>${out}</s>`;
  if (s.italic === true) out = `<i>${out}</i>`;
  if (s.bold === true) out = `<b>${out}</b>`;
  return out;
}

function inline(e: Json, reader: Reader): string {
  const mention = (kind: string, text: string) =>
    `<span class="bk-mention bk-mention-${kind}">${escapeHtml(text)}</span>`;
  switch (e.type) {
    case 'text':
      return styled(escapeHtml(str(e.text) ?? '').replace(/\n/g, '<br>'), e.style);
    case 'link': {
      const url = str(e.url) ?? '';
      const text = escapeHtml(str(e.text) || url);
      const href = safeUrl(url);
      return styled(
        href
          ? `<a class="bk-link" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${text}</a>`
          : `<span class="bk-link bk-unsafe-link">${text}</span>`,
        e.style,
      );
    }
    case 'user': {
      const id = str(e.user_id) ?? '';
      return styled(mention('user', `@${reader.userName(id) ?? id}`), e.style);
    }
    case 'channel': {
      const id = str(e.channel_id) ?? '';
      return styled(mention('channel', `#${reader.channelName(id) ?? id}`), e.style);
    }
    case 'usergroup':
      return styled(mention('usergroup', `@${str(e.usergroup_id) ?? ''}`), e.style);
    case 'team':
      return styled(mention('team', str(e.team_id) ?? ''), e.style);
    case 'broadcast':
      return styled(mention('broadcast', `@${str(e.range) ?? ''}`), e.style);
    case 'emoji': {
      const name = str(e.name) ?? '';
      const fromUnicode = /^[0-9a-f]{4,6}(-[0-9a-f]{4,6})*$/i.test(str(e.unicode) ?? '')
        ? String.fromCodePoint(...(str(e.unicode) ?? '').split('-').map((h) => parseInt(h, 16)))
        : undefined;
      const char = emojiOf(name) ?? fromUnicode;
      return styled(escapeHtml(char ? `${char}${skinToneOf(e.skin_tone)}` : `:${name}:`), e.style);
    }
    case 'date': {
      const unix = String(num(e.timestamp) ?? '');
      const shown = formatSlackDate(unix, str(e.format) ?? '', reader) ?? str(e.fallback) ?? unix;
      return styled(`<time class="bk-date">${escapeHtml(shown)}</time>`, e.style);
    }
    case 'color': {
      const value = str(e.value) ?? '';
      const swatch = /^#[0-9a-f]{3,8}$/i.test(value)
        ? `<span class="bk-color-swatch" style="background:${value}"></span>`
        : '';
      return styled(`${swatch}${escapeHtml(value)}`, e.style);
    }
    default:
      // Slack's shape samples nest parts where elements go; draw them as parts.
      return typeof e.type === 'string' && e.type.startsWith('rich_text_')
        ? part(e, reader)
        : `<span class="bk-error">unknown rich text element ${escapeHtml(String(e.type))}</span>`;
  }
}

const inlines = (elements: unknown, reader: Reader) =>
  objects(elements)
    .map((e) => inline(e, reader))
    .join('');

/** One of a rich_text block's parts (or, as the shape samples nest them, a list inside a list). */
function part(e: Json, reader: Reader): string {
  switch (e.type) {
    case 'rich_text_section':
      return `<div class="bk-rich-section">${inlines(e.elements, reader)}</div>`;
    case 'rich_text_quote':
      return `<blockquote class="bk-quote">${inlines(e.elements, reader)}</blockquote>`;
    case 'rich_text_preformatted':
      return `<pre class="bk-pre">${inlines(e.elements, reader)}</pre>`;
    case 'rich_text_list': {
      const tag = e.style === 'ordered' ? 'ol' : 'ul';
      const indent = Math.max(0, Math.min(8, num(e.indent) ?? 0));
      const items = objects(e.elements).map((item) =>
        item.type === 'rich_text_section'
          ? `<li>${inlines(item.elements, reader)}</li>`
          : `<li>${part(item, reader)}</li>`,
      );
      return `<${tag} class="bk-rich-list bk-indent-${indent}">${items.join('')}</${tag}>`;
    }
    default:
      // Inline elements directly in a list are drawn as a section would draw them.
      return typeof e.type === 'string' && !e.type.startsWith('rich_text')
        ? inline(e, reader)
        : `<div class="bk-error">unknown rich text part ${escapeHtml(String(e.type))}</div>`;
  }
}

/** A rich_text object's parts as HTML. */
export function renderRichText(richText: unknown, reader: Reader): string {
  return objects(obj(richText)?.elements)
    .map((e) => part(e, reader))
    .join('');
}
