import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { DecisionRow } from '../../../db/repos/decisions.js';
import {
  DECISION_MAX,
  type DecisionErrors,
  type DecisionForm,
  MAX_CONSULTED,
  RATIONALE_MAX,
} from '../../../decisions/decision-form.js';
import { DECISIONS, decisionBlockId, type DecisionFormBlock } from '../../ids.js';
import { context, escapeMrkdwn, quote, truncate } from '../blocks.js';
import { formModal } from '../form-modal.js';

/**
 * What the form carries in private_metadata: the channel and message it was opened on (or the
 * decision it edits), and a one-time token, so a submission Slack delivers twice logs once.
 */
export type DecisionFormMetadata = {
  channelId: string;
  sourceTs: string;
  sourceThreadTs: string | null;
  submissionId: string;
  decisionId?: number;
};

const ts = z.string().regex(/^\d{1,12}\.\d{1,8}$/);
const metadataShape = z.object({
  c: z.string().regex(/^[CGD][A-Z0-9]{2,30}$/),
  t: ts,
  h: ts.nullable(),
  s: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  d: z.number().int().positive().optional(),
});

export const encodeDecisionMetadata = (m: DecisionFormMetadata) =>
  JSON.stringify({ c: m.channelId, t: m.sourceTs, h: m.sourceThreadTs, s: m.submissionId, d: m.decisionId });

export function decodeDecisionMetadata(value: string | undefined): DecisionFormMetadata | undefined {
  try {
    const parsed = metadataShape.safeParse(JSON.parse(value ?? ''));
    if (!parsed.success) return undefined;
    const { c, t, h, s, d } = parsed.data;
    return { channelId: c, sourceTs: t, sourceThreadTs: h, submissionId: s, decisionId: d };
  } catch {
    return undefined;
  }
}

function input(
  field: DecisionFormBlock,
  label: string,
  element: types.InputBlockElement,
  extra: { optional?: boolean; hint?: string } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: decisionBlockId(field),
    label: { type: 'plain_text', text: label },
    element,
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: { type: 'plain_text', text: extra.hint } } : {}),
  };
}

/**
 * The decision form: a new one logged from a message (quoted at the top, so the person sees what
 * they log it from), or an existing one to edit.
 */
export function decisionModal(
  m: DecisionFormMetadata & { editing?: DecisionRow; sourceText?: string; defaultOwner: string },
): types.ModalView {
  const d = m.editing;
  const source = m.sourceText?.trim();
  return formModal({
    callbackId: DECISIONS.view,
    metadata: encodeDecisionMetadata(m),
    title: decisionTitle(d?.id),
    submit: d ? 'Save' : 'Log and post',
    blocks: [
      ...(source ? [context(quote(escapeMrkdwn(truncate(source, 500))))] : []),
      input('decision', 'What was decided', {
        type: 'plain_text_input',
        action_id: DECISIONS.input,
        multiline: true,
        max_length: DECISION_MAX,
        ...(d ? { initial_value: d.decision } : {}),
      }),
      input('owner', 'Who owns it', {
        type: 'users_select',
        action_id: DECISIONS.input,
        initial_user: d?.owner_id ?? m.defaultOwner,
      }),
      input(
        'rationale',
        'Why',
        {
          type: 'plain_text_input',
          action_id: DECISIONS.input,
          multiline: true,
          max_length: RATIONALE_MAX,
          ...(d?.rationale ? { initial_value: d.rationale } : {}),
        },
        { optional: true },
      ),
      input(
        'consulted',
        'Who was consulted',
        {
          type: 'multi_users_select',
          action_id: DECISIONS.input,
          max_selected_items: MAX_CONSULTED,
          ...(d && d.consulted.length > 0 ? { initial_users: d.consulted } : {}),
        },
        { optional: true },
      ),
      input(
        'review',
        'Review on',
        {
          type: 'datepicker',
          action_id: DECISIONS.input,
          ...(d?.review_date ? { initial_date: d.review_date } : {}),
        },
        { optional: true, hint: 'The owner gets one reminder by DM that morning, at 09:00 their time.' },
      ),
    ],
  });
}

type StateValue = {
  value?: string | null;
  selected_user?: string | null;
  selected_users?: string[] | null;
  selected_date?: string | null;
};
export type DecisionFormState = Record<string, Record<string, StateValue> | undefined>;

export function readDecisionForm(values: DecisionFormState): DecisionForm {
  const field = (name: DecisionFormBlock) => values[decisionBlockId(name)]?.[DECISIONS.input];
  return {
    decision: field('decision')?.value,
    owner: field('owner')?.selected_user,
    rationale: field('rationale')?.value,
    consulted: field('consulted')?.selected_users,
    reviewDate: field('review')?.selected_date,
  };
}

/** Field errors keyed by block_id, as `response_action: 'errors'` wants them. */
export const decisionErrorsByBlock = (errors: DecisionErrors): Record<string, string> =>
  Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      decisionBlockId(field as DecisionFormBlock),
      truncate(message, 2000),
    ]),
  );

/** The decision form's title: editing decision `id`, or logging a new one; also shown while it loads. */
export function decisionTitle(id: number | undefined): string {
  return id === undefined ? 'Log a decision' : `Edit decision #${id}`.slice(0, 24);
}
