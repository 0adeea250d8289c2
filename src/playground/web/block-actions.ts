import type { ElementAction } from '../api-types.js';
import { actionWithValue, type RawValue } from '../../slack-emulator/block-kit/index.js';
import type { ActionContainer, Page } from './page.js';
import { rawValuesOf, viewValues } from './view-values.js';

/**
 * Buttons, selects, pickers and overflow menus drawn by the block-kit module, wherever they are
 * (messages, ephemeral replies, the Home tab, a modal), send the block_actions Slack would send.
 * The element carries its action in `data-bk-action`; the nearest `data-container` says where it
 * was; inside a view, the view's current values go along, as Slack sends `view.state` with it.
 */
export function listenForBlockActions(root: HTMLElement, page: Page): void {
  root.addEventListener('click', (event) => {
    const target = event.target as Element;
    const option = target.closest<HTMLElement>('.bk-overflow-option');
    const menu = option?.closest<HTMLElement>('[data-bk-action]');
    if (option && menu) {
      const base = actionOf(menu);
      // An option with a URL opens it, and Slack still sends the action.
      if (!(option instanceof HTMLAnchorElement)) event.preventDefault();
      menu.removeAttribute('open');
      if (base) void fire(menu, actionWithValue(base, [optionOf(option)]) as ElementAction, page);
      return;
    }
    const element = target.closest<HTMLElement>('[data-bk-action]');
    const base = element && actionOf(element);
    if (!element || base?.type !== 'button') return;
    if (!(element instanceof HTMLAnchorElement)) event.preventDefault();
    if (!confirmed(element)) return;
    void fire(element, base, page);
  });
  root.addEventListener('change', (event) => {
    const element = (event.target as Element).closest<HTMLElement>('[data-bk-action]');
    const base = element && actionOf(element);
    if (!element || !base || base.type === 'button' || base.type === 'overflow' || !dispatches(element))
      return;
    void fire(element, actionWithValue(base, rawValuesOf(element)) as ElementAction, page);
  });
}

/**
 * Whether Slack sends block_actions when this element is used: always in an actions block or a
 * section's accessory; in an input block only with dispatch_action.
 */
function dispatches(element: HTMLElement): boolean {
  if (element.dataset.bkDispatch === 'true') return true;
  const block = element.closest<HTMLElement>('.bk-block');
  if (!block?.classList.contains('bk-block-input')) return true;
  return block.dataset.bkDispatch === 'true';
}

/** A button with a `confirm` object asks first, as Slack's confirmation dialog does. */
function confirmed(element: HTMLElement): boolean {
  if (!element.dataset.bkConfirm) return true;
  const dialog = JSON.parse(element.dataset.bkConfirm) as {
    title?: { text?: string };
    text?: { text?: string };
  };
  return window.confirm([dialog.title?.text, dialog.text?.text].filter(Boolean).join('\n\n'));
}

function actionOf(element: HTMLElement): ElementAction | null {
  try {
    const parsed = JSON.parse(element.dataset.bkAction ?? '') as ElementAction;
    return typeof parsed.type === 'string' && typeof parsed.action_id === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function optionOf(option: HTMLElement): RawValue {
  return JSON.parse(option.dataset.bkOption ?? '{}') as RawValue;
}

async function fire(element: HTMLElement, action: ElementAction, page: Page): Promise<void> {
  const holder = element.closest<HTMLElement>('[data-container]');
  if (!holder?.dataset.container) return;
  const container = JSON.parse(holder.dataset.container) as ActionContainer;
  const values = container.type === 'view' ? viewValues(holder) : undefined;
  const button = element instanceof HTMLButtonElement ? element : null;
  if (button) button.disabled = true;
  try {
    await page.send('action', { container, action, ...(values ? { values } : {}) });
  } finally {
    if (button) button.disabled = false;
  }
}
