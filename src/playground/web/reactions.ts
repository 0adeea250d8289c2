import type { Message } from '../api-types.js';
import { el } from './dom.js';
import { emojiGlyph, PICKER_EMOJI } from './emoji.js';
import type { Page } from './page.js';
import { menuButton } from './popover.js';

/** A message's reactions with their counts; clicking one adds or takes back your own. */
export function reactionBar(message: Message, channel: string, page: Page): HTMLElement | null {
  if (message.reactions.length === 0) return null;
  const me = page.state.me;
  return el(
    'div',
    { class: 'reactions' },
    message.reactions.map((reaction) => {
      const mine = reaction.users.includes(me);
      const who = reaction.users.map((id) => nameOf(page, id)).join(', ');
      const button = el(
        'button',
        {
          type: 'button',
          class: mine ? 'reaction reaction-mine' : 'reaction',
          'aria-pressed': mine ? 'true' : 'false',
          'aria-label': `:${reaction.name}: ${reaction.users.length}`,
          title: `${who} reacted with :${reaction.name}:`,
        },
        el('span', { class: 'reaction-emoji' }, emojiGlyph(reaction.name)),
        el('span', { class: 'reaction-count' }, String(reaction.users.length)),
      );
      button.addEventListener('click', () => {
        void page.send('reaction', { channel, ts: message.ts, name: reaction.name, add: !mine });
      });
      return button;
    }),
    addReactionButton(message, channel, page),
  );
}

/** "Add reaction": the kudos emoji first, then a few everyday ones. */
export function addReactionButton(message: Message, channel: string, page: Page): HTMLButtonElement {
  return menuButton({ label: 'Add reaction', text: '☺+', class: 'tool add-reaction' }, () =>
    PICKER_EMOJI.map(({ name, kudos }) => ({
      label: kudos ? `:${name}: (kudos)` : `:${name}:`,
      text: emojiGlyph(name),
      choose: () => {
        const mine = message.reactions.find((r) => r.name === name)?.users.includes(page.state.me) ?? false;
        if (!mine) void page.send('reaction', { channel, ts: message.ts, name, add: true });
      },
    })),
  );
}

function nameOf(page: Page, id: string): string {
  if (id === page.state.me) return 'You';
  return page.state.people.find((p) => p.id === id)?.realName ?? id;
}
