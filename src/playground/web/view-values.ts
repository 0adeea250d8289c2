import type { ViewValues } from '../api-types.js';
import { type RawValue, STATEFUL_TYPES, stateValueOf } from '../../slack-emulator/block-kit/index.js';

/**
 * What a person has put into a control drawn by the block-kit module, as its `stateValueOf` reads
 * it: the typed text, date, time or chosen ids as strings; chosen options as the option objects the
 * module drew in `data-bk-option`. Nothing chosen is an empty list.
 */
export function rawValuesOf(element: HTMLElement): RawValue[] {
  if (element instanceof HTMLSelectElement) {
    return [...element.selectedOptions].filter((o) => o.value !== '' || o.dataset.bkOption).map(optionValue);
  }
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    return element.value === '' ? [] : [element.value];
  }
  const choices = [...element.querySelectorAll<HTMLInputElement>('input[type=checkbox], input[type=radio]')];
  if (choices.length > 0) return choices.filter((c) => c.checked).map(optionValue);
  // A rich text input is an editable region.
  const text = element.isContentEditable ? (element.innerText ?? '').trim() : '';
  return text === '' ? [] : [text];
}

function optionValue(option: HTMLOptionElement | HTMLInputElement): RawValue {
  const drawn = option.dataset.bkOption;
  if (drawn) {
    try {
      return JSON.parse(drawn) as RawValue;
    } catch {
      // Not JSON: the plain value is the best there is.
    }
  }
  return option.value;
}

/** Every control that has a value in `view.state` (buttons have none). */
export function statefulControls(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[data-bk-type][data-block-id][data-action-id]')].filter(
    (e) => STATEFUL_TYPES.has(e.dataset.bkType ?? ''),
  );
}

/** `view.state.values` as Slack sends it: block_id → action_id → the element's state value. */
export function viewValues(root: ParentNode): ViewValues {
  const values: ViewValues = {};
  for (const control of statefulControls(root)) {
    const { blockId = '', actionId = '', bkType = '' } = control.dataset;
    const block = (values[blockId] ??= {});
    block[actionId] ??= stateValueOf(bkType, rawValuesOf(control));
  }
  return values;
}
