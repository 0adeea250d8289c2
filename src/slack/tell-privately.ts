import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from './views/blocks.js';

export type PrivateSlack = { chat: Pick<WebClient['chat'], 'postEphemeral' | 'postMessage'> };

/**
 * Tells one person something, only them: in the channel where they acted, or by DM where the bot
 * cannot post even an ephemeral message there (a private channel it was never invited to).
 */
export async function tellPrivately(
  slack: PrivateSlack,
  to: { channelId: string; userId: string },
  reply: SlackMessage,
): Promise<void> {
  try {
    await slack.chat.postEphemeral({ channel: to.channelId, user: to.userId, ...reply });
  } catch {
    await slack.chat.postMessage({ channel: to.userId, ...reply });
  }
}
