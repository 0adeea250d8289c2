import { REVIEW_CADENCE_LABELS } from '../../../charter/charter-review.js';
import type { CharterReview } from '../../../charter/charter-views.js';
import { CHARTER } from '../../ids.js';
import type { Block, SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, header, message, section, slackTime } from '../blocks.js';
import { levelLine } from './message.js';

/** "on 20 Feb 2027": a date Slack shows in each reader's own zone; the fallback is UTC. */
const slackDate = (at: Date) =>
  `<!date^${Math.floor(at.getTime() / 1000)}^{date_long}|${at.toISOString().slice(0, 10)}>`;

const answerLine = (r: CharterReview): string => {
  const answer = r.answer;
  if (!answer) return '';
  const next = answer.nextDueAt
    ? ` Next review ${slackDate(answer.nextDueAt)} (${REVIEW_CADENCE_LABELS[r.cadence].toLowerCase()}).`
    : r.cadence === 'never'
      ? ' No further reviews: the charter says never.'
      : ' No further reviews until the charter names decision rights or escalation levels again.';
  return answer.outcome === 'confirmed'
    ? `:white_check_mark: <@${answer.by}> confirmed they are still right ${slackTime(answer.at)}.${next}`
    : `:pencil2: <@${answer.by}> revised the charter ${slackTime(answer.at)}: version ${answer.revisedVersion ?? r.version}.${next}`;
};

/**
 * The governance review in the channel: the decision rights and escalation levels as they stand,
 * with "Still right" and "Revise"; once answered, edited in place to say what was done and by whom,
 * its buttons gone.
 */
export function charterReviewMessage(r: CharterReview): SlackMessage {
  const rights = r.decisionRights.length
    ? r.decisionRights.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')
    : '_None_';
  const levels = r.levels.length ? r.levels.map(levelLine).join('\n') : '_None_';
  const blocks: Block[] = [
    header(':scales: Time to review how we decide and escalate'),
    section(
      r.answer
        ? `The ${REVIEW_CADENCE_LABELS[r.cadence].toLowerCase()} review of <#${r.channelId}>’s decision rights and escalation levels (charter version ${r.version}):`
        : `Are <#${r.channelId}>’s decision rights and escalation levels still right? Confirm them, or revise the charter (version ${r.version}).`,
    ),
    section(`*Who decides what*\n${rights}`),
    section(`*Escalation levels*\n${levels}`),
  ];
  if (r.answer) {
    blocks.push(context(answerLine(r)));
  } else {
    blocks.push(
      {
        type: 'actions',
        block_id: `charter_review_${r.reviewId}`,
        elements: [
          {
            type: 'button',
            action_id: CHARTER.reviewConfirm,
            style: 'primary',
            text: { type: 'plain_text', text: 'Still right' },
            value: String(r.reviewId),
          },
          {
            type: 'button',
            action_id: CHARTER.reviewRevise,
            text: { type: 'plain_text', text: 'Revise' },
            value: String(r.reviewId),
          },
        ],
      },
      context('Revise opens the charter form; saving a new version also counts as this review.'),
    );
  }
  return message(
    r.answer
      ? `Review of the decision rights and escalation levels of <#${r.channelId}>: answered`
      : `Are the decision rights and escalation levels of <#${r.channelId}> still right?`,
    blocks,
  );
}
