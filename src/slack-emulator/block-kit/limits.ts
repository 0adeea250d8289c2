/**
 * Slack's limits, each where Slack states it. Text lengths are characters. Sources:
 * - blocks per surface: https://docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in
 *   each message, and 100 blocks in modals or Home tabs"); views: https://docs.slack.dev/reference/views/modal-views
 * - blocks: https://docs.slack.dev/reference/block-kit/blocks/{section,header,context,actions,input,image,video}-block
 * - elements: https://docs.slack.dev/reference/block-kit/block-elements/{button,checkboxes,radio-button-group,
 *   overflow-menu,select-menu,multi-select-menu,plain-text-input}-element
 * - option, confirm, text objects: https://docs.slack.dev/reference/block-kit/composition-objects
 * The same numbers are enforced by Slack's own SDKs (slackapi/python-slack-sdk
 * slack_sdk/models/blocks/blocks.py and block_elements.py).
 */
export const LIMITS = {
  blocks: { message: 50, modal: 100, home: 100 },
  /** block_id and action_id. */
  id: 255,
  section: { text: 3000, fields: 10, fieldText: 2000 },
  header: { text: 150 },
  context: { elements: 10 },
  actions: { elements: 25 },
  input: { label: 2000, hint: 2000 },
  image: { url: 3000, altText: 2000, title: 2000 },
  video: { title: 199, authorName: 49 },
  /** The largest text object anywhere (the text object reference). */
  text: 3000,
  button: { text: 75, value: 2000, url: 3000, accessibilityLabel: 75 },
  confirm: { title: 100, text: 300, confirm: 30, deny: 30 },
  option: { text: 75, value: 150, description: 75, url: 3000 },
  select: { options: 100, optionGroups: 100, placeholder: 150, groupLabel: 75 },
  /** Checkboxes and radio buttons. */
  choices: { options: 10 },
  overflow: { minOptions: 1, maxOptions: 5 },
  plainTextInput: { maxLength: 3000 },
  modal: { title: 24, submit: 24, close: 24, privateMetadata: 3000, callbackId: 255 },
} as const;
