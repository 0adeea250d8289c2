import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { GiveRow, ReceiverRow } from '../../../db/repos/gives.js';
import { idFromValue } from '../../id-value.js';
import { whatText } from './give-text.js';
import type { GiveForm, GiveFormErrors } from '../../../gives/give-form.js';
import {
  GIVE_KINDS,
  type GiveKind,
  MAX_RECEIVERS,
  MAX_VALUE,
  MAX_WHAT,
} from '../../../gives/parse-command.js';
import { GIVES, giveBlockId } from '../../ids.js';
import { context, escapeMrkdwn, quote, truncate } from '../blocks.js';
import { formModal } from '../form-modal.js';

export const GIVE_TITLE = 'Log what we gave';

/** What the give form carries in private_metadata: its channel, and a one-time token (saved once). */
export type GiveFormMetadata = { channelId: string; submissionId: string };

const metadataShape = z.object({
  c: z.string().regex(/^[CGD][A-Z0-9]{2,30}$/),
  s: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
});

export function decodeGiveMetadata(value: string | undefined): GiveFormMetadata | undefined {
  try {
    const parsed = metadataShape.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? { channelId: parsed.data.c, submissionId: parsed.data.s } : undefined;
  } catch {
    return undefined;
  }
}

const KIND_TEXT: Record<GiveKind, string> = {
  introduction: 'An introduction',
  resource: 'A resource',
  insight: 'An insight',
  access: 'Access',
  help: 'Help',
};
const option = (kind: GiveKind) => ({
  text: { type: 'plain_text' as const, text: KIND_TEXT[kind] },
  value: kind,
});

const input = (
  field: Parameters<typeof giveBlockId>[0],
  label: string,
  element: types.InputBlockElement,
  extra: { optional?: boolean; hint?: string } = {},
): types.InputBlock => ({
  type: 'input',
  block_id: giveBlockId(field),
  label: { type: 'plain_text', text: label },
  element,
  ...(extra.optional ? { optional: true } : {}),
  ...(extra.hint ? { hint: { type: 'plain_text', text: extra.hint } } : {}),
});

/** The give form: who received it, what it was, its kind, and what it was worth. */
export function giveModal(
  m: GiveFormMetadata & { people?: readonly string[]; what?: string; kind: GiveKind; sourceText?: string },
): types.ModalView {
  const source = m.sourceText?.trim() ? truncate(m.sourceText.trim(), 300) : undefined;
  return formModal({
    callbackId: GIVES.view,
    metadata: JSON.stringify({ c: m.channelId, s: m.submissionId }),
    title: GIVE_TITLE,
    submit: 'Log it',
    blocks: [
      ...(source ? [context(quote(escapeMrkdwn(source)))] : []),
      input(
        'people',
        'Who received it',
        {
          type: 'multi_users_select',
          action_id: GIVES.input,
          max_selected_items: MAX_RECEIVERS,
          ...(m.people && m.people.length > 0 ? { initial_users: [...m.people] } : {}),
        },
        { hint: 'Each gets a DM to confirm what it was worth.' },
      ),
      input('what', 'What you gave', {
        type: 'plain_text_input',
        action_id: GIVES.input,
        max_length: MAX_WHAT,
        placeholder: { type: 'plain_text', text: "An intro to Acme's data team" },
        ...(m.what ? { initial_value: truncate(m.what, MAX_WHAT) } : {}),
      }),
      input('kind', 'Kind', {
        type: 'static_select',
        action_id: GIVES.input,
        options: GIVE_KINDS.map(option),
        initial_option: option(m.kind),
      }),
      input(
        'worth',
        'What it was worth',
        {
          type: 'plain_text_input',
          action_id: GIVES.input,
          max_length: MAX_VALUE,
          placeholder: { type: 'plain_text', text: '3 days saved, $4,000, high risk reduced' },
        },
        {
          optional: true,
          hint: 'Time saved (hours, days, weeks), money saved or earned, risk reduced, or your own words.',
        },
      ),
    ],
  });
}

type StateValue = {
  value?: string | null;
  selected_users?: string[] | null;
  selected_option?: { value?: string } | null;
};
export type GiveFormState = Record<string, Record<string, StateValue> | undefined>;

export function readGiveForm(values: GiveFormState): GiveForm {
  const field = (name: Parameters<typeof giveBlockId>[0]) => values[giveBlockId(name)]?.[GIVES.input];
  return {
    people: field('people')?.selected_users,
    what: field('what')?.value,
    kind: field('kind')?.selected_option?.value,
    worth: field('worth')?.value,
  };
}

/** Field errors keyed by block_id, as `response_action: 'errors'` wants them. */
export function giveErrorsByBlock(errors: GiveFormErrors): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, error]) => [
      giveBlockId(field as keyof GiveFormErrors),
      truncate(error, 2000),
    ]),
  );
}

export const ADJUST_TITLE = 'What it was worth';

/** The small form in which a receiver puts a give's value in their own words. */
export function adjustModal(give: GiveRow, receiver: ReceiverRow): types.ModalView {
  const initial = receiver.adjusted ? receiver.value_text : give.value_text;
  return formModal({
    callbackId: GIVES.adjustView,
    metadata: String(receiver.id),
    title: ADJUST_TITLE,
    submit: 'Save and confirm',
    blocks: [
      context(`${whatText(give)}, given by <@${give.giver_id}> in <#${give.channel_id}>.`),
      input(
        'adjusted',
        'What it was worth to you',
        {
          type: 'plain_text_input',
          action_id: GIVES.input,
          max_length: MAX_VALUE,
          ...(initial ? { initial_value: initial } : {}),
        },
        { hint: 'Time saved (hours, days, weeks), money saved or earned, risk reduced, or your own words.' },
      ),
    ],
  });
}

/** The Adjust form's receiver row id, or undefined for anything else. */
export const decodeAdjustMetadata = (value: string | undefined): number | undefined => idFromValue(value);

export const readAdjustment = (values: GiveFormState) =>
  values[giveBlockId('adjusted')]?.[GIVES.input]?.value;
