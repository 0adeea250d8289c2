/** A user mention as Slack sends it in a command's text: `<@U123>` or `<@U123|name>`, at the start. */
export const LEADING_MENTION = /^<@([UW][A-Z0-9]{2,})(?:\|([^>]*))?>/;
