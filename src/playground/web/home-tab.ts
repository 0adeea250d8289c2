import { drawBlocks } from './blocks.js';
import { el } from './dom.js';
import type { ActionContainer, Page } from './page.js';

/**
 * Rapport's Home tab as it last published it for this person. A Home view's actions are sent with
 * a view container; the playground names the Home view by its id, or "home" when it has none.
 */
export function homeTab(page: Page): HTMLElement {
  const home = page.state.home;
  if (!home) {
    return el('div', { class: 'home-empty' }, el('p', {}, 'Rapport has not published your Home tab yet.'));
  }
  const viewId = typeof home.id === 'string' ? home.id : 'home';
  const container: ActionContainer = { type: 'view', viewId };
  return el(
    'div',
    { class: 'home', 'data-container': JSON.stringify(container) },
    drawBlocks(home.blocks, 'home', page.state),
  );
}
