import type { ContributorRow, CreditRow } from '../../../db/repos/credits.js';
import { context, escapeMrkdwn, message, quote, section, type SlackMessage, truncate } from '../blocks.js';
import { creditAnswerButtons } from './buttons.js';
import { deliverableText } from './message.js';

const headline = (credit: CreditRow) =>
  `:medal: <@${credit.given_by}> credited you in <#${credit.channel_id}> for ${deliverableText(credit)}`;

const yourPart = (c: ContributorRow) =>
  c.contribution ? `*Your part*\n${quote(escapeMrkdwn(c.contribution))}` : '_No part was described._';

const fallback = (credit: CreditRow) =>
  `<@${credit.given_by}> credited you for ${truncate(escapeMrkdwn(credit.deliverable), 150)}`;

/** The DM asking a contributor to confirm, correct or decline their credit. */
export function creditRequestDm(credit: CreditRow, c: ContributorRow): SlackMessage {
  return message(fallback(credit), [
    section(headline(credit)),
    section(yourPart(c)),
    context(
      'Until you confirm it, the channel shows it as unconfirmed. *Correct* puts your part in your own words; *Decline* if it was given to you by mistake, and it shows nowhere.',
    ),
    creditAnswerButtons(c.id),
  ]);
}

const ANSWERED = {
  confirmed: ':white_check_mark: You confirmed this credit.',
  corrected: ':pencil2: You put your part in your own words, and confirmed it.',
  declined: ':no_entry_sign: You declined this credit. It shows nowhere now.',
} as const;

/** The same DM once they answered: what they chose, without the buttons. */
export function creditAnsweredDm(credit: CreditRow, c: ContributorRow): SlackMessage {
  if (c.status === 'unconfirmed') return creditRequestDm(credit, c);
  const answer = c.status === 'declined' ? 'declined' : c.corrected ? 'corrected' : 'confirmed';
  return message(`${fallback(credit)}. ${ANSWERED[answer]}`, [
    section(headline(credit)),
    ...(c.status === 'declined' ? [] : [section(yourPart(c))]),
    context(ANSWERED[answer]),
  ]);
}
