import type { Person, SlashCommand } from '../api-types.js';
import { commandBeingUsed, suggestCommands } from './command-hints.js';
import { el, replaceChildren } from './dom.js';
import { insertMention, mentionBeingTyped, suggestPeople } from './mention-hints.js';
import { dmWithRapport, groupDmById, groupDmName, type Page } from './page.js';

export type ComposerParts = {
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  suggestions: HTMLUListElement;
  hint: HTMLElement;
  thread: HTMLElement;
};

/** A line of the list over the box: what it shows, and what choosing it puts in the box. */
type Suggestion = { parts: HTMLElement[]; insert(): void };

/**
 * The message box. Text starting with "/" is a slash command, with the app's commands suggested as
 * they are typed and the chosen command's usage hint shown, and the channel's people offered after
 * an "@"; anything else is a message (in the
 * thread being answered, if any). Enter sends, Shift+Enter starts a new line.
 */
export function createComposer(parts: ComposerParts, page: Page) {
  const { form, input, suggestions, hint } = parts;
  let offered: Suggestion[] = [];
  let highlighted = 0;
  let answering: string | null = null;

  /** Slash commands while a command's name is typed, else people while an @-mention is. */
  const suggestionsFor = (): { label: string; items: Suggestion[] } => {
    const commands = suggestCommands(input.value, page.state.commands);
    if (commands.length > 0) {
      return { label: 'Slash commands', items: commands.map((command) => commandSuggestion(command)) };
    }
    const mention = mentionBeingTyped(input.value, input.selectionStart ?? input.value.length);
    if (!mention) return { label: 'Slash commands', items: [] };
    const people = suggestPeople(mention.typed, mentionable(page));
    return {
      label: 'People',
      items: people.map((person) => ({
        parts: [
          el('span', { class: 'suggestion-command' }, `@${person.name}`),
          el('span', { class: 'suggestion-hint' }, person.realName),
          el('span', { class: 'suggestion-description' }, person.title),
        ],
        insert: () => {
          const next = insertMention(input.value, mention, person);
          input.value = next.text;
          input.setSelectionRange(next.caret, next.caret);
        },
      })),
    };
  };

  const commandSuggestion = (command: SlashCommand): Suggestion => ({
    parts: [
      el('span', { class: 'suggestion-command' }, command.command),
      el('span', { class: 'suggestion-hint' }, command.usageHint),
      el('span', { class: 'suggestion-description' }, command.description),
    ],
    insert: () => {
      input.value = `${command.command} `;
    },
  });

  const showSuggestions = () => {
    const { label, items } = suggestionsFor();
    offered = items;
    highlighted = Math.min(highlighted, Math.max(offered.length - 1, 0));
    suggestions.hidden = offered.length === 0;
    suggestions.setAttribute('aria-label', label);
    input.setAttribute('aria-expanded', String(offered.length > 0));
    replaceChildren(
      suggestions,
      offered.map((suggestion, i) => {
        const item = el(
          'li',
          { role: 'option', class: 'suggestion', 'aria-selected': i === highlighted ? 'true' : 'false' },
          suggestion.parts,
        );
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(suggestion);
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

  const choose = (suggestion: Suggestion) => {
    suggestion.insert();
    input.focus();
    highlighted = 0;
    showSuggestions();
  };

  input.addEventListener('input', showSuggestions);
  input.addEventListener('blur', () => {
    suggestions.hidden = true;
    offered = [];
  });
  input.addEventListener('keydown', (event) => {
    if (offered.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      highlighted = (highlighted + (event.key === 'ArrowDown' ? 1 : offered.length - 1)) % offered.length;
      showSuggestions();
      return;
    }
    if (offered.length > 0 && event.key === 'Escape') {
      suggestions.hidden = true;
      offered = [];
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
    /** Puts `text` in the box, ready to finish and send. */
    fill(text: string): void {
      input.value = text;
      input.focus();
      input.setSelectionRange(text.length, text.length);
      showSuggestions();
    },
    render(): void {
      const { place, state } = page;
      form.hidden = place.kind !== 'conversation';
      if (place.kind !== 'conversation') return;
      const channel = state.channels.find((c) => c.id === place.id);
      const group = groupDmById(state, place.id);
      input.placeholder = channel
        ? `Message #${channel.name}, or type / for a command`
        : group
          ? `Message ${groupDmName(state, group)}`
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

/**
 * Who can be mentioned here: the open channel's or group DM's members, else everyone in the
 * person's workspace.
 */
function mentionable(page: Page): Person[] {
  const { place, state } = page;
  const id = place.kind === 'conversation' ? place.id : '';
  const members = (state.channels.find((c) => c.id === id) ?? groupDmById(state, id))?.members;
  const me = state.people.find((p) => p.id === state.me);
  return state.people.filter((p) => (members ? members.includes(p.id) : p.teamId === me?.teamId));
}
