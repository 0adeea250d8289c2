import type { KudosSummary } from '../../../kudos/summary.js';
import { RECENT_DAYS } from '../../../kudos/summary.js';
import type { SlackMessage } from '../blocks.js';
import { context, header, listOf, message, plainMessage, quote, section, truncate } from '../blocks.js';

export function kudosHelp(emoji: readonly string[]): SlackMessage {
  const reactions = emoji.map((e) => `:${e}:`).join(' ');
  return message('How to use /kudos', [
    header('Kudos'),
    section(
      [
        '`/kudos @person [@person …] what for`: thank people in this channel, for example `/kudos @ana @ben for running the launch review`.',
        `React with ${reactions || 'a kudos emoji'} to someone's message: a kudos from you to its author. Remove the reaction to take it back. On my announcement of someone's kudos, the same reaction adds yours ("ditto").`,
        "*Give kudos* in a message's menu (⋯): thank its author, with the message linked.",
        '`/kudos mine`: what you received and gave, last 30 days and all time (only you see it).',
        '`/kudos emoji [name …]`: show the kudos emoji, or (workspace admins) replace them, for example `/kudos emoji clap tada`.',
        '`/kudos budget [n|off]`: show the daily kudos budget per person, or (workspace admins) set it, for example `/kudos budget 5`.',
      ].join('\n'),
    ),
    context('Reasons can be up to 500 characters. Kudos go to people, not bots or yourself.'),
  ]);
}

export function kudosSummaryReply(summary: KudosSummary): SlackMessage {
  const lines = [
    `*Received:* ${summary.receivedRecent} in the last ${RECENT_DAYS} days, ${summary.receivedAll} in all.`,
    `*Given:* ${summary.givenRecent} in the last ${RECENT_DAYS} days, ${summary.givenAll} in all.`,
  ];
  const latest = summary.latestReceived.map((k) => {
    const what = k.reason ? `\n${quote(truncate(k.reason, 300))}` : ` (reacted :${k.emoji}: to your message)`;
    return `From <@${k.giver_id}> in <#${k.channel_id}>${what}`;
  });
  const blocks = [header('Your kudos'), section(lines.join('\n'))];
  if (latest.length > 0) blocks.push(section(`*Latest thanks to you*\n${latest.join('\n')}`));
  else blocks.push(context('No kudos yet. They come. Meanwhile, who could you thank today?'));
  return message(`Your kudos: received ${summary.receivedAll}, given ${summary.givenAll}.`, blocks);
}

export function kudosEmojiReply(emoji: readonly string[], changed: boolean): SlackMessage {
  const list = emoji.map((e) => `:${e}: \`${e}\``).join(', ');
  const text = changed
    ? `Kudos emoji for this workspace are now ${list}.`
    : `Kudos emoji for this workspace: ${list}. Workspace admins can change them with \`/kudos emoji name [name …]\`.`;
  return plainMessage(text);
}

export function kudosAlreadyRecorded(recipientIds: readonly string[]): SlackMessage {
  return plainMessage(
    `Those kudos for ${listOf(recipientIds.map((id) => `<@${id}>`))} were already recorded.`,
  );
}

export function announcementFailed(recipientIds: readonly string[]): SlackMessage {
  return plainMessage(
    `Your kudos for ${listOf(recipientIds.map((id) => `<@${id}>`))} are recorded, but I couldn't post them in this channel. Add me to the channel (\`/invite @Rapport\`) so everyone can see them next time.`,
  );
}
