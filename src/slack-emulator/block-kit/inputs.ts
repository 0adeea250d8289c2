import { currentValue, type DrawnElement, identity, placeholderOf } from './drawn.js';
import { attribute, escapeHtml } from './escape.js';
import { renderRichText } from './rich-text.js';
import { type Json, list, num, obj, str } from './shape.js';
import { errorBox } from './text.js';

/** Pickers and typed inputs: the controls whose value is text, a date or a time. */

/** The reader's value for `field` if the modal has one, else the element's initial value. */
function valueOr(d: DrawnElement, field: string, initial: unknown): string | undefined {
  const state = currentValue(d);
  if (state && field in state) {
    const v = state[field];
    return v === null || v === undefined ? undefined : String(v);
  }
  return initial === undefined || initial === null ? undefined : String(initial);
}

/** `<input>` attributes shared by every typed control. */
const common = (d: DrawnElement, placeholder: string) =>
  `class="bk-input bk-${d.type}"${identity(d)}${attribute('placeholder', placeholder)}` +
  (d.element.focus_on_load === true ? ' autofocus' : '') +
  // Slack sends a block_actions for these only with dispatch_action; the page reads this to know.
  (obj(d.element.dispatch_action_config) ? ' data-bk-dispatch="true"' : '');

function textInput(d: DrawnElement, kind: 'text' | 'url' | 'email' | 'number'): string {
  const e = d.element;
  const value = valueOr(d, 'value', e.initial_value);
  const lengths =
    attribute('minlength', num(e.min_length)?.toString()) +
    attribute('maxlength', num(e.max_length)?.toString());
  const placeholder = placeholderOf(e, '');
  if (kind === 'text' && e.multiline === true) {
    return `<textarea ${common(d, placeholder)}${lengths} rows="4">${escapeHtml(value ?? '')}</textarea>`;
  }
  const numberAttributes =
    kind === 'number'
      ? attribute('min', str(e.min_value)) +
        attribute('max', str(e.max_value)) +
        (e.is_decimal_allowed === true ? ' step="any"' : ' step="1"')
      : '';
  return `<input type="${kind}" ${common(d, placeholder)}${lengths}${numberAttributes}${attribute('value', value)}>`;
}

/** Unix seconds as the `YYYY-MM-DDTHH:MM` a datetime-local control takes, in UTC. */
function localDateTime(seconds: string | undefined): string | undefined {
  const n = Number(seconds);
  return seconds === undefined || !Number.isFinite(n)
    ? undefined
    : new Date(n * 1000).toISOString().slice(0, 16);
}

function richTextInput(d: DrawnElement): string {
  const state = currentValue(d);
  const value = state ? state.rich_text_value : d.element.initial_value;
  const placeholder = placeholderOf(d.element, '');
  return (
    `<div class="bk-input bk-rich_text_input" contenteditable="true" role="textbox" aria-multiline="true"` +
    `${identity(d)}${attribute('data-placeholder', placeholder)}>${renderRichText(value, d.ctx)}</div>`
  );
}

function fileInput(d: DrawnElement): string {
  const types = list(d.element.filetypes).filter((t): t is string => typeof t === 'string');
  const accept = types.length > 0 ? types.map((t) => `.${t}`).join(',') : undefined;
  const max = num(d.element.max_files) ?? 10;
  return `<input type="file" class="bk-input bk-file_input"${identity(d)}${attribute('accept', accept)}${max > 1 ? ' multiple' : ''}>`;
}

export function renderInputElement(d: DrawnElement): string {
  const e: Json = d.element;
  switch (d.type) {
    case 'plain_text_input':
      return textInput(d, 'text');
    case 'url_text_input':
      return textInput(d, 'url');
    case 'email_text_input':
      return textInput(d, 'email');
    case 'number_input':
      return textInput(d, 'number');
    case 'datepicker':
      return `<input type="date" ${common(d, placeholderOf(e, 'Select a date'))}${attribute('value', valueOr(d, 'selected_date', e.initial_date))}>`;
    case 'timepicker':
      return `<input type="time" ${common(d, placeholderOf(e, 'Select time'))}${attribute('value', valueOr(d, 'selected_time', e.initial_time))}${attribute('data-bk-timezone', str(e.timezone))}>`;
    case 'datetimepicker':
      return `<input type="datetime-local" ${common(d, '')}${attribute('value', localDateTime(valueOr(d, 'selected_date_time', e.initial_date_time)))}>`;
    case 'rich_text_input':
      return richTextInput(d);
    case 'file_input':
      return fileInput(d);
    default:
      return errorBox(`${d.type}: not an element Slack knows`);
  }
}
