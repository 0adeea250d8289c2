import type { types } from '@slack/bolt';
import { idFromValue } from '../../id-value.js';
import { z } from 'zod';
import type { CreditForm, CreditFormErrors } from '../../../credits/credit-form.js';
import {
  MAX_CONTRIBUTION,
  MAX_CONTRIBUTORS,
  MAX_DELIVERABLE,
  MAX_LINK,
} from '../../../credits/credit-text.js';
import type { ContributorRow, CreditRow } from '../../../db/repos/credits.js';
import { CREDITS, creditBlockId, creditContributionBlockId, type CreditFormBlock } from '../../ids.js';
import { context, escapeMrkdwn, quote, truncate } from '../blocks.js';
import { deliverableText } from './message.js';
import { formModal } from '../form-modal.js';

/** The titles of the credit form and of the correction form, also shown while they load. */
export const CREDIT_TITLE = 'Give credit';
export const CORRECTION_TITLE = 'Correct your credit';

/**
 * What the credit form carries in private_metadata: the channel the credit is given in, a one-time
 * token, so a submission Slack delivers twice saves once, and the message it was opened on (its
 * text, shown again when the form is redrawn).
 */
export type CreditFormMetadata = { channelId: string; submissionId: string; sourceText?: string };

/** The quoted message is cut to this, so the metadata stays far inside Slack's 3,000 characters. */
const SOURCE_SHOWN = 300;

const metadataShape = z.object({
  c: z.string().regex(/^[CGD][A-Z0-9]{2,30}$/),
  s: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  q: z
    .string()
    .max(SOURCE_SHOWN * 2)
    .optional(),
});

export const encodeCreditMetadata = (m: CreditFormMetadata) =>
  JSON.stringify({
    c: m.channelId,
    s: m.submissionId,
    ...(m.sourceText ? { q: truncate(m.sourceText, SOURCE_SHOWN) } : {}),
  });

export function decodeCreditMetadata(value: string | undefined): CreditFormMetadata | undefined {
  try {
    const parsed = metadataShape.safeParse(JSON.parse(value ?? ''));
    if (!parsed.success) return undefined;
    const { c, s, q } = parsed.data;
    return { channelId: c, submissionId: s, ...(q ? { sourceText: q } : {}) };
  } catch {
    return undefined;
  }
}

function input(
  blockId: string,
  label: string,
  element: types.InputBlockElement,
  extra: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    element,
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: { type: 'plain_text', text: extra.hint } } : {}),
    ...(extra.dispatch ? { dispatch_action: true } : {}),
  };
}

/** The form's content; `sourceText` is quoted at the top so the person sees what they credit. */
export type CreditModalInput = CreditFormMetadata & {
  deliverable?: string | null;
  link?: string | null;
  people: readonly string[];
  /** What was typed in each person's row, kept when the form is redrawn. */
  contributions?: Readonly<Record<string, string | null | undefined>>;
};

/**
 * The credit form: the deliverable, an optional link, the people, and one row per person for
 * their part. Choosing people redraws the form (dispatch_action) with exactly one row each, so
 * there are never blank rows to skip nor too few; rows keep their block ids, so what was typed in
 * them stays when others are added.
 */
export function creditModal(m: CreditModalInput): types.ModalView {
  const source = m.sourceText?.trim() ? truncate(m.sourceText.trim(), SOURCE_SHOWN) : undefined;
  const people = m.people.slice(0, MAX_CONTRIBUTORS);
  const blocks: types.AnyBlock[] = [
    ...(source ? [context(quote(escapeMrkdwn(source)))] : []),
    input(creditBlockId('deliverable'), 'What is the credit for', {
      type: 'plain_text_input',
      action_id: CREDITS.input,
      max_length: MAX_DELIVERABLE,
      placeholder: { type: 'plain_text', text: 'Q3 launch' },
      ...(m.deliverable ? { initial_value: truncate(m.deliverable, MAX_DELIVERABLE) } : {}),
    }),
    input(
      creditBlockId('link'),
      'Link',
      {
        type: 'url_text_input',
        action_id: CREDITS.input,
        ...(m.link ? { initial_value: m.link } : {}),
      },
      { optional: true, hint: `A web link to the deliverable, up to ${MAX_LINK} characters.` },
    ),
    input(
      creditBlockId('people'),
      'Who contributed',
      {
        type: 'multi_users_select',
        action_id: CREDITS.people,
        max_selected_items: MAX_CONTRIBUTORS,
        ...(people.length > 0 ? { initial_users: [...people] } : {}),
      },
      { dispatch: true, hint: 'Each person gets a DM to confirm or correct their part.' },
    ),
    ...people.flatMap((userId) => [
      context(`<@${userId}>`),
      input(
        creditContributionBlockId(userId),
        'Their role or contribution',
        {
          type: 'plain_text_input',
          action_id: CREDITS.input,
          max_length: MAX_CONTRIBUTION,
          placeholder: { type: 'plain_text', text: 'Ran the research' },
          ...(m.contributions?.[userId] ? { initial_value: m.contributions[userId] } : {}),
        },
        { optional: true },
      ),
    ]),
  ];
  return formModal({
    callbackId: CREDITS.view,
    metadata: encodeCreditMetadata(m),
    title: CREDIT_TITLE,
    submit: 'Give credit',
    blocks,
  });
}

type StateValue = {
  value?: string | null;
  selected_users?: string[] | null;
};
export type CreditFormState = Record<string, Record<string, StateValue> | undefined>;

const CONTRIBUTION_PREFIX = creditContributionBlockId('');

export function readCreditForm(values: CreditFormState): CreditForm {
  const field = (name: CreditFormBlock) => values[creditBlockId(name)]?.[CREDITS.input];
  const contributions: CreditForm['contributions'] = {};
  for (const [blockId, actions] of Object.entries(values)) {
    if (blockId.startsWith(CONTRIBUTION_PREFIX)) {
      contributions[blockId.slice(CONTRIBUTION_PREFIX.length)] = actions?.[CREDITS.input]?.value;
    }
  }
  return {
    deliverable: field('deliverable')?.value,
    link: field('link')?.value,
    people: values[creditBlockId('people')]?.[CREDITS.people]?.selected_users,
    contributions,
  };
}

/** Field errors keyed by block_id, as `response_action: 'errors'` wants them. */
export function creditErrorsByBlock(errors: CreditFormErrors): Record<string, string> {
  const byBlock: Record<string, string> = {};
  for (const field of ['deliverable', 'link', 'people'] as const) {
    const error = errors[field];
    if (error) byBlock[creditBlockId(field)] = truncate(error, 2000);
  }
  for (const [userId, error] of Object.entries(errors.contributions ?? {})) {
    byBlock[creditContributionBlockId(userId)] = truncate(error, 2000);
  }
  return byBlock;
}

/** The small form in which a contributor puts their own part in their own words. */
export function correctionModal(credit: CreditRow, c: ContributorRow): types.ModalView {
  return formModal({
    callbackId: CREDITS.correctView,
    metadata: String(c.id),
    title: CORRECTION_TITLE,
    submit: 'Save and confirm',
    blocks: [
      context(
        `Your part in ${deliverableText(credit)}, credited by <@${credit.given_by}> in <#${credit.channel_id}>.`,
      ),
      input(creditBlockId('correction'), 'What you did', {
        type: 'plain_text_input',
        action_id: CREDITS.input,
        max_length: MAX_CONTRIBUTION,
        ...(c.contribution ? { initial_value: c.contribution } : {}),
      }),
    ],
  });
}

/** The correction form's contributor row id, or undefined for anything else. */
export const decodeCorrectionMetadata = (value: string | undefined): number | undefined => idFromValue(value);

export const readCorrection = (values: CreditFormState) =>
  values[creditBlockId('correction')]?.[CREDITS.input]?.value;
