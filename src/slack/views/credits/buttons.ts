import { CREDITS } from '../../ids.js';
import type { Block } from '../blocks.js';

/**
 * A contributor's three answers to a credit: on their DM, and on the Home tab. The value is the
 * contributor row's id, all the handlers need; they check that the person clicking is the one
 * credited, wherever the click comes from.
 */
export function creditAnswerButtons(contributorRowId: number): Block {
  const value = String(contributorRowId);
  return {
    type: 'actions',
    block_id: `credit_answer_${value}`,
    elements: [
      {
        type: 'button',
        action_id: CREDITS.confirm,
        text: { type: 'plain_text', text: 'Confirm' },
        style: 'primary',
        value,
      },
      { type: 'button', action_id: CREDITS.correct, text: { type: 'plain_text', text: 'Correct' }, value },
      {
        type: 'button',
        action_id: CREDITS.decline,
        text: { type: 'plain_text', text: 'Decline' },
        style: 'danger',
        value,
        confirm: {
          title: { type: 'plain_text', text: 'Decline this credit?' },
          text: {
            type: 'mrkdwn',
            text: 'Decline it if it was given to you by mistake. It will then show nowhere: not in the channel, not in lists, not in the export.',
          },
          confirm: { type: 'plain_text', text: 'Decline' },
          deny: { type: 'plain_text', text: 'Keep it' },
        },
      },
    ],
  };
}
