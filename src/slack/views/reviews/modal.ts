import type { types } from '@slack/bolt';
import type { ReviewAnswerRow } from '../../../db/repos/reviews.js';
import {
  MAX_PRIORITY,
  MAX_REMARK,
  PRIORITY_FIELDS,
  type ReviewForm,
  type ReviewFormErrors,
  type ReviewFormField,
} from '../../../reviews/review-form.js';
import { REVIEWS, reviewBlockId } from '../../ids.js';
import { formModal } from '../form-modal.js';
import { decodeReviewRef, encodeReviewRef, reviewDayName } from './prompt.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function textInput(
  field: ReviewFormField,
  label: string,
  o: { max: number; initial?: string; optional: boolean; multiline?: boolean; placeholder?: string },
): types.InputBlock {
  return {
    type: 'input',
    block_id: reviewBlockId(field),
    optional: o.optional,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: REVIEWS.input,
      max_length: o.max,
      multiline: o.multiline ?? false,
      ...(o.initial ? { initial_value: o.initial } : {}),
      ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
    },
  };
}

/** The answer form: three priorities (one needed), what helped most, one thing to change. */
export function reviewModal(input: {
  ritualId: number;
  reviewDate: string;
  answer?: ReviewAnswerRow;
}): types.ModalView {
  const a = input.answer;
  return formModal({
    callbackId: REVIEWS.view,
    metadata: encodeReviewRef(input),
    title: 'Before the review',
    submit: a ? 'Update' : 'Send',
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `For the review on ${reviewDayName(input.reviewDate)}. Shown in the channel by side, without your name.`,
          },
        ],
      },
      ...PRIORITY_FIELDS.map((field, i) =>
        textInput(field, `Priority ${i + 1} for the next period`, {
          max: MAX_PRIORITY,
          optional: i > 0,
          ...(a?.priorities[i] ? { initial: a.priorities[i] } : {}),
          ...(i === 0 ? { placeholder: 'e.g. Faster partner onboarding' } : {}),
        }),
      ),
      textInput('helped', 'What the partner did that helped most', {
        max: MAX_REMARK,
        optional: true,
        multiline: true,
        ...(a?.helped ? { initial: a.helped } : {}),
      }),
      textInput('change', 'One thing to change', {
        max: MAX_REMARK,
        optional: true,
        multiline: true,
        ...(a?.change ? { initial: a.change } : {}),
      }),
    ],
  });
}

export const decodeReviewMetadata = decodeReviewRef;

type Values = Record<string, Record<string, { value?: string | null }>>;

/** The form as submitted, field by field. */
export function readReviewForm(values: Values): ReviewForm {
  const read = (field: ReviewFormField) => values[reviewBlockId(field)]?.[REVIEWS.input]?.value ?? null;
  return {
    priority1: read('priority1'),
    priority2: read('priority2'),
    priority3: read('priority3'),
    helped: read('helped'),
    change: read('change'),
  };
}

/** Each field's error, on its block. */
export const reviewErrorsByBlock = (errors: ReviewFormErrors): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([field, error]) => [reviewBlockId(field), error]));
