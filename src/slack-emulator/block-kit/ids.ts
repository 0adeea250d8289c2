import type { Json } from './shape.js';
import { str } from './shape.js';

/**
 * Slack fills in a block_id or action_id the app left out (a short random one, "2WGp9") and sends
 * it back in block_actions. Here it is derived from the position and content instead, so the same
 * blocks drawn twice carry the same ids and the page's action matches what it clicked.
 */
function shortId(seed: string): string {
  // FNV-1a, 32 bits: a stable, well-spread number from any text.
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let id = '';
  for (let i = 0; i < 5; i++) {
    id += digits[hash % 62];
    hash = Math.floor(hash / 62);
  }
  return id;
}

export const blockIdOf = (block: Json, index: number): string =>
  str(block.block_id) || shortId(`block:${index}:${JSON.stringify(block)}`);

export const actionIdOf = (element: Json, blockId: string, index: number): string =>
  str(element.action_id) || shortId(`action:${blockId}:${index}:${JSON.stringify(element)}`);
