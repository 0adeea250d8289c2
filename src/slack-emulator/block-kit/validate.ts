import { Checker, objectAt } from './checker.js';
import type { Surface } from './context.js';
import { BLOCK_SURFACES, SURFACE_NAMES } from './kinds.js';
import { LIMITS } from './limits.js';
import { type Json, obj, objects, str } from './shape.js';
import { checkElement, imageSource } from './validate-elements.js';

/**
 * What Slack would refuse in a message's, a modal's or a Home tab's blocks, each problem named as
 * Slack's error would name it, with the JSON pointer to it. An empty list: Slack takes it.
 */

/** Action ids must be unique within their block (each element reference: "unique among all other action_ids in the containing block"). */
function uniqueActionIds(c: Checker, p: string, elements: Json[]): void {
  const seen = new Set<string>();
  elements.forEach((e, i) => {
    const id = str(e.action_id);
    if (id === undefined || id === '') return;
    if (seen.has(id)) c.report(`${p}/elements/${i}/action_id`, `duplicate action_id "${id}" in this block`);
    seen.add(id);
  });
}

const BLOCK_CHECKS: Record<string, (c: Checker, p: string, b: Json) => void> = {
  section: (c, p, b) => {
    if (b.text === undefined && b.fields === undefined) c.report(p, 'section needs text or fields');
    c.text(`${p}/text`, b.text, 'section text', LIMITS.section.text, { mrkdwn: true });
    if (
      b.fields !== undefined &&
      c.array(`${p}/fields`, b.fields, 'section fields', LIMITS.section.fields, 1)
    ) {
      b.fields.forEach((f, i) =>
        c.text(`${p}/fields/${i}`, f, 'field', LIMITS.section.fieldText, { mrkdwn: true }),
      );
    }
    if (b.accessory !== undefined) checkElement(c, `${p}/accessory`, b.accessory, 'accessory');
  },
  header: (c, p, b) => c.text(`${p}/text`, b.text, 'header text', LIMITS.header.text, { required: true }),
  divider: () => undefined,
  context: (c, p, b) => {
    if (!c.array(`${p}/elements`, b.elements, 'context elements', LIMITS.context.elements, 1)) return;
    b.elements.forEach((e, i) => {
      const type = str(obj(e)?.type);
      if (type === 'plain_text' || type === 'mrkdwn') {
        c.text(`${p}/elements/${i}`, e, 'context text', LIMITS.text, { mrkdwn: true });
      } else checkElement(c, `${p}/elements/${i}`, e, 'context');
    });
  },
  actions: (c, p, b) => {
    if (!c.array(`${p}/elements`, b.elements, 'actions elements', LIMITS.actions.elements, 1)) return;
    b.elements.forEach((e, i) => checkElement(c, `${p}/elements/${i}`, e, 'actions'));
    uniqueActionIds(c, p, objects(b.elements));
  },
  image: (c, p, b) => {
    imageSource(c, p, b);
    c.text(`${p}/title`, b.title, 'image title', LIMITS.image.title);
  },
  input: (c, p, b) => {
    c.text(`${p}/label`, b.label, 'input label', LIMITS.input.label, { required: true });
    c.text(`${p}/hint`, b.hint, 'input hint', LIMITS.input.hint);
    if (b.element === undefined) c.missing(p, 'element');
    else checkElement(c, `${p}/element`, b.element, 'input');
  },
  video: (c, p, b) => {
    // Slack states no length for these, only that they are required.
    for (const field of ['alt_text', 'video_url', 'thumbnail_url']) {
      c.string(`${p}/${field}`, b[field], field, Number.MAX_SAFE_INTEGER, true);
    }
    c.text(`${p}/title`, b.title, 'video title', LIMITS.video.title, { required: true });
    c.string(`${p}/author_name`, b.author_name, 'author_name', LIMITS.video.authorName);
  },
  rich_text: (c, p, b) => {
    c.array(`${p}/elements`, b.elements, 'rich_text elements', Number.MAX_SAFE_INTEGER, 1);
  },
  file: (c, p, b) => {
    c.string(`${p}/external_id`, b.external_id, 'external_id', LIMITS.id, true);
    c.oneOf(`${p}/source`, b.source ?? '', 'source', ['remote']);
  },
  markdown: (c, p, b) => c.string(`${p}/text`, b.text, 'markdown text', 12_000, true),
};

function checkBlocks(c: Checker, root: string, blocks: unknown[]): void {
  const max = LIMITS.blocks[c.surface];
  if (blocks.length > max)
    c.report(root, `${blocks.length} blocks, ${SURFACE_NAMES[c.surface]} allows ${max}`);
  const blockIds = new Set<string>();
  blocks.forEach((value, i) => {
    const p = `${root}/${i}`;
    const b = objectAt(c, p, value, 'block');
    if (!b) return;
    const type = str(b.type);
    if (type === undefined) return c.missing(p, 'type');
    const check = BLOCK_CHECKS[type];
    if (!check) return c.report(`${p}/type`, `unknown block type "${type}"`);
    if (!BLOCK_SURFACES[type]?.includes(c.surface)) {
      c.report(`${p}/type`, `${type} blocks are not allowed in ${SURFACE_NAMES[c.surface]}`);
    }
    c.string(`${p}/block_id`, b.block_id, 'block_id', LIMITS.id);
    const id = str(b.block_id);
    if (id) {
      if (blockIds.has(id)) c.report(`${p}/block_id`, `duplicate block_id "${id}"`);
      blockIds.add(id);
    }
    check(c, p, b);
  });
}

/** The problems Slack would report with these blocks on this surface; empty when it would take them. */
export function validateBlocks(blocks: unknown[], surface: Surface): string[] {
  const c = new Checker(surface);
  checkBlocks(c, surface === 'message' ? '/blocks' : '/view/blocks', blocks);
  return c.problems;
}

/**
 * A whole modal or Home tab view, as views.open, views.update and views.publish check it: its
 * blocks, and a modal's title, buttons and metadata (https://docs.slack.dev/reference/views/modal-views).
 */
export function validateView(view: unknown): string[] {
  const v = obj(view);
  const surface: Surface = v?.type === 'home' ? 'home' : 'modal';
  const c = new Checker(surface);
  if (!v) {
    c.report('/view', 'view must be an object');
    return c.problems;
  }
  c.oneOf('/view/type', v.type, 'view type', ['modal', 'home']);
  if (!Array.isArray(v.blocks)) c.missing('/view', 'blocks');
  else checkBlocks(c, '/view/blocks', v.blocks);
  // Both may be empty: Slack itself returns views with `"private_metadata": ""`.
  c.string(
    '/view/private_metadata',
    v.private_metadata,
    'private_metadata',
    LIMITS.modal.privateMetadata,
    false,
    true,
  );
  c.string('/view/callback_id', v.callback_id, 'callback_id', LIMITS.modal.callbackId, false, true);
  if (surface === 'modal') {
    c.text('/view/title', v.title, 'title', LIMITS.modal.title, { required: true });
    c.text('/view/close', v.close, 'close', LIMITS.modal.close);
    c.text('/view/submit', v.submit, 'submit', LIMITS.modal.submit);
    const hasInput = objects(v.blocks).some((b) => b.type === 'input');
    if (hasInput && (v.submit === undefined || v.submit === null))
      c.report('/view/submit', 'a modal with input blocks needs submit');
  }
  return c.problems;
}
