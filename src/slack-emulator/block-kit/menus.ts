import { currentValue, type DrawnElement, identity, placeholderOf } from './drawn.js';
import { attribute, escapeHtml, jsonAttribute, safeUrl } from './escape.js';
import { type Json, list, num, obj, objects, str } from './shape.js';
import { errorBox, plainTextOf, renderTextObject } from './text.js';

/** Select menus, overflow menus, radio buttons and checkboxes: everything chosen from options. */

const valueOf = (option: Json) => str(option.value) ?? '';

/** Which option values are chosen: the reader's, or else the element's initial ones. */
function chosenValues(d: DrawnElement): Set<string> {
  const state = currentValue(d);
  const fromState = state ? [obj(state.selected_option), ...objects(state.selected_options)] : undefined;
  const initial = [obj(d.element.initial_option), ...objects(d.element.initial_options)];
  return new Set((fromState ?? initial).filter((o): o is Json => o !== undefined).map(valueOf));
}

/** Which ids are chosen in a user, conversation or channel select. */
function chosenIds(d: DrawnElement): string[] {
  const state = currentValue(d);
  const e = d.element;
  const pick = (...values: unknown[]) =>
    values
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .filter((v): v is string => typeof v === 'string' && v !== '');
  if (state) {
    return pick(
      state.selected_user,
      state.selected_users,
      state.selected_conversation,
      state.selected_conversations,
      state.selected_channel,
      state.selected_channels,
    );
  }
  return pick(
    e.initial_user,
    e.initial_users,
    e.initial_conversation,
    e.initial_conversations,
    e.initial_channel,
    e.initial_channels,
  );
}

const optionTag = (option: Json, chosen: Set<string>) =>
  `<option value="${escapeHtml(valueOf(option))}"${jsonAttribute('data-bk-option', option)}${
    chosen.has(valueOf(option)) ? ' selected' : ''
  }>${escapeHtml(plainTextOf(option.text))}</option>`;

/** A static or external select's options, in their groups when it has option_groups. */
function staticOptions(d: DrawnElement): string {
  const chosen = chosenValues(d);
  const groups = objects(d.element.option_groups);
  if (groups.length > 0) {
    return groups
      .map(
        (g) =>
          `<optgroup label="${escapeHtml(plainTextOf(g.label))}">${objects(g.options)
            .map((o) => optionTag(o, chosen))
            .join('')}</optgroup>`,
      )
      .join('');
  }
  const options = objects(d.element.options);
  // An external select has only its initial options until the app is asked for more.
  const shown = d.type.includes('external')
    ? [obj(d.element.initial_option), ...objects(d.element.initial_options)]
    : options;
  return shown
    .filter((o): o is Json => o !== undefined)
    .map((o) => optionTag(o, chosen))
    .join('');
}

/** People, conversations or channels: the playground's directory, and whatever is already chosen. */
function directoryOptions(d: DrawnElement, source: 'users' | 'conversations' | 'channels'): string {
  const { ctx } = d;
  const chosen = chosenIds(d);
  const users = source === 'channels' ? [] : [...(ctx.directory?.users ?? [])];
  const channels = source === 'users' ? [] : [...(ctx.directory?.channels ?? [])];
  const isUser = (id: string) => /^[UW]/.test(id);
  for (const id of chosen) {
    if (!users.includes(id) && !channels.includes(id))
      (isUser(id) && source !== 'channels' ? users : channels).push(id);
  }
  const tag = (id: string, shown: string) =>
    `<option value="${escapeHtml(id)}"${chosen.includes(id) ? ' selected' : ''}>${escapeHtml(shown)}</option>`;
  return [
    ...users.map((id) => tag(id, ctx.userName(id) ?? id)),
    ...channels.map((id) => tag(id, `#${ctx.channelName(id) ?? id}`)),
  ].join('');
}

const SOURCES: Record<string, 'users' | 'conversations' | 'channels' | 'static' | 'external'> = {
  static: 'static',
  external: 'external',
  users: 'users',
  conversations: 'conversations',
  channels: 'channels',
};

export function renderSelect(d: DrawnElement): string {
  const e = d.element;
  const multiple = d.type.startsWith('multi_');
  const source = SOURCES[d.type.replace(/^multi_/, '').replace(/_select$/, '')] ?? 'static';
  if (source === 'static' && list(e.options).length === 0 && list(e.option_groups).length === 0) {
    return errorBox(`${d.type}: needs options or option_groups`);
  }
  const placeholder = placeholderOf(e, multiple ? 'Select items' : 'Select an item');
  const options =
    source === 'static' || source === 'external' ? staticOptions(d) : directoryOptions(d, source);
  const nothingChosen = !/ selected>/.test(options);
  const prompt = multiple
    ? ''
    : `<option value="" disabled${nothingChosen ? ' selected' : ''}>${escapeHtml(placeholder)}</option>`;
  return (
    `<select class="bk-select"${multiple ? ' multiple' : ''}${identity(d)}` +
    attribute('data-bk-source', source) +
    attribute('data-bk-max-selected', num(e.max_selected_items)?.toString()) +
    attribute('aria-label', placeholder) +
    `>${prompt}${options}</select>`
  );
}

export function renderOverflow(d: DrawnElement): string {
  const options = objects(d.element.options);
  if (options.length === 0) return errorBox('overflow: needs options');
  const items = options.map((o) => {
    const text = escapeHtml(plainTextOf(o.text));
    const href = safeUrl(str(o.url));
    return href
      ? `<a class="bk-overflow-option"${jsonAttribute('data-bk-option', o)} href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${text}</a>`
      : `<button type="button" class="bk-overflow-option"${jsonAttribute('data-bk-option', o)}>${text}</button>`;
  });
  return `<details class="bk-overflow"${identity(d)}><summary class="bk-overflow-button" aria-label="More options">⋯</summary><div class="bk-overflow-menu">${items.join('')}</div></details>`;
}

/** Radio buttons and checkboxes; their option texts may be mrkdwn. */
export function renderChoices(d: DrawnElement): string {
  const options = objects(d.element.options);
  if (options.length === 0) return errorBox(`${d.type}: needs options`);
  const chosen = chosenValues(d);
  const kind = d.type === 'radio_buttons' ? 'radio' : 'checkbox';
  const name = `${d.blockId}.${d.actionId}`;
  const items = options.map((o) => {
    const text = renderTextObject(o.text, d.ctx) ?? '';
    const description = renderTextObject(o.description, d.ctx);
    return (
      `<label class="bk-choice"><input type="${kind}" name="${escapeHtml(name)}" value="${escapeHtml(valueOf(o))}"` +
      `${jsonAttribute('data-bk-option', o)}${chosen.has(valueOf(o)) ? ' checked' : ''}>` +
      `<span class="bk-choice-text">${text}${description ? `<span class="bk-choice-description">${description}</span>` : ''}</span></label>`
    );
  });
  return `<div class="bk-choices bk-${kind}-group" role="${kind === 'radio' ? 'radiogroup' : 'group'}"${identity(d)}>${items.join('')}</div>`;
}
