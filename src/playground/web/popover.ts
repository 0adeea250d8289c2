import { el } from './dom.js';

let openPopover: { menu: HTMLElement; button: HTMLElement } | null = null;

function closeOpenPopover(): void {
  if (!openPopover) return;
  openPopover.menu.remove();
  openPopover.button.setAttribute('aria-expanded', 'false');
  openPopover = null;
}

/** A click outside the open menu, or Escape, closes it. */
export function closeMenusFromOutside(doc: Document): void {
  doc.addEventListener('click', (event) => {
    if (!openPopover) return;
    const target = event.target as Node;
    if (!openPopover.menu.contains(target) && !openPopover.button.contains(target)) closeOpenPopover();
  });
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeOpenPopover();
  });
}

/**
 * A button that opens a small menu next to it (add a reaction, a message's shortcuts); one menu is
 * open at a time, and choosing an item closes it.
 */
export function menuButton(
  attributes: { label: string; text: string; class: string },
  items: () => { label: string; text: string; choose: () => void }[],
): HTMLButtonElement {
  const button = el(
    'button',
    {
      type: 'button',
      class: attributes.class,
      'aria-label': attributes.label,
      title: attributes.label,
      'aria-haspopup': 'menu',
      'aria-expanded': 'false',
    },
    attributes.text,
  );
  button.addEventListener('click', () => {
    const wasMine = openPopover?.button === button;
    closeOpenPopover();
    if (wasMine) return;
    const entries = items();
    const menu = el(
      'div',
      { class: 'popover', role: 'menu', 'aria-label': attributes.label },
      entries.length === 0 ? el('p', { class: 'popover-empty' }, 'Nothing here') : '',
      entries.map((item) => {
        const entry = el(
          'button',
          {
            type: 'button',
            role: 'menuitem',
            class: 'popover-item',
            'aria-label': item.label,
            title: item.label,
          },
          item.text,
        );
        entry.addEventListener('click', () => {
          closeOpenPopover();
          item.choose();
        });
        return entry;
      }),
    );
    button.after(menu);
    button.setAttribute('aria-expanded', 'true');
    openPopover = { menu, button };
  });
  return button;
}
