import type { RenderContext } from './context.js';
import { imageSource, renderElement } from './elements.js';
import { attribute, escapeHtml, safeUrl } from './escape.js';
import { blockIdOf } from './ids.js';
import { BLOCK_SURFACES, SURFACE_NAMES } from './kinds.js';
import { LIMITS } from './limits.js';
import { renderRichText } from './rich-text.js';
import { type Json, list, obj, str } from './shape.js';
import { errorBox, renderTextObject } from './text.js';

/**
 * Block Kit as HTML, drawn the way Slack's clients draw it, for the playground's page. Pure: a
 * string from data, no DOM, so Node tests and the browser get the same markup. Whatever Slack
 * would refuse is drawn as a red `bk-error` box that says what is wrong, never skipped, so the
 * page shows a broken payload instead of quietly hiding it.
 */

export type { RenderContext, Surface, StateValues } from './context.js';

type Drawn = { blockId: string; ctx: RenderContext };

function section(b: Json, { blockId, ctx }: Drawn): string {
  const text =
    b.text === undefined
      ? undefined
      : (renderTextObject(b.text, ctx) ?? errorBox('section: text is not a text object'));
  const fields = list(b.fields).map(
    (f) =>
      `<div class="bk-field">${renderTextObject(f, ctx) ?? errorBox('section: a field is not a text object')}</div>`,
  );
  if (text === undefined && fields.length === 0) return errorBox('section: needs text or fields');
  const accessory =
    b.accessory === undefined
      ? ''
      : `<div class="bk-accessory">${renderElement(b.accessory, { blockId, index: 0, container: 'accessory', ctx })}</div>`;
  return (
    `<div class="bk-section-body">${text === undefined ? '' : `<div class="bk-section-text">${text}</div>`}` +
    `${fields.length > 0 ? `<div class="bk-fields">${fields.join('')}</div>` : ''}</div>${accessory}`
  );
}

function header(b: Json, { ctx }: Drawn): string {
  const text = obj(b.text)?.type === 'plain_text' ? renderTextObject(b.text, ctx) : undefined;
  if (text === undefined) return errorBox('header: needs text, a plain_text object');
  return `<h2 class="bk-header-text">${text}</h2>`;
}

function elementsOf(b: Json, container: 'context' | 'actions', { blockId, ctx }: Drawn): string {
  const elements = list(b.elements);
  if (elements.length === 0) return errorBox(`${container}: needs elements`);
  return elements
    .map(
      (e, index) =>
        `<div class="bk-${container}-element">${renderElement(e, { blockId, index, container, ctx })}</div>`,
    )
    .join('');
}

function image(b: Json, { ctx }: Drawn): string {
  const src = imageSource(b, ctx);
  const alt = str(b.alt_text);
  if (b.image_url === undefined && b.slack_file === undefined)
    return errorBox('image: needs image_url or slack_file');
  if (alt === undefined) return errorBox('image: needs alt_text');
  const title =
    b.title === undefined ? '' : `<div class="bk-image-title">${renderTextObject(b.title, ctx) ?? ''}</div>`;
  const picture =
    src === null
      ? `<div class="bk-image bk-image-missing" role="img" aria-label="${escapeHtml(alt)}"></div>`
      : `<img class="bk-image" src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy">`;
  return `<figure class="bk-figure">${title}${picture}</figure>`;
}

function input(b: Json, { blockId, ctx }: Drawn): string {
  const label = obj(b.label)?.type === 'plain_text' ? renderTextObject(b.label, ctx) : undefined;
  if (label === undefined) return errorBox('input: needs a label, a plain_text object');
  if (b.element === undefined) return errorBox('input: needs an element');
  const optional = b.optional === true ? ' <span class="bk-optional">(optional)</span>' : '';
  const hint =
    b.hint === undefined ? '' : `<div class="bk-hint">${renderTextObject(b.hint, ctx) ?? ''}</div>`;
  const error = ctx.errors?.[blockId];
  return (
    `<div class="bk-label">${label}${optional}</div>` +
    renderElement(b.element, { blockId, index: 0, container: 'input', ctx }) +
    hint +
    (error === undefined ? '' : `<div class="bk-input-error" role="alert">${escapeHtml(error)}</div>`)
  );
}

function video(b: Json, { ctx }: Drawn): string {
  const title = renderTextObject(b.title, ctx);
  const thumbnail = safeUrl(str(b.thumbnail_url));
  const href = safeUrl(str(b.title_url) ?? str(b.video_url));
  if (title === undefined) return errorBox('video: needs title');
  const heading = href
    ? `<a class="bk-link" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${title}</a>`
    : title;
  return (
    `<div class="bk-video-title">${heading}</div>` +
    (b.description === undefined
      ? ''
      : `<div class="bk-video-description">${renderTextObject(b.description, ctx) ?? ''}</div>`) +
    (thumbnail
      ? `<img class="bk-video-thumbnail" src="${escapeHtml(thumbnail)}" alt="${escapeHtml(str(b.alt_text) ?? '')}">`
      : '')
  );
}

const DRAW: Record<string, (b: Json, d: Drawn) => string> = {
  section,
  header,
  divider: () => '<hr class="bk-divider">',
  context: (b, d) => `<div class="bk-context-elements">${elementsOf(b, 'context', d)}</div>`,
  actions: (b, d) => `<div class="bk-actions-elements">${elementsOf(b, 'actions', d)}</div>`,
  image,
  input,
  video,
  rich_text: (b, { ctx }) => renderRichText(b, ctx),
  file: (b) => `<div class="bk-file">Remote file ${escapeHtml(str(b.external_id) ?? '')}</div>`,
  markdown: (b) =>
    typeof b.text === 'string'
      ? `<div class="bk-markdown">${escapeHtml(b.text).replace(/\n/g, '<br>')}</div>`
      : errorBox('markdown: needs text'),
};

function renderBlock(value: unknown, index: number, ctx: RenderContext): string {
  const block = obj(value);
  const type = str(block?.type);
  if (!block || type === undefined) return errorBox(`block ${index}: not a block (no type)`);
  const draw = DRAW[type];
  if (!draw) return errorBox(`block ${index}: unknown block type "${type}"`);
  const blockId = blockIdOf(block, index);
  const misplaced = BLOCK_SURFACES[type]?.includes(ctx.surface)
    ? ''
    : errorBox(`${type} blocks are not allowed in ${SURFACE_NAMES[ctx.surface]}`);
  const dispatch = type === 'input' && block.dispatch_action === true ? ' data-bk-dispatch="true"' : '';
  const optional = type === 'input' && block.optional === true ? ' data-bk-optional="true"' : '';
  return (
    `<div class="bk-block bk-block-${type}"${attribute('data-block-id', blockId)}${dispatch}${optional}>` +
    `${misplaced}${draw(block, { blockId, ctx })}</div>`
  );
}

/** The blocks of a message, a modal or a Home tab as HTML. */
export function renderBlocks(blocks: unknown[], ctx: RenderContext): string {
  const max = LIMITS.blocks[ctx.surface];
  const tooMany =
    blocks.length > max
      ? errorBox(`${blocks.length} blocks, ${SURFACE_NAMES[ctx.surface]} allows ${max}`)
      : '';
  const drawn = blocks.map((b, i) => renderBlock(b, i, ctx)).join('');
  return `<div class="bk-blocks bk-surface-${ctx.surface}">${tooMany}${drawn}</div>`;
}
