import { DateTime } from 'luxon';
import type { types } from '@slack/bolt';

/** Slack's documented limits, enforced here once so no builder can produce a message Slack rejects. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  messageText: 4000,
} as const;

export type Block = types.KnownBlock;
export type SlackMessage = { text: string; blocks: Block[] };

/** Cuts text to at most `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Escapes text from people or Slack's APIs so mrkdwn shows it literally. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Quotes text line by line in mrkdwn. */
export function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

export const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
});

export const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true },
});

export const context = (...texts: string[]): Block => ({
  type: 'context',
  elements: texts
    .slice(0, LIMITS.contextElements)
    .map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.contextText) })),
});

/** A message for chat.postMessage or a command response, checked against Slack's limits. */
export function message(text: string, blocks: Block[]): SlackMessage {
  if (blocks.length > LIMITS.blocksPerMessage) {
    throw new Error(`a message can hold ${LIMITS.blocksPerMessage} blocks, this one has ${blocks.length}`);
  }
  return { text: truncate(text, LIMITS.messageText), blocks };
}

/** A one-section message: the text, as a block and as its fallback. */
export function plainMessage(text: string): SlackMessage {
  return message(text, [section(text)]);
}

/** A time Slack shows in each reader's own zone; the fallback is UTC. */
export function slackTime(at: Date): string {
  const unix = Math.floor(at.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} at {time}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

/** "09:41": a time of day in a person's zone, 24-hour, as ritual times are written. */
export function clockTime(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  return (local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' })).toFormat('HH:mm');
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
