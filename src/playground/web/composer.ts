import type { SlashCommand } from '../api-types.js';
import { commandBeingUsed, suggestCommands } from './command-hints.js';
import { el, replaceChildren } from './dom.js';
import { dmWithRapport, type Page } from './page.js';

export type ComposerParts = {
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  suggestions: HTMLUListElement;
  hint: HTMLElement;
  thread: HTMLElement;
};

/**
 * The message box. Text starting with "/" is a slash command, with the app's commands suggested as
 * they are typed and the chosen command's usage hint shown; anything else is a message (in the
 * thread being answered, if any). Enter sends, Shift+Enter starts a new line.
 */
export function createComposer(parts: ComposerParts, page: Page) {
  const { form, input, suggestions, hint } = parts;
  let offered: SlashCommand[] = [];
  let highlighted = 0;
  let answering: string | null = null;

  const showSuggestions = () => {
    offered = suggestCommands(input.value, page.state.commands);
    highlighted = Math.min(highlighted, Math.max(offered.length - 1, 0));
    suggestions.hidden = offered.length === 0;
    input.setAttribute('aria-expanded', String(offered.length > 0));
    replaceChildren(
      suggestions,
      offered.map((command, i) => {
        const item = el(
          'li',
          { role: 'option', class: 'suggestion', 'aria-selected': i === highlighted ? 'true' : 'false' },
          el('span', { class: 'suggestion-command' }, command.command),
          el('span', { class: 'suggestion-hint' }, command.usageHint),
          el('span', { class: 'suggestion-description' }, command.description),
        );
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(command);
        });
        return item;
      }),
    );
    const using = offered.length === 0 ? commandBeingUsed(input.value, page.state.commands) : undefined;
    hint.hidden = !using;
    replaceChildren(
      hint,
      using ? [el('strong', {}, using.command), ' ', using.usageHint || using.description] : [],
    );
  };

  const choose = (command: SlashCommand) => {
    input.value = `${command.command} `;
    input.focus();
    showSuggestions();
  };

  input.addEventListener('input', showSuggestions);
  input.addEventListener('keydown', (event) => {
    if (offered.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      highlighted = (highlighted + (event.key === 'ArrowDown' ? 1 : offered.length - 1)) % offered.length;
      showSuggestions();
      return;
    }
    const picked = offered[highlighted];
    if (picked && (event.key === 'Tab' || event.key === 'Enter')) {
      event.preventDefault();
      choose(picked);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  parts.thread.addEventListener('click', (event) => {
    if ((event.target as Element).closest('button')) page.replyInThread(null);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });

  async function send(): Promise<void> {
    const text = input.value.trim();
    const { place } = page;
    if (!text || place.kind !== 'conversation') return;
    const inDm = place.id === dmWithRapport(page.state.me);
    if (!text.startsWith('/') && inDm) {
      page.notify("Rapport's Messages tab is read-only: use a slash command here, such as /kudos mine.");
      return;
    }
    input.disabled = true;
    const result = text.startsWith('/')
      ? await page.send('command', { channel: place.id, text })
      : await page.send('message', {
          channel: place.id,
          text,
          ...(page.threadTs ? { threadTs: page.threadTs } : {}),
        });
    input.disabled = false;
    if (result.ok) {
      input.value = '';
      showSuggestions();
    }
    input.focus();
  }

  return {
    render(): void {
      const { place, state } = page;
      form.hidden = place.kind !== 'conversation';
      if (place.kind !== 'conversation') return;
      const channel = state.channels.find((c) => c.id === place.id);
      input.placeholder = channel
        ? `Message #${channel.name}, or type / for a command`
        : 'Type / for a command (Rapport’s Messages tab is read-only)';
      parts.thread.hidden = page.threadTs === null;
      if (page.threadTs !== answering && page.threadTs !== null) input.focus();
      answering = page.threadTs;
      replaceChildren(
        parts.thread,
        'Replying in a thread ',
        el('button', { type: 'button', class: 'link-button' }, 'Cancel'),
      );
    },
  };
}
