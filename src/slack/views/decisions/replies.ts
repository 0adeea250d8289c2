import type { DecisionRow } from '../../../db/repos/decisions.js';
import type { SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, message, plainMessage, section, truncate } from '../blocks.js';
import { decisionLine } from './message.js';

/** At most this many decisions in `/decisions`: well inside a message's 50 blocks. */
export const DECISIONS_SHOWN = 15;

/** `/decisions`: the channel's decisions, newest first, and how many more there are. */
export function decisionsList(channelId: string, rows: DecisionRow[], total: number): SlackMessage {
  if (rows.length === 0) {
    return plainMessage(
      'No decisions logged in this channel yet. On any message, open its menu (⋯) and pick *Log a decision*.',
    );
  }
  const more = total - rows.length;
  return message(`Decisions in <#${channelId}>`, [
    section(`*Decisions in <#${channelId}>*, newest first (${total} in all)`),
    ...rows.map(decisionLine),
    ...(more > 0 ? [context(`…and ${more} more, older (\`npm run export\` has them all).`)] : []),
  ]);
}

export const decisionsHelp = () =>
  plainMessage(
    [
      '*`/decisions`* lists the decisions logged in this channel, newest first.',
      'To log one: on any message (typically the end of a thread) open its menu (⋯) and pick *Log a decision*.',
    ].join('\n'),
  );

export const unknownDecisionsCommand = (text: string) =>
  plainMessage(
    `I don't know \`/decisions ${escapeMrkdwn(truncate(text, 40)).replace(/`/g, "'")}\`. Type \`/decisions\` for the list, or \`/decisions help\`.`,
  );

/** The bot is not in the channel: the decision is kept, but nobody else can see it yet. */
export const decisionNotPosted = (d: DecisionRow) =>
  plainMessage(
    `:warning: I logged decision #${d.id}, but I can't post in <#${d.channel_id}>. Invite @Rapport to this channel (\`/invite @Rapport\`) so decisions are posted there; \`/decisions\` lists this one meanwhile.`,
  );

export const STALE_DECISION_FORM =
  'This form is out of date and nothing was saved. Open it again from the message’s menu (⋯).';
