import type { types } from '@slack/bolt';
import { SCALE } from '../../../pulse/results.js';
import { COMMENT_MAX } from '../../../pulse/answer.js';
import { PULSE, pulseStatementBlockId } from '../../ids.js';
import { context, truncate } from '../blocks.js';
import { roundDayName } from './prompt.js';
import { encodePulseRef, type PulseRef } from './ref.js';
import { formModal } from '../form-modal.js';

/** Slack's limit on an input block's label. */
const LABEL_MAX = 2000;

/** The survey's title, also shown while it loads. */
export const PULSE_TITLE = 'Pulse check';

/** The survey: one 1–5 scale per statement and an optional comment. */
export function pulseModal(input: PulseRef & { channelId: string; statements: string[] }): types.ModalView {
  return formModal({
    callbackId: PULSE.view,
    metadata: encodePulseRef(input),
    title: PULSE_TITLE,
    submit: 'Send anonymously',
    blocks: [
      context(
        `For <#${input.channelId}> · ${roundDayName(input.roundDate)} · stored without your name; shown only in aggregate.`,
      ),
      ...input.statements.map((statement, i) => ({
        type: 'input' as const,
        block_id: pulseStatementBlockId(i),
        label: { type: 'plain_text' as const, text: truncate(statement, LABEL_MAX) },
        element: {
          type: 'radio_buttons' as const,
          action_id: PULSE.input,
          options: SCALE.map((label, score) => ({
            text: { type: 'plain_text' as const, text: `${score + 1} · ${label}` },
            value: String(score + 1),
          })),
        },
      })),
      {
        type: 'input',
        block_id: PULSE.commentBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Anything you want to add? (optional)' },
        element: {
          type: 'plain_text_input',
          action_id: PULSE.input,
          multiline: true,
          max_length: COMMENT_MAX,
        },
      },
    ],
  });
}
