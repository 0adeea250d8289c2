import type { types } from '@slack/bolt';
import { z } from 'zod';
import {
  CHARTER_FIELD_SPECS,
  type CharterErrors,
  type CharterForm,
} from '../../../charter/charter-fields.js';
import { CHARTER_FIELDS, type CharterField, type CharterText } from '../../../charter/charter-text.js';
import { CHARTER, charterBlockId } from '../../ids.js';
import { context, truncate } from '../blocks.js';
import { formModal } from '../form-modal.js';

/**
 * What the form carries in private_metadata: the channel, the version it was opened on (0 for a
 * new charter), so a save over someone else's newer version is refused, and a one-time token, so a
 * submission Slack delivers twice saves once.
 */
export type CharterFormMetadata = { channelId: string; baseVersion: number; submissionId: string };

const metadataShape = z.object({
  c: z.string().regex(/^[CGD][A-Z0-9]{2,30}$/),
  v: z.number().int().min(0),
  s: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
});

export const encodeCharterMetadata = (m: CharterFormMetadata) =>
  JSON.stringify({ c: m.channelId, v: m.baseVersion, s: m.submissionId });

export function decodeCharterMetadata(value: string | undefined): CharterFormMetadata | undefined {
  try {
    const parsed = metadataShape.safeParse(JSON.parse(value ?? ''));
    if (parsed.success)
      return { channelId: parsed.data.c, baseVersion: parsed.data.v, submissionId: parsed.data.s };
  } catch {
    // not a form of ours
  }
  return undefined;
}

function fieldInput(field: CharterField, initial: string | null | undefined): types.InputBlock {
  const spec = CHARTER_FIELD_SPECS[field];
  return {
    type: 'input',
    block_id: charterBlockId(field),
    label: { type: 'plain_text', text: spec.label },
    optional: !spec.required,
    element: {
      type: 'plain_text_input',
      action_id: CHARTER.input,
      multiline: spec.multiline,
      max_length: spec.max,
      placeholder: { type: 'plain_text', text: truncate(spec.placeholder, 150) },
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

/** The charter form's titles: for a first charter, and for a new version of one. */
export const CHARTER_TITLE = { new: 'Team charter', edit: 'Edit the charter' } as const;

/** The charter form, filled in with the current version when there is one. */
export function charterModal(input: CharterFormMetadata & { text?: CharterText }): types.ModalView {
  return formModal({
    callbackId: CHARTER.view,
    metadata: encodeCharterMetadata(input),
    title: input.text ? CHARTER_TITLE.edit : CHARTER_TITLE.new,
    submit: 'Save and post',
    blocks: [
      context(
        `The working agreement of <#${input.channelId}>. Saving posts it in the channel (or updates the message already there); every version is kept.`,
      ),
      ...CHARTER_FIELDS.map((field) => fieldInput(field, input.text?.[field])),
    ],
  });
}

type StateValue = { value?: string | null };
export type CharterFormState = Record<string, Record<string, StateValue> | undefined>;

/** The submitted text of each part, for parseCharter to check. */
export function readCharterForm(values: CharterFormState): CharterForm {
  return Object.fromEntries(
    CHARTER_FIELDS.map((field) => [field, values[charterBlockId(field)]?.[CHARTER.input]?.value]),
  ) as CharterForm;
}

/** Field errors keyed by block_id, as `response_action: 'errors'` wants them. */
export const charterErrorsByBlock = (errors: CharterErrors): Record<string, string> =>
  Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [charterBlockId(field), truncate(message, 2000)]),
  );

/** An error about the whole form, shown on its first part. */
export const charterFormError = (message: string) => charterErrorsByBlock({ goal: message });
