import { context, listOf, message, quote, type SlackMessage, section } from '../blocks.js';

/**
 * The public post in the channel when someone gives kudos by command or by the "Give kudos" form
 * (then linked to the message they were given on). `dittoable`: it is posted as the bot's own
 * message, so a kudos emoji on it adds the reactor's kudos (not where it goes through a command's
 * response, which the bot never hears reactions to).
 */
export function kudosAnnouncement(input: {
  giverId: string;
  recipientIds: readonly string[];
  reason: string;
  emoji: readonly string[];
  messageLink?: string | null;
  dittoable: boolean;
}): SlackMessage {
  const recipients = listOf(input.recipientIds.map((id) => `<@${id}>`));
  const headline = `:tada: <@${input.giverId}> gave kudos to ${recipients}`;
  const link = input.messageLink ? `\nFor <${input.messageLink}|this message>.` : '';
  const first = input.emoji[0];
  const how =
    first && input.dittoable
      ? `React with :${first}: here to add your kudos, or say thanks with \`/kudos @person what for\`.`
      : `Say thanks with \`/kudos @person what for\`${first ? ` or react with :${first}: to a message` : ''}.`;
  return message(`${headline}: ${input.reason}`, [
    section(`${headline}\n${quote(input.reason)}${link}`),
    context(how),
  ]);
}
