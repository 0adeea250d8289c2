import { context, listOf, message, quote, type SlackMessage, section } from '../blocks.js';

/** The public post in the channel when someone gives kudos by command. */
export function kudosAnnouncement(input: {
  giverId: string;
  recipientIds: readonly string[];
  reason: string;
  emoji: readonly string[];
}): SlackMessage {
  const recipients = listOf(input.recipientIds.map((id) => `<@${id}>`));
  const headline = `:tada: <@${input.giverId}> gave kudos to ${recipients}`;
  const how = input.emoji.length > 0 ? ` or react with :${input.emoji[0]}: to a message` : '';
  return message(`${headline}: ${input.reason}`, [
    section(`${headline}\n${quote(input.reason)}`),
    context(`Say thanks with \`/kudos @person what for\`${how}.`),
  ]);
}
