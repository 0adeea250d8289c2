import type { RenderContext } from './context.js';
import { attribute, jsonAttribute } from './escape.js';
import { type Json, obj } from './shape.js';
import { plainTextOf } from './text.js';

/** The element's identity as the page needs it to send what Slack would send. */
export type DrawnElement = {
  element: Json;
  type: string;
  blockId: string;
  actionId: string;
  ctx: RenderContext;
};

/**
 * The attributes every interactive element carries: its type and ids (for assembling
 * view.state.values), and in `data-bk-action` the block_actions action Slack would send for it,
 * as far as it is known before a choice is made.
 */
export function identity(d: DrawnElement, action: Json = {}): string {
  return (
    attribute('data-bk-type', d.type) +
    attribute('data-block-id', d.blockId) +
    attribute('data-action-id', d.actionId) +
    jsonAttribute('data-bk-action', { type: d.type, action_id: d.actionId, block_id: d.blockId, ...action }) +
    (obj(d.element.confirm) ? jsonAttribute('data-bk-confirm', d.element.confirm) : '')
  );
}

/** The value the reader has already given this element (a modal redrawn mid-way), if any. */
export function currentValue(d: DrawnElement): Json | undefined {
  return d.ctx.state?.[d.blockId]?.[d.actionId];
}

/** A placeholder's text, or Slack's default wording for the element. */
export const placeholderOf = (e: Json, fallback: string) =>
  obj(e.placeholder) ? plainTextOf(e.placeholder) : fallback;
