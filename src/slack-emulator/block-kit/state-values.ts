import { isObject, type Json } from './shape.js';

/**
 * How Slack reports what a person chose, in `view.state.values[block_id][action_id]` and in a
 * block_actions action (its "Block actions payloads" and "View state" references, and Bolt's
 * types in @slack/bolt src/types/actions/block-action.ts). The page reads a control's raw value(s)
 * and this gives the shape Slack would send, so the app reads the playground as it reads Slack.
 *
 * `raw` is what the control holds: strings for text, dates, times and ids; for options, the
 * option objects as drawn in `data-bk-option`.
 */
export type RawValue = string | Json;

const text = (raw: readonly RawValue[]) => {
  const first = raw[0];
  return typeof first === 'string' && first !== '' ? first : null;
};
const strings = (raw: readonly RawValue[]) =>
  raw.filter((r): r is string => typeof r === 'string' && r !== '');
const options = (raw: readonly RawValue[]) => raw.filter(isObject);

/** The field Slack puts the value in, for each element type, and how it reads the raw value(s). */
const FIELDS: Record<string, [field: string, read: (raw: readonly RawValue[]) => unknown]> = {
  plain_text_input: ['value', text],
  url_text_input: ['value', text],
  email_text_input: ['value', text],
  number_input: ['value', text],
  static_select: ['selected_option', (raw) => options(raw)[0] ?? null],
  external_select: ['selected_option', (raw) => options(raw)[0] ?? null],
  radio_buttons: ['selected_option', (raw) => options(raw)[0] ?? null],
  overflow: ['selected_option', (raw) => options(raw)[0] ?? null],
  multi_static_select: ['selected_options', options],
  multi_external_select: ['selected_options', options],
  checkboxes: ['selected_options', options],
  users_select: ['selected_user', text],
  multi_users_select: ['selected_users', strings],
  conversations_select: ['selected_conversation', text],
  multi_conversations_select: ['selected_conversations', strings],
  channels_select: ['selected_channel', text],
  multi_channels_select: ['selected_channels', strings],
  datepicker: ['selected_date', text],
  timepicker: ['selected_time', text],
  datetimepicker: [
    'selected_date_time',
    (raw) => {
      const value = text(raw);
      const seconds = value === null ? NaN : Math.floor(Date.parse(`${value}Z`) / 1000);
      return Number.isFinite(seconds) ? seconds : null;
    },
  ],
  rich_text_input: [
    'rich_text_value',
    (raw) => ({
      type: 'rich_text',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: text(raw) ?? '' }] }],
    }),
  ],
};

/** The types this module knows a state value for. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set(Object.keys(FIELDS));

/**
 * Slack's state value for an element: `{ type: 'plain_text_input', value }`,
 * `{ type: 'static_select', selected_option }`, `{ type: 'checkboxes', selected_options }`,
 * `{ type: 'users_select', selected_user }` and so on. An empty text is `null`, as Slack sends it.
 * A button has no value; asking for one is a mistake in the caller, so it throws.
 */
export function stateValueOf(type: string, raw: readonly RawValue[]): Json {
  const entry = FIELDS[type];
  if (!entry) throw new Error(`${type} has no value in view.state`);
  const [field, read] = entry;
  return { type, [field]: read(raw) };
}

/**
 * A block_actions `actions[0]` for a select, picker or overflow: the base the element carries in
 * `data-bk-action` with what was chosen added (a button's base is already complete).
 */
export function actionWithValue(base: Json & { type: string }, raw: readonly RawValue[]): Json {
  return { ...base, ...stateValueOf(base.type, raw) };
}
