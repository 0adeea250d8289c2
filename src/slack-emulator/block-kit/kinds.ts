import type { Surface } from './context.js';

/**
 * Which blocks and elements exist, where each may go, and on which surfaces. The element lists
 * are the unions of Slack's own types package (@slack/types 3.2, block-kit/blocks.d.ts:
 * ActionsBlockElement, SectionBlockAccessory, InputBlockElement, ContextBlockElement); the
 * surfaces are those of Slack's block elements reference ("Available in surfaces",
 * https://api.slack.com/reference/block-kit/block-elements).
 */

const ALL: readonly Surface[] = ['message', 'modal', 'home'];

/** Blocks Slack accepts, with the surfaces it accepts them on (its blocks reference). */
export const BLOCK_SURFACES: Readonly<Record<string, readonly Surface[]>> = {
  actions: ALL,
  context: ALL,
  divider: ALL,
  header: ALL,
  image: ALL,
  input: ALL,
  rich_text: ALL,
  section: ALL,
  video: ALL,
  file: ['message'],
  markdown: ['message'],
};

export const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
export const MULTI_SELECTS = SELECTS.map((t) => `multi_${t}`);

/** Elements Slack accepts, with their surfaces. */
export const ELEMENT_SURFACES: Readonly<Record<string, readonly Surface[]>> = {
  button: ALL,
  checkboxes: ALL,
  datepicker: ALL,
  datetimepicker: ['message', 'modal'],
  email_text_input: ['modal'],
  file_input: ['modal'],
  image: ALL,
  ...Object.fromEntries([...SELECTS, ...MULTI_SELECTS].map((t) => [t, ALL])),
  number_input: ['modal'],
  overflow: ALL,
  plain_text_input: ALL,
  radio_buttons: ALL,
  rich_text_input: ['modal', 'home'],
  timepicker: ALL,
  url_text_input: ['modal'],
  workflow_button: ['message'],
};

const INTERACTIVE_CHOICES = [
  'checkboxes',
  'datepicker',
  ...SELECTS,
  ...MULTI_SELECTS,
  'radio_buttons',
  'timepicker',
];

/** What each container block holds. */
export const ALLOWED_IN = {
  actions: new Set([
    'button',
    ...INTERACTIVE_CHOICES,
    'datetimepicker',
    'overflow',
    'workflow_button',
    'rich_text_input',
  ]),
  accessory: new Set(['button', ...INTERACTIVE_CHOICES, 'image', 'overflow', 'workflow_button']),
  input: new Set([
    ...INTERACTIVE_CHOICES,
    'datetimepicker',
    'email_text_input',
    'file_input',
    'number_input',
    'plain_text_input',
    'rich_text_input',
    'url_text_input',
  ]),
  context: new Set(['image', 'plain_text', 'mrkdwn']),
} as const;

export type Container = keyof typeof ALLOWED_IN;

/** Names for messages: "not allowed in an actions block", "a message allows 50". */
export const CONTAINER_NAMES: Record<Container, string> = {
  actions: 'an actions block',
  accessory: 'a section accessory',
  input: 'an input block',
  context: 'a context block',
};
export const SURFACE_NAMES: Record<Surface, string> = {
  message: 'a message',
  modal: 'a modal',
  home: 'a Home tab',
};

/** Elements whose value a modal submits in `view.state.values` (everything that can sit in an input). */
export const INPUT_ELEMENTS: ReadonlySet<string> = ALLOWED_IN.input;
