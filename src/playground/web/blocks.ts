import type { Block, PlaygroundState, ViewValues } from '../api-types.js';
import { type RenderContext, renderBlocks, renderMrkdwn } from '../../slack-emulator/block-kit/index.js';
import { el, setBlockKitHtml } from './dom.js';

export type Surface = RenderContext['surface'];

/** Where the playground serves a file the bot uploaded (GET /playground/files/<id>). */
const FILES_PATH = '/playground/files/';

/**
 * What the block-kit module needs to draw for this person: names for the people and channels it
 * mentions, who user and channel selects offer, their time zone and the playground's "now".
 */
function contextFor(state: PlaygroundState, surface: Surface): RenderContext {
  const me = state.people.find((p) => p.id === state.me);
  return {
    surface,
    userName: (id) => displayName(state, id),
    channelName: (id) => state.channels.find((c) => c.id === id)?.name,
    fileUrl: (id) => `${FILES_PATH}${encodeURIComponent(id)}`,
    directory: { users: state.people.map((p) => p.id), channels: state.channels.map((c) => c.id) },
    ...(me ? { timeZone: me.tz } : {}),
    now: new Date(state.now),
    // The page shows one time format throughout, 24-hour, as a reader with that preference sees Slack.
    clock24: true,
  };
}

/**
 * Block Kit as the block-kit module draws it. A modal passes what has been typed so far (kept when
 * the app redraws the view) and the errors the app answered a submission with.
 */
export function drawBlocks(
  blocks: readonly Block[],
  surface: Surface,
  state: PlaygroundState,
  modal: { values?: ViewValues; errors?: Record<string, string> } = {},
): HTMLElement {
  const container = el('div', { class: `blocks blocks-${surface}` });
  const ctx = {
    ...contextFor(state, surface),
    ...(modal.values && { state: modal.values }),
    ...(modal.errors && { errors: modal.errors }),
  };
  setBlockKitHtml(container, renderBlocks([...blocks], ctx));
  labelInputs(container);
  return container;
}

let labels = 0;

/**
 * An input block's label names its control for screen readers (and for tests that find a field by
 * its label, as a person does), unless the control is named already.
 */
function labelInputs(container: HTMLElement): void {
  for (const block of container.querySelectorAll<HTMLElement>('.bk-block-input')) {
    const label = block.querySelector<HTMLElement>('.bk-label');
    const control = block.querySelector<HTMLElement>('[data-bk-type]');
    if (!label || !control || control.hasAttribute('aria-labelledby')) continue;
    label.id ||= `bk-label-${(labels += 1)}`;
    control.setAttribute('aria-labelledby', label.id);
  }
}

/** A message without blocks shows its text as Slack does, as mrkdwn. */
export function drawMessageText(text: string, state: PlaygroundState): HTMLElement {
  const container = el('div', { class: 'message-text bk-blocks' });
  setBlockKitHtml(container, renderMrkdwn(text, contextFor(state, 'message')));
  return container;
}

/** How Slack names a person: their display name, else their full name. */
export function displayName(state: PlaygroundState, id: string): string | undefined {
  if (id === state.botUserId) return 'Rapport';
  const person = state.people.find((p) => p.id === id);
  return person ? person.name || person.realName : undefined;
}
