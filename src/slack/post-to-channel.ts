import type { RespondFn, webApi } from '@slack/bolt';
import { CANNOT_POST_HERE, slackErrorCode } from './errors.js';
import type { SlackMessage } from './views/blocks.js';

/**
 * Posts a message in a channel as the bot. Where the bot is not a member (a private channel, a DM),
 * it answers through the command's response_url instead, which Slack allows wherever the command
 * was typed (as `respondedInstead`, when given); if even that fails, the person who asked gets
 * `ifImpossible` privately.
 */
export async function postToChannel(
  slack: { client: webApi.WebClient; respond: RespondFn },
  channel: string,
  posted: SlackMessage,
  ifImpossible: SlackMessage,
  respondedInstead: SlackMessage = posted,
): Promise<{ ts?: string }> {
  try {
    const result = await slack.client.chat.postMessage({ channel, ...posted, unfurl_links: false });
    return { ts: result.ts };
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code || !CANNOT_POST_HERE.has(code)) throw error;
  }
  try {
    await slack.respond({ response_type: 'in_channel', ...respondedInstead });
  } catch {
    await slack.respond({ response_type: 'ephemeral', ...ifImpossible });
  }
  return {};
}
