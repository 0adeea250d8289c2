import type { RenderContext } from './context.js';
import { type DrawnElement, identity } from './drawn.js';
import { attribute, escapeHtml, safeUrl } from './escape.js';
import { actionIdOf } from './ids.js';
import { ALLOWED_IN, type Container, CONTAINER_NAMES } from './kinds.js';
import { renderInputElement } from './inputs.js';
import { renderChoices, renderOverflow, renderSelect } from './menus.js';
import { type Json, obj, str } from './shape.js';
import { errorBox, renderTextObject } from './text.js';

/** Where an element sits: its block (for ids and state) and which part of it (for what is allowed). */
export type Placement = { blockId: string; index: number; container: Container; ctx: RenderContext };

function renderButton(d: DrawnElement): string {
  const e = d.element;
  const label = renderTextObject(e.text, d.ctx);
  if (label === undefined) return errorBox('button: missing its text (a plain_text object)');
  const style = e.style === 'primary' || e.style === 'danger' ? e.style : 'default';
  const text = obj(e.text);
  const action: Json = {
    text: { type: 'plain_text', text: str(text?.text) ?? '', emoji: text?.emoji !== false },
    ...(typeof e.value === 'string' ? { value: e.value } : {}),
    ...(style !== 'default' ? { style } : {}),
    ...(typeof e.url === 'string' ? { url: e.url } : {}),
  };
  const attrs =
    `class="bk-button bk-button-${style}"` +
    identity(d, action) +
    attribute('aria-label', str(e.accessibility_label));
  const href = safeUrl(str(e.url));
  // A link button opens the URL and Slack still sends the action, so the page gets both.
  return href
    ? `<a ${attrs} href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>`
    : `<button type="button" ${attrs}>${label}</button>`;
}

/** An image element (section accessory, context): a slack_file is looked up through the context. */
export function imageSource(e: Json, ctx: RenderContext): string | null {
  const file = obj(e.slack_file);
  if (file) {
    const id = str(file.id);
    const served = id ? ctx.fileUrl?.(id) : undefined;
    return served !== undefined ? safeUrl(served, true) : safeUrl(str(file.url));
  }
  return safeUrl(str(e.image_url));
}

function renderImageElement(e: Json, ctx: RenderContext, className: string): string {
  const src = imageSource(e, ctx);
  const alt = str(e.alt_text);
  if (alt === undefined) return errorBox('image: missing alt_text');
  if (src === null)
    return `<span class="${className} bk-image-missing" role="img" aria-label="${escapeHtml(alt)}"></span>`;
  return `<img class="${className}" src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy">`;
}

function renderWorkflowButton(d: DrawnElement): string {
  const label = renderTextObject(d.element.text, d.ctx);
  if (label === undefined) return errorBox('workflow_button: missing its text');
  return `<button type="button" class="bk-button bk-button-default bk-workflow-button"${identity(d)}>${label}</button>`;
}

/**
 * One element, drawn where it is, or an error box when it is unknown, not allowed there, or
 * missing what Slack requires of it.
 */
export function renderElement(value: unknown, at: Placement): string {
  const element = obj(value);
  const type = str(element?.type);
  if (!element || type === undefined) return errorBox(`element ${at.index} in ${at.container}: no type`);
  if (!ALLOWED_IN[at.container].has(type))
    return errorBox(`${type} cannot go in ${CONTAINER_NAMES[at.container]}`);
  if (type === 'image')
    return renderImageElement(
      element,
      at.ctx,
      at.container === 'context' ? 'bk-context-image' : 'bk-accessory-image',
    );
  if (at.container === 'context')
    return renderTextObject(element, at.ctx) ?? errorBox(`${type}: missing its text`);
  const d: DrawnElement = {
    element,
    type,
    blockId: at.blockId,
    actionId: actionIdOf(element, at.blockId, at.index),
    ctx: at.ctx,
  };
  switch (type) {
    case 'button':
      return renderButton(d);
    case 'workflow_button':
      return renderWorkflowButton(d);
    case 'overflow':
      return renderOverflow(d);
    case 'checkboxes':
    case 'radio_buttons':
      return renderChoices(d);
    default:
      return type.endsWith('_select') ? renderSelect(d) : renderInputElement(d);
  }
}
