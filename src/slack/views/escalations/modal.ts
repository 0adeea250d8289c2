import type { types } from '@slack/bolt';
import { z } from 'zod';
import {
  AGREED_MAX,
  ESCALATION_FIELD_SPECS,
  ESCALATION_FIELDS,
  type EscalationErrors,
  type EscalationForm,
  REASON_MAX,
  type ResolveErrors,
} from '../../../escalations/escalation-form.js';
import { MESSAGE_TS } from '../../../slack-values.js';
import { ESCALATIONS, escalationBlockId } from '../../ids.js';
import { context, escapeMrkdwn, truncate } from '../blocks.js';
import { formModal } from '../form-modal.js';

/** The raise form's metadata: the channel, the message it came from (if any), a one-time token. */
export type EscalationFormMetadata = {
  channelId: string;
  sourceTs: string | null;
  threadTs: string | null;
  submissionId: string;
};

const ts = z.string().regex(MESSAGE_TS);
const metadataShape = z.object({
  c: z.string().regex(/^[CG][A-Z0-9]{2,30}$/),
  m: ts.nullable(),
  t: ts.nullable(),
  s: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
});

export const encodeEscalationMetadata = (m: EscalationFormMetadata) =>
  JSON.stringify({ c: m.channelId, m: m.sourceTs, t: m.threadTs, s: m.submissionId });

export function decodeEscalationMetadata(value: string | undefined): EscalationFormMetadata | undefined {
  try {
    const p = metadataShape.safeParse(JSON.parse(value ?? ''));
    if (p.success)
      return { channelId: p.data.c, sourceTs: p.data.m, threadTs: p.data.t, submissionId: p.data.s };
  } catch {
    // not a form of ours
  }
  return undefined;
}

export const ESCALATION_TITLE = 'Escalate';

/** The raise form: the issue, what each side needs (interests, not positions), options, criteria, privacy. */
export function escalationModal(m: EscalationFormMetadata): types.ModalView {
  return formModal({
    callbackId: ESCALATIONS.view,
    metadata: encodeEscalationMetadata(m),
    title: ESCALATION_TITLE,
    submit: 'Escalate',
    blocks: [
      context(
        `Takes a disagreement in <#${m.channelId}> to level 1 of its charter. Say what each side *needs* (the interest), not what it insists on (the position).`,
      ),
      ...ESCALATION_FIELDS.map((field): types.InputBlock => ({
        type: 'input',
        block_id: escalationBlockId(field),
        label: { type: 'plain_text', text: ESCALATION_FIELD_SPECS[field].label },
        optional: !ESCALATION_FIELD_SPECS[field].required,
        element: {
          type: 'plain_text_input',
          action_id: ESCALATIONS.input,
          multiline: true,
          max_length: ESCALATION_FIELD_SPECS[field].max,
          placeholder: { type: 'plain_text', text: truncate(ESCALATION_FIELD_SPECS[field].placeholder, 150) },
        },
      })),
      {
        type: 'input',
        block_id: escalationBlockId('private'),
        label: { type: 'plain_text', text: 'Who sees it' },
        optional: true,
        element: {
          type: 'checkboxes',
          action_id: ESCALATIONS.input,
          options: [
            {
              text: { type: 'plain_text', text: 'Private' },
              description: {
                type: 'plain_text',
                // Slack allows 75 characters in an option's description.
                text: 'Only you and the owners of the levels it reaches read it',
              },
              value: 'private',
            },
          ],
        },
      },
    ],
  });
}

type StateValue = { value?: string | null; selected_options?: { value?: string }[] | null };
export type EscalationFormState = Record<string, Record<string, StateValue> | undefined>;

export function readEscalationForm(values: EscalationFormState): { form: EscalationForm; private: boolean } {
  const form = Object.fromEntries(
    ESCALATION_FIELDS.map((f) => [f, values[escalationBlockId(f)]?.[ESCALATIONS.input]?.value]),
  ) as EscalationForm;
  const chosen = values[escalationBlockId('private')]?.[ESCALATIONS.input]?.selected_options ?? [];
  return { form, private: chosen.some((o) => o.value === 'private') };
}

export const escalationErrorsByBlock = (errors: EscalationErrors | ResolveErrors): Record<string, string> =>
  Object.fromEntries(
    Object.entries(errors).map(([field, text]) => [escalationBlockId(field), truncate(String(text), 2000)]),
  );

// Resolving

const resolveShape = z.object({
  e: z.number().int().positive(),
  s: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
});
export const encodeResolveMetadata = (m: { id: number; submissionId: string }) =>
  JSON.stringify({ e: m.id, s: m.submissionId });
export function decodeResolveMetadata(
  value: string | undefined,
): { id: number; submissionId: string } | undefined {
  try {
    const p = resolveShape.safeParse(JSON.parse(value ?? ''));
    if (p.success) return { id: p.data.e, submissionId: p.data.s };
  } catch {
    // not a form of ours
  }
  return undefined;
}

export const resolveTitle = (id: number) => `Resolve #${id}`;

/** The resolve form: the option agreed and the reason, logged as a decision. */
export function resolveModal(m: { id: number; submissionId: string; issue: string }): types.ModalView {
  const input = (
    field: 'agreed' | 'reason',
    label: string,
    max: number,
    placeholder: string,
  ): types.InputBlock => ({
    type: 'input',
    block_id: escalationBlockId(field),
    label: { type: 'plain_text', text: label },
    element: {
      type: 'plain_text_input',
      action_id: ESCALATIONS.input,
      multiline: true,
      max_length: max,
      placeholder: { type: 'plain_text', text: placeholder },
    },
  });
  return formModal({
    callbackId: ESCALATIONS.resolveView,
    metadata: encodeResolveMetadata(m),
    title: resolveTitle(m.id),
    submit: 'Resolve',
    blocks: [
      context(`*The issue:* ${escapeMrkdwn(truncate(m.issue, 500))}`),
      input('agreed', 'The option agreed', AGREED_MAX, 'What both sides agreed to do'),
      input('reason', 'Why', REASON_MAX, 'Why this option, by the criteria'),
    ],
  });
}

export function readResolveForm(values: EscalationFormState) {
  return {
    agreed: values[escalationBlockId('agreed')]?.[ESCALATIONS.input]?.value,
    reason: values[escalationBlockId('reason')]?.[ESCALATIONS.input]?.value,
  };
}
