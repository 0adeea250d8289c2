import { el } from './dom.js';

/** How long a notice stays before it fades; it can be dismissed sooner. */
const SHOWN_FOR_MS = 8000;

/** Short notices at the bottom of the page: an action the app or Slack did not accept, and why. */
export function createToasts(region: HTMLElement) {
  return {
    show(text: string): void {
      const close = el('button', { type: 'button', class: 'link-button', 'aria-label': 'Dismiss' }, '×');
      const toast = el('div', { class: 'toast', role: 'alert' }, el('span', {}, text), close);
      close.addEventListener('click', () => toast.remove());
      region.append(toast);
      setTimeout(() => toast.remove(), SHOWN_FOR_MS);
    },
  };
}
