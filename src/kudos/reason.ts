/**
 * Slack sends command text with mentions, links and &, <, > escaped. These helpers measure a reason
 * as its reader will see it, and make it safe to post again in a channel.
 */

export const MAX_REASON_LENGTH = 500;

/** The text as people read it: mentions and links by their labels, entities decoded. */
export function readableText(slackText: string): string {
  return slackText
    .replace(/<@([UW][A-Z0-9]+)\|([^>]*)>/g, '@$2')
    .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
    .replace(/<#(C[A-Z0-9]+)\|([^>]*)>/g, '#$2')
    .replace(/<!subteam\^[A-Z0-9]+\|([^>]*)>/g, '$1')
    .replace(/<!(channel|here|everyone)(\|[^>]*)?>/g, '@$1')
    .replace(/<([^>|]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function readableLength(slackText: string): number {
  return [...readableText(slackText)].length;
}

/**
 * The reason as it is kept and reposted: control characters removed, and @channel, @here,
 * @everyone and user-group mentions turned into plain words, so quoting a reason never pings a crowd.
 */
export function sanitizeReason(slackText: string): string {
  return (
    slackText
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/<!(channel|here|everyone)(\|[^>]*)?>/g, '@$1')
      .replace(
        /<!subteam\^[A-Z0-9]+(\|([^>]*))?>/g,
        (_m, _label, name: string | undefined) => name ?? '@group',
      )
      .replace(/\r\n?/g, '\n')
      .trim()
  );
}
