import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { RecipientProblem } from '../../../kudos/give-kudos.js';
import type { KudosForm, KudosFormErrors, KudosFormField } from '../../../kudos/kudos-form.js';
import { MAX_RECIPIENTS } from '../../../kudos/parse-command.js';
import { MAX_REASON_LENGTH } from '../../../kudos/reason.js';
import { KUDOS, kudosBlockId } from '../../ids.js';
import { context, escapeMrkdwn, quote, truncate } from '../blocks.js';
import { formModal } from '../form-modal.js';

/**
 * What the "Give kudos" form carries in private_metadata: the message it was opened on, and a
 * one-time key, so a submission Slack delivers twice records once.
 */
export type KudosFormMetadata = { channelId: string; messageTs: string; submissionId: string };

const metadataShape = z.object({
  c: z.string().regex(/^[CGD][A-Z0-9]{2,30}$/),
  t: z.string().regex(/^\d{1,12}\.\d{1,8}$/),
  s: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
});

export const encodeKudosMetadata = (m: KudosFormMetadata) =>
  JSON.stringify({ c: m.channelId, t: m.messageTs, s: m.submissionId });

export function decodeKudosMetadata(value: string | undefined): KudosFormMetadata | undefined {
  try {
    const parsed = metadataShape.safeParse(JSON.parse(value ?? ''));
    if (!parsed.success) return undefined;
    return { channelId: parsed.data.c, messageTs: parsed.data.t, submissionId: parsed.data.s };
  } catch {
    return undefined;
  }
}

/** The form: the message quoted, its author picked to start with, and what the kudos are for. */
export function giveKudosModal(
  m: KudosFormMetadata & { authorId?: string; messageText?: string },
): types.ModalView {
  const source = m.messageText?.trim();
  return formModal({
    callbackId: KUDOS.view,
    metadata: encodeKudosMetadata(m),
    title: 'Give kudos',
    submit: 'Give kudos',
    blocks: [
      ...(source ? [context(quote(escapeMrkdwn(truncate(source, 300))))] : []),
      {
        type: 'input',
        block_id: kudosBlockId('recipients'),
        label: { type: 'plain_text', text: 'Who to thank' },
        element: {
          type: 'multi_users_select',
          action_id: KUDOS.input,
          max_selected_items: MAX_RECIPIENTS,
          ...(m.authorId ? { initial_users: [m.authorId] } : {}),
        },
      },
      {
        type: 'input',
        block_id: kudosBlockId('reason'),
        label: { type: 'plain_text', text: 'What for' },
        element: {
          type: 'plain_text_input',
          action_id: KUDOS.input,
          multiline: true,
          max_length: MAX_REASON_LENGTH,
          placeholder: { type: 'plain_text', text: 'for the clear write-up of the incident' },
        },
        hint: {
          type: 'plain_text',
          text: 'Posted in the channel with a link to this message; each person also gets a DM.',
        },
      },
    ],
  });
}

type StateValue = { value?: string | null; selected_users?: string[] | null };
export type KudosFormState = Record<string, Record<string, StateValue> | undefined>;

export function readKudosForm(values: KudosFormState): KudosForm {
  return {
    recipientIds: values[kudosBlockId('recipients')]?.[KUDOS.input]?.selected_users,
    reason: values[kudosBlockId('reason')]?.[KUDOS.input]?.value,
  };
}

/** Field errors keyed by block_id, as `response_action: 'errors'` wants them. */
export const kudosFormErrors = (errors: KudosFormErrors): Record<string, string> =>
  Object.fromEntries(
    Object.entries(errors).map(([field, text]) => [kudosBlockId(field as KudosFormField), text]),
  );

/** A person picked who cannot receive kudos, said in plain text (a form's errors show no mentions). */
export function recipientProblemText(problem: RecipientProblem): string {
  switch (problem) {
    case 'none':
      return 'Pick at least one person to thank.';
    case 'self':
      return 'Kudos are for recognising someone else: take yourself out.';
    case 'bot':
      return 'Kudos are for people: take out the bot or app.';
    case 'deactivated':
      return 'Take out the deactivated account: they can’t receive kudos.';
    case 'unknown':
      return 'I can’t find one of these people in this workspace: take them out.';
  }
}

/** The form was opened before a restart with an older format, or its metadata was tampered with. */
export const STALE_KUDOS_FORM = 'This form is out of date. Close it and use Give kudos on the message again.';
