import type { RenderContext } from './context.js';
import { replaceEmoji } from './emoji.js';
import { decodeSlackEntities, escapeHtml } from './escape.js';
import { renderMrkdwn, renderPlainText } from './mrkdwn.js';
import { obj, str } from './shape.js';

/** A text object (plain_text or mrkdwn) as HTML; undefined when it is not one, for an error box. */
export function renderTextObject(value: unknown, ctx: RenderContext): string | undefined {
  const t = obj(value);
  const text = str(t?.text);
  if (!t || text === undefined) return undefined;
  if (t.type === 'mrkdwn') return renderMrkdwn(text, ctx);
  if (t.type === 'plain_text') return renderPlainText(text, t.emoji !== false);
  return undefined;
}

/** A plain_text object as bare text for places HTML cannot go (an <option>, a placeholder). */
export function plainTextOf(value: unknown): string {
  const t = obj(value);
  const text = decodeSlackEntities(str(t?.text) ?? '').replace(/\n/g, ' ');
  return t?.emoji === false ? text : replaceEmoji(text);
}

/** The red box drawn where Slack would refuse the payload: it names what is wrong. */
export const errorBox = (what: string) => `<div class="bk-error" role="alert">${escapeHtml(what)}</div>`;
