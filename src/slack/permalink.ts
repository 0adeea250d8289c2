import type { webApi } from '@slack/bolt';

/** How long a listener waits for a message's link before going on without it. */
const PERMALINK_TIMEOUT_MS = 1_000;

/**
 * The link to a message (chat.getPermalink), read at the edge when a form is submitted so the
 * message that cites it can be queued with it; null when Slack does not answer in time or refuses
 * (the message was deleted, or the bot cannot see the channel): the message citing it goes without.
 */
export async function permalinkOf(
  client: Pick<webApi.WebClient, 'chat'>,
  channel: string,
  messageTs: string,
): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), PERMALINK_TIMEOUT_MS);
  });
  const found = client.chat
    .getPermalink({ channel, message_ts: messageTs })
    .then((r) => r.permalink ?? null)
    .catch(() => null);
  try {
    return await Promise.race([found, late]);
  } finally {
    clearTimeout(timer);
  }
}
