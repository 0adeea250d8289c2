import type { Ephemeral, Message, SharedFile } from '../api-types.js';
import { drawBlocks, drawMessageText } from './blocks.js';
import { el } from './dom.js';
import { formatMessageTime, tsToDate } from './format.js';
import type { ActionContainer, Page } from './page.js';
import { menuButton } from './popover.js';
import { addReactionButton, reactionBar } from './reactions.js';

/** One message as Slack draws it: author, time, Block Kit or text, files, reactions, and its tools. */
export function messageItem(message: Message, channel: string, page: Page, isReply: boolean): HTMLElement {
  const { state } = page;
  const fromBot = message.botId !== null || message.user === state.botUserId;
  const person = state.people.find((p) => p.id === message.user);
  const author = fromBot ? 'Rapport' : (person?.realName ?? message.user ?? 'someone');
  const container: ActionContainer = { type: 'message', channel, ts: message.ts };
  return el(
    'article',
    {
      class: isReply ? 'message message-reply' : 'message',
      'data-ts': message.ts,
      'data-container': JSON.stringify(container),
      'aria-label': `Message from ${author}`,
    },
    avatar(author, fromBot),
    el(
      'div',
      { class: 'message-main' },
      messageHeader(author, fromBot, timeLabel(tsToDate(message.ts), page)),
      body(message.blocks, message.text, page),
      message.edited ? el('span', { class: 'message-edited' }, '(edited)') : '',
      message.files.map(fileFigure),
      reactionBar(message, channel, page),
    ),
    tools(message, channel, page, isReply),
  );
}

/** A reply only this person sees (a command's answer), marked as Slack marks it. */
export function ephemeralItem(ephemeral: Ephemeral, page: Page): HTMLElement {
  const container: ActionContainer = { type: 'ephemeral', channel: ephemeral.channel, id: ephemeral.id };
  return el(
    'article',
    {
      class: 'message message-ephemeral',
      'data-container': JSON.stringify(container),
      'aria-label': 'Message only visible to you',
    },
    avatar(ephemeral.from === 'slackbot' ? 'Slackbot' : 'Rapport', true),
    el(
      'div',
      { class: 'message-main' },
      messageHeader(
        ephemeral.from === 'slackbot' ? 'Slackbot' : 'Rapport',
        ephemeral.from !== 'slackbot',
        timeLabel(new Date(ephemeral.at), page),
        el('span', { class: 'only-you' }, '👁 Only visible to you'),
      ),
      body(ephemeral.blocks, ephemeral.text, page),
    ),
  );
}

/** A message's author, an APP badge for an app's, its time and whatever else marks it. */
function messageHeader(author: string, fromBot: boolean, ...marks: HTMLElement[]): HTMLElement {
  return el(
    'header',
    { class: 'message-header' },
    el('span', { class: 'message-author' }, author),
    fromBot ? el('span', { class: 'badge badge-app' }, 'APP') : '',
    ...marks,
  );
}

function body(blocks: Message['blocks'], text: string, page: Page): HTMLElement | null {
  if (blocks && blocks.length > 0) return drawBlocks(blocks, 'message', page.state);
  if (text) return drawMessageText(text, page.state);
  return null;
}

function avatar(name: string, bot: boolean): HTMLElement {
  return el(
    'div',
    { class: bot ? 'avatar avatar-bot' : 'avatar', 'aria-hidden': 'true' },
    name.slice(0, 1).toUpperCase(),
  );
}

function timeLabel(date: Date, page: Page): HTMLElement {
  const now = new Date(page.state.now);
  return el(
    'time',
    { class: 'message-time', datetime: date.toISOString() },
    formatMessageTime(date, now, page.me?.tz),
  );
}

function fileFigure(file: SharedFile): HTMLElement {
  return el(
    'figure',
    { class: 'file' },
    el('img', { src: file.url, alt: file.altText ?? file.title, loading: 'lazy' }),
    el('figcaption', {}, file.title),
  );
}

/** Add a reaction, reply in thread, and "⋯" with the app's message shortcuts. */
function tools(message: Message, channel: string, page: Page, isReply: boolean): HTMLElement {
  const reply = el(
    'button',
    { type: 'button', class: 'tool', 'aria-label': 'Reply in thread', title: 'Reply in thread' },
    '↩',
  );
  reply.addEventListener('click', () => page.replyInThread(message.threadTs ?? message.ts));
  const more = menuButton({ label: 'More actions', text: '⋯', class: 'tool more-actions' }, () =>
    page.state.shortcuts
      .filter((s) => s.type === 'message')
      .map((shortcut) => ({
        label: shortcut.name,
        text: shortcut.name,
        choose: () =>
          void page.send('shortcut', { channel, ts: message.ts, callbackId: shortcut.callbackId }),
      })),
  );
  return el(
    'div',
    { class: 'message-tools' },
    addReactionButton(message, channel, page),
    isReply ? '' : reply,
    more,
  );
}
