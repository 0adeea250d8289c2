import type { OpenModal, ViewValues } from '../api-types.js';
import { drawBlocks } from './blocks.js';
import { el, replaceChildren } from './dom.js';
import type { ActionContainer, Page } from './page.js';
import { rawValuesOf, statefulControls, viewValues } from './view-values.js';

/**
 * The modal on top of this person's stack, over the page: its title, its blocks, Close and Submit.
 * Submitting sends `view.state.values`; the errors the app answered with (response_action
 * "errors") are drawn under their blocks. When the app redraws the open view, what was typed stays
 * in inputs whose block and action ids stayed, as in Slack.
 */
export function createModal(root: HTMLElement, page: Page) {
  let drawn = '';
  let drawnViewId: string | null = null;
  let failure = '';
  /** Required fields left empty at the last submit: Slack's client says so without sending. */
  let unfilled: Record<string, string> = {};

  /** Why the app or the playground did not accept a submit or a close, until the next try. */
  const fail = (text: string) => {
    failure = text;
    const shown = root.querySelector<HTMLElement>('.modal-failure');
    if (shown) {
      shown.hidden = text === '';
      replaceChildren(shown, text);
    }
  };
  const close = async (viewId: string) => {
    const result = await page.send('close', { viewId });
    fail(result.ok ? '' : (result.error ?? 'Could not close'));
  };

  root.addEventListener('keydown', (event) => {
    const target = event.target as Element;
    if (event.key === 'Escape' && drawnViewId) void close(drawnViewId);
    // Enter in a one-line input does not submit a Slack modal; a dispatching input sends its action.
    if (event.key === 'Enter' && target instanceof HTMLInputElement) {
      event.preventDefault();
      target.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });

  const part = {
    render(): void {
      const modal = page.state.modal;
      const key = JSON.stringify([page.state.me, modal, unfilled]);
      if (key === drawn) return;
      drawn = key;
      const form = root.querySelector('form');
      const typed = modal && form && modal.viewId === drawnViewId ? viewValues(form) : undefined;
      if (modal?.viewId !== drawnViewId) {
        failure = '';
        unfilled = {};
      }
      drawnViewId = modal?.viewId ?? null;
      root.hidden = !modal;
      replaceChildren(root, modal ? dialog(modal, typed) : null);
      if (modal && !typed)
        root.querySelector<HTMLElement>('[autofocus], .bk-input, .bk-select, button')?.focus();
    },
  };
  return part;

  function dialog(modal: OpenModal, typed: ViewValues | undefined): HTMLElement {
    const view = modal.view;
    const submitLabel = textOf(view.submit);
    const container: ActionContainer = { type: 'view', viewId: modal.viewId };
    const form = el(
      'form',
      {
        class: 'modal',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'modal-title',
        'data-container': JSON.stringify(container),
        novalidate: true,
      },
      el(
        'header',
        { class: 'modal-header' },
        el('h2', { id: 'modal-title' }, textOf(view.title) ?? 'Rapport'),
        el('button', { type: 'button', class: 'modal-x', 'aria-label': 'Close', 'data-close': '' }, '×'),
      ),
      el(
        'div',
        { class: 'modal-body' },
        drawBlocks(view.blocks, 'modal', page.state, {
          ...(typed ? { values: typed } : {}),
          errors: { ...modal.errors, ...unfilled },
        }),
      ),
      el('p', { class: 'modal-failure', role: 'alert', hidden: failure === '' }, failure),
      el(
        'footer',
        { class: 'modal-footer' },
        el(
          'button',
          { type: 'button', class: 'secondary', 'data-close': '' },
          textOf(view.close) ?? 'Cancel',
        ),
        submitLabel ? el('button', { type: 'submit', class: 'primary' }, submitLabel) : '',
      ),
    );
    form.addEventListener('click', (event) => {
      if ((event.target as Element).closest('[data-close]')) void close(modal.viewId);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = viewValues(form);
      unfilled = requiredButEmpty(form);
      part.render();
      if (Object.keys(unfilled).length > 0) return;
      const submit = root.querySelector<HTMLButtonElement>('button[type=submit]');
      if (submit) submit.disabled = true;
      const result = await page.send('submit', { viewId: modal.viewId, values });
      if (submit) submit.disabled = false;
      fail(result.ok ? '' : (result.error ?? 'The app did not accept this.'));
    });
    return el('div', { class: 'modal-backdrop' }, form);
  }
}

/** Input blocks not marked optional whose control holds nothing. */
function requiredButEmpty(form: HTMLElement): Record<string, string> {
  const empty: Record<string, string> = {};
  for (const block of form.querySelectorAll<HTMLElement>('.bk-block-input')) {
    const control = statefulControls(block)[0];
    const blockId = block.dataset.blockId;
    if (block.dataset.bkOptional === 'true' || !control || !blockId) continue;
    if (rawValuesOf(control).length === 0) empty[blockId] = 'Please complete this required field.';
  }
  return empty;
}

function textOf(value: unknown): string | undefined {
  const text = (value as { text?: unknown } | undefined)?.text;
  return typeof text === 'string' ? text : undefined;
}
