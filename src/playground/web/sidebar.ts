import type { Channel } from '../api-types.js';
import { el, replaceChildren } from './dom.js';
import { dmWithRapport, groupDmName, type Page, type Place } from './page.js';

/**
 * Channels the person is in (private ones locked, the shared Slack Connect channel marked), the
 * group DMs they are in under Direct messages (named by the other members, as Slack names them),
 * and Rapport under Apps with its Home tab and its Messages (the DM).
 */
export function createSidebar(nav: HTMLElement, page: Page) {
  let drawn = '';
  return {
    render(): void {
      const { state, place } = page;
      const key = JSON.stringify([state.me, state.channels, state.groupDms, state.people, place]);
      if (key === drawn) return;
      drawn = key;
      const dm: Place = { kind: 'conversation', id: dmWithRapport(state.me) };
      replaceChildren(
        nav,
        el('h2', { class: 'sidebar-heading' }, 'Channels'),
        state.channels.length === 0
          ? el('p', { class: 'sidebar-empty' }, 'Not in any channel')
          : el(
              'ul',
              { class: 'sidebar-list' },
              state.channels.map((channel) =>
                el('li', {}, link(page, { kind: 'conversation', id: channel.id }, channelLabel(channel))),
              ),
            ),
        state.groupDms.length === 0 ? '' : el('h2', { class: 'sidebar-heading' }, 'Direct messages'),
        state.groupDms.length === 0
          ? ''
          : el(
              'ul',
              { class: 'sidebar-list' },
              state.groupDms.map((dm) =>
                el(
                  'li',
                  {},
                  link(page, { kind: 'conversation', id: dm.id }, [
                    el(
                      'span',
                      { class: 'channel-sigil', 'aria-hidden': 'true' },
                      String(dm.members.length - 1),
                    ),
                    el('span', { class: 'channel-name' }, groupDmName(state, dm)),
                  ]),
                ),
              ),
            ),
        el('h2', { class: 'sidebar-heading' }, 'Apps'),
        el(
          'ul',
          { class: 'sidebar-list' },
          el(
            'li',
            {},
            link(page, { kind: 'home' }, [el('span', { class: 'app-icon' }, 'R'), 'Rapport · Home']),
          ),
          el('li', {}, link(page, dm, [el('span', { class: 'app-icon' }, 'R'), 'Rapport · Messages'])),
        ),
      );
    },
  };
}

function channelLabel(channel: Channel): (Node | string)[] {
  return [
    el('span', { class: 'channel-sigil', 'aria-hidden': 'true' }, channel.isPrivate ? '🔒' : '#'),
    el('span', { class: 'channel-name' }, channel.name),
    channel.isPrivate ? el('span', { class: 'visually-hidden' }, ' (private)') : '',
    channel.isShared
      ? el(
          'span',
          { class: 'badge badge-shared', title: 'Slack Connect: shared with another organisation' },
          'Slack Connect',
        )
      : '',
  ];
}

function samePlace(a: Place, b: Place): boolean {
  return a.kind === b.kind && (a.kind === 'home' || (b.kind === 'conversation' && a.id === b.id));
}

function link(page: Page, place: Place, label: (Node | string)[]): HTMLButtonElement {
  const current = samePlace(page.place, place);
  const button = el(
    'button',
    { type: 'button', class: 'sidebar-link', 'aria-current': current ? 'page' : null },
    label,
  );
  button.addEventListener('click', () => page.open(place));
  return button;
}
