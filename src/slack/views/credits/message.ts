import type { ContributorRow, CreditRow } from '../../../db/repos/credits.js';
import type { Block, SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, listOf, message, quote, section, slackTime, truncate } from '../blocks.js';

export const STATUS_LABEL = {
  confirmed: ':white_check_mark: confirmed',
  unconfirmed: ':hourglass_flowing_sand: unconfirmed',
} as const;

/** "*Q3 launch* · <link|open>": the deliverable, escaped, with its link when it has one. */
export const deliverableText = (c: Pick<CreditRow, 'deliverable' | 'link'>) =>
  `*${escapeMrkdwn(c.deliverable)}*${c.link ? ` · <${c.link}|open>` : ''}`;

/** One contributor's line: who, their part (in their own words once reworded), and their answer. */
export function contributorText(
  c: Pick<ContributorRow, 'contributor_id' | 'contribution' | 'corrected'> & {
    status: 'confirmed' | 'unconfirmed';
  },
): string {
  const words = c.contribution ? `\n${quote(escapeMrkdwn(c.contribution))}` : '';
  const own = c.corrected ? ' · in their own words' : '';
  return `<@${c.contributor_id}> · ${STATUS_LABEL[c.status]}${own}${words}`;
}

/** Contributors who have not declined, so a declined credit shows nowhere. */
export const standing = (contributors: readonly ContributorRow[]) =>
  contributors.flatMap((c) => (c.status === 'declined' ? [] : [{ ...c, status: c.status }]));

/**
 * The channel's one message for a credit, edited as people answer: each contributor with their
 * part and whether they confirmed it. When everyone declined, it says the credit was withdrawn.
 */
export function creditMessage(credit: CreditRow, contributors: readonly ContributorRow[]): SlackMessage {
  const shown = standing(contributors);
  if (shown.length === 0) {
    const text = `The credit for ${deliverableText({ deliverable: credit.deliverable, link: null })} was withdrawn.`;
    return message(text, [section(`:heavy_minus_sign: ${text}`)]);
  }
  const blocks: Block[] = [
    section(`:medal: Credit for ${deliverableText(credit)}`),
    ...shown.map((c) => section(contributorText(c))),
    context(
      `Given by <@${credit.given_by}> ${slackTime(credit.created_at)} · each person confirms or corrects their own part by DM`,
    ),
  ];
  const names = listOf(shown.map((c) => `<@${c.contributor_id}>`));
  return message(`Credit for ${truncate(escapeMrkdwn(credit.deliverable), 150)}: ${names}`, blocks);
}
