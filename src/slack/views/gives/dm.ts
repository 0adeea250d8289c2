import type { GiveRow, ReceiverRow } from '../../../db/repos/gives.js';
import { GIVES } from '../../ids.js';
import {
  type Block,
  context,
  escapeMrkdwn,
  message,
  section,
  type SlackMessage,
  truncate,
} from '../blocks.js';
import { valueText, whatText } from './give-text.js';

const headline = (give: GiveRow) =>
  `:gift: <@${give.giver_id}> logged a give to you in <#${give.channel_id}>: ${whatText(give)}`;
const fallback = (give: GiveRow) =>
  `<@${give.giver_id}> logged a give to you: ${truncate(escapeMrkdwn(give.what), 150)}`;

function worth(give: GiveRow): Block {
  const value = valueText(give);
  return section(value ? `*What it was worth, as they put it*\n${value}` : '_No value was given._');
}

function answerButtons(receiverRowId: number): Block {
  const value = String(receiverRowId);
  return {
    type: 'actions',
    block_id: `give_answer_${value}`,
    elements: [
      {
        type: 'button',
        action_id: GIVES.confirm,
        text: { type: 'plain_text', text: 'Confirm' },
        style: 'primary',
        value,
      },
      {
        type: 'button',
        action_id: GIVES.notHelpful,
        text: { type: 'plain_text', text: "Didn't help" },
        value,
      },
    ],
  };
}

/** The DM asking a receiver to confirm what a give was worth, or to say it didn't help. */
export function giveRequestDm(give: GiveRow, receiver: ReceiverRow): SlackMessage {
  return message(fallback(give), [
    section(headline(give)),
    worth(give),
    context(
      'Only values confirmed by the people who received them count in the channel’s figures. *Adjust* puts the value in your own words, and confirms it; *Didn’t help* keeps the give in the ledger without its value.',
    ),
    answerButtons(receiver.id),
  ]);
}

const ANSWERED = {
  confirmed: ':white_check_mark: You confirmed it. It counts in the channel’s figures.',
  adjusted:
    ':pencil2: You put its value in your own words, and confirmed it. Your value is the one that counts.',
  not_helpful: ':ok_hand: You said it didn’t help. Its value does not count.',
} as const;

/** The same DM once they answered: what they chose, and Adjust again while it is confirmed. */
export function giveAnsweredDm(give: GiveRow, receiver: ReceiverRow): SlackMessage {
  if (receiver.status === 'asked') return giveRequestDm(give, receiver);
  const answer =
    receiver.status === 'not_helpful' ? 'not_helpful' : receiver.adjusted ? 'adjusted' : 'confirmed';
  const theirs = receiver.adjusted ? valueText(receiver) : null;
  return message(`${fallback(give)}. ${ANSWERED[answer]}`, [
    section(headline(give)),
    worth(give),
    ...(theirs ? [section(`*What it was worth to you*\n${theirs}`)] : []),
    context(ANSWERED[answer]),
    ...(receiver.status === 'confirmed' ? [adjustButton(receiver.id)] : []),
  ]);
}

function adjustButton(receiverRowId: number): Block {
  const value = String(receiverRowId);
  return {
    type: 'actions',
    block_id: `give_adjust_${value}`,
    elements: [
      { type: 'button', action_id: GIVES.adjust, text: { type: 'plain_text', text: 'Adjust' }, value },
    ],
  };
}
