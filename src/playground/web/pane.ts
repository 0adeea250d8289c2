import { conversationTimeline } from './conversation-view.js';
import { el, replaceChildren } from './dom.js';
import { homeTab } from './home-tab.js';
import { dmWithRapport, groupDmById, groupDmName, type Page } from './page.js';

/** How close to the bottom (px) still counts as reading the newest messages. */
const NEAR_BOTTOM_PX = 80;

/**
 * The main pane: the open conversation's name and timeline, or the Home tab. It is redrawn only when
 * what it shows changed, so an open menu or a selection survives the page's polling.
 */
export function createPane(parts: { title: HTMLElement; body: HTMLElement }, page: Page) {
  const { body } = parts;
  let drawn = '';
  let drawnPlace = '';
  // Reading the newest messages: stay at the bottom as messages arrive and images load.
  let pinned = true;
  const pin = () => {
    if (pinned && page.place.kind === 'conversation') body.scrollTop = body.scrollHeight;
  };
  body.addEventListener('scroll', () => {
    pinned = body.scrollHeight - body.scrollTop - body.clientHeight < NEAR_BOTTOM_PX;
  });
  body.addEventListener('load', pin, true);
  return {
    render(): void {
      const { state, place } = page;
      const placeKey = JSON.stringify([state.me, place]);
      const shown =
        place.kind === 'home'
          ? [state.home]
          : [state.conversations[place.id], state.ephemerals.filter((e) => e.channel === place.id)];
      const key = JSON.stringify([
        placeKey,
        shown,
        state.people,
        state.channels,
        state.groupDms,
        state.shortcuts,
        state.now.slice(0, 10),
      ]);
      if (key === drawn) return;
      drawn = key;
      const moved = placeKey !== drawnPlace;
      drawnPlace = placeKey;
      replaceChildren(parts.title, title(page));
      replaceChildren(body, place.kind === 'home' ? homeTab(page) : conversationTimeline(place.id, page));
      if (moved) {
        pinned = true;
        body.scrollTop = 0;
      }
      pin();
    },
  };
}
function title(page: Page): (Node | string)[] {
  const { place, state } = page;
  if (place.kind === 'home') return [el('h1', {}, 'Rapport'), el('span', { class: 'pane-tab' }, 'Home')];
  if (place.id === dmWithRapport(state.me)) {
    return [
      el('h1', {}, 'Rapport'),
      el('span', { class: 'badge badge-app' }, 'APP'),
      el('span', { class: 'pane-tab' }, 'Messages'),
    ];
  }
  const group = groupDmById(state, place.id);
  if (group) {
    return [
      el('h1', {}, groupDmName(state, group)),
      el('span', { class: 'pane-members' }, `${group.members.length} members`),
    ];
  }
  const channel = state.channels.find((c) => c.id === place.id);
  if (!channel) return [el('h1', {}, place.id)];
  return [
    el('h1', {}, `${channel.isPrivate ? '🔒 ' : '# '}${channel.name}`),
    channel.isPrivate ? el('span', { class: 'badge' }, 'Private') : '',
    channel.isShared ? el('span', { class: 'badge badge-shared' }, 'Slack Connect') : '',
    el('span', { class: 'pane-members' }, `${channel.members.length} members`),
  ];
}
