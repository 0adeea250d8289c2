import type { Ephemeral, Message } from '../api-types.js';
import { el } from './dom.js';
import { tsToDate } from './format.js';
import { ephemeralItem, messageItem } from './message-item.js';
import type { Page } from './page.js';

type Entry = { at: number; node: () => HTMLElement };

/**
 * A conversation's messages oldest first, each with its thread's replies under it, and the replies
 * only this person sees placed at the time they came.
 */
export function conversationTimeline(channel: string, page: Page): HTMLElement {
  const messages = page.state.conversations[channel] ?? [];
  const ephemerals = page.state.ephemerals.filter((e) => e.channel === channel);
  const tops = messages.filter((m) => isTopLevel(m, messages));
  const entries: Entry[] = [
    ...tops.map((m) => ({
      at: tsToDate(m.ts).getTime(),
      node: () => withThread(m, messages, channel, page),
    })),
    ...ephemerals.map((e: Ephemeral) => ({
      at: new Date(e.at).getTime(),
      node: () => ephemeralItem(e, page),
    })),
  ];
  entries.sort((a, b) => a.at - b.at);
  if (entries.length === 0) {
    return el(
      'div',
      { class: 'timeline' },
      el('p', { class: 'timeline-empty' }, 'No messages yet. Write one below, or type / for a command.'),
    );
  }
  return el(
    'div',
    { class: 'timeline' },
    entries.map((e) => e.node()),
  );
}

/** A reply whose parent is not in the conversation is shown on its own. */
function isTopLevel(message: Message, all: Message[]): boolean {
  if (!message.threadTs || message.threadTs === message.ts) return true;
  return !all.some((m) => m.ts === message.threadTs);
}

function withThread(parent: Message, all: Message[], channel: string, page: Page): HTMLElement {
  const replies = all.filter((m) => m.threadTs === parent.ts && m.ts !== parent.ts);
  const item = messageItem(parent, channel, page, false);
  if (replies.length === 0) return item;
  const label = replies.length === 1 ? '1 reply' : `${replies.length} replies`;
  return el(
    'div',
    { class: 'thread-group' },
    item,
    el(
      'section',
      { class: 'thread', 'aria-label': `Thread: ${label}` },
      el('p', { class: 'thread-count' }, label),
      replies.map((reply) => messageItem(reply, channel, page, true)),
    ),
  );
}
