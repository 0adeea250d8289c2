/**
 * Everything the drawing puts into HTML passes through here: text is escaped once, attributes are
 * quoted, and only link schemes that cannot run script reach an href or src. The module runs in
 * the browser as well as in Node, so it uses nothing but the language.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML shows it literally, in element content or in a double- or single-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const SLACK_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Slack sends text with `&`, `<` and `>` escaped as `&amp;`, `&lt;` and `&gt;` (its formatting
 * reference, "Escaping text"). One pass turns them back into the characters a reader sees, so
 * `&amp;lt;` stays the four characters `&lt;` instead of becoming `<` (the double-unescape bug),
 * and a bare `&` that is no entity stays itself. The result is text, to be escaped for HTML.
 */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => SLACK_ENTITIES[entity] ?? entity);
}

/** A `data-*` or other attribute holding any value as JSON, escaped for a double-quoted attribute. */
export function jsonAttribute(name: string, value: unknown): string {
  return ` ${name}="${escapeHtml(JSON.stringify(value))}"`;
}

/** An attribute with a text value, or nothing when there is no value. */
export function attribute(name: string, value: string | undefined | null): string {
  return value === undefined || value === null ? '' : ` ${name}="${escapeHtml(value)}"`;
}

/**
 * A URL safe to put in an href or src: http(s), mailto and tel links, and, where `ownPath` allows
 * it, a path on the playground's own server (the files it serves). Anything else (javascript:,
 * data:, vbscript:, protocol-relative `//host`, schemes hidden behind control characters, a bare
 * word Slack would not link) gives null, and the caller draws text instead of a link.
 */
export function safeUrl(url: string | undefined | null, ownPath = false): string | null {
  if (typeof url !== 'string') return null;
  const decoded = decodeSlackEntities(url).trim();
  // Browsers drop tabs, newlines and other control characters inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(decoded)) return null;
  if (/^(https?:\/\/|mailto:|tel:)/i.test(decoded)) return decoded;
  if (ownPath && /^\/(?![/\\])/.test(decoded) && !decoded.includes('\\')) return decoded;
  return null;
}
