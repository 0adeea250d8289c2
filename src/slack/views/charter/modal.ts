import type { types } from '@slack/bolt';
import { z } from 'zod';
import {
  CHARTER_FIELD_SPECS,
  type CharterErrors,
  type CharterForm,
  ESCALATION_LEVELS,
  TARGET_HOURS_MAX,
} from '../../../charter/charter-fields.js';
import { REVIEW_CADENCE_LABELS } from '../../../charter/charter-review.js';
import {
  CHARTER_FIELDS,
  type CharterField,
  type CharterText,
  DEFAULT_REVIEW_CADENCE,
  REVIEW_CADENCES,
  type ReviewCadence,
} from '../../../charter/charter-text.js';
import { CHARTER, charterBlockId } from '../../ids.js';
import { context, header, truncate } from '../blocks.js';
import { formModal } from '../form-modal.js';

/**
 * What the form carries in private_metadata: the channel, the version it was opened on (0 for a
 * new charter), so a save over someone else's newer version is refused, and a one-time token, so a
 * submission Slack delivers twice saves once.
 */
export type CharterFormMetadata = {
  channelId: string;
  baseVersion: number;
  submissionId: string;
  /** The governance review whose Revise opened the form, if any. */
  reviewId?: number;
};

const metadataShape = z.object({
  c: z.string().regex(/^[CGD][A-Z0-9]{2,30}$/),
  v: z.number().int().min(0),
  s: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  r: z.number().int().positive().optional(),
});

export const encodeCharterMetadata = (m: CharterFormMetadata) =>
  JSON.stringify({
    c: m.channelId,
    v: m.baseVersion,
    s: m.submissionId,
    ...(m.reviewId ? { r: m.reviewId } : {}),
  });

export function decodeCharterMetadata(value: string | undefined): CharterFormMetadata | undefined {
  try {
    const parsed = metadataShape.safeParse(JSON.parse(value ?? ''));
    if (parsed.success)
      return {
        channelId: parsed.data.c,
        baseVersion: parsed.data.v,
        submissionId: parsed.data.s,
        ...(parsed.data.r ? { reviewId: parsed.data.r } : {}),
      };
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

/** The sides of a channel, as the form and the messages name them. */
export const SIDE_LABELS = { A: 'One side', B: 'The other side' } as const;

const people = (ids: readonly string[]) => ids.filter((id) => !id.startsWith('S'));
const groups = (ids: readonly string[]) => ids.filter((id) => id.startsWith('S'));

/**
 * Who decides what, and each escalation level: its owners on each side and its target. Block Kit
 * has a select for people (multi_users_select) but none for user groups (docs.slack.dev/reference/
 * block-kit/block-elements: users, conversations, channels, static and external selects), so a
 * group is typed as its @handle beside the people.
 */
function structureInputs(
  text: CharterText | undefined,
  handles: ReadonlyMap<string, string>,
): types.KnownBlock[] {
  const rights: types.InputBlock = {
    type: 'input',
    block_id: charterBlockId('decisionRights'),
    label: { type: 'plain_text', text: 'Who decides what' },
    optional: true,
    element: {
      type: 'plain_text_input',
      action_id: CHARTER.input,
      multiline: true,
      max_length: 2000,
      placeholder: { type: 'plain_text', text: 'One line each: "Roadmap: Ana decides after consulting Gus"' },
      ...(text?.decisionRights?.length ? { initial_value: text.decisionRights.join('\n') } : {}),
    },
  };
  const levelBlocks = ESCALATION_LEVELS.flatMap((level): types.KnownBlock[] => {
    const current = text?.levels?.find((l) => l.level === level);
    const side = (key: 'A' | 'B'): types.KnownBlock[] => {
      const owners = current ? (key === 'A' ? current.sideA : current.sideB) : [];
      const chosen = people(owners);
      const typed = groups(owners).map((id) => `@${handles.get(id) ?? id}`);
      return [
        {
          type: 'input',
          block_id: charterBlockId(`level${level}${key}`),
          label: { type: 'plain_text', text: `Level ${level} · ${SIDE_LABELS[key].toLowerCase()}: people` },
          optional: true,
          element: {
            type: 'multi_users_select',
            action_id: CHARTER.input,
            max_selected_items: 10,
            ...(chosen.length > 0 ? { initial_users: chosen } : {}),
          },
        },
        {
          type: 'input',
          block_id: charterBlockId(`level${level}${key}Group`),
          label: {
            type: 'plain_text',
            text: `Level ${level} · ${SIDE_LABELS[key].toLowerCase()}: user groups`,
          },
          optional: true,
          element: {
            type: 'plain_text_input',
            action_id: CHARTER.input,
            max_length: 200,
            placeholder: { type: 'plain_text', text: '@design-leads' },
            ...(typed.length > 0 ? { initial_value: typed.join(' ') } : {}),
          },
        },
      ];
    };
    return [
      header(`Escalation level ${level}`) as types.KnownBlock,
      ...side('A'),
      ...side('B'),
      {
        type: 'input',
        block_id: charterBlockId(`level${level}Target`),
        label: { type: 'plain_text', text: `Level ${level} target (hours)` },
        optional: true,
        element: {
          type: 'number_input',
          action_id: CHARTER.input,
          is_decimal_allowed: false,
          min_value: '1',
          max_value: String(TARGET_HOURS_MAX),
          ...(current ? { initial_value: String(current.targetMinutes / 60) } : {}),
        },
      },
    ];
  });
  return [rights, ...levelBlocks, reviewCadenceInput(text?.reviewCadence ?? DEFAULT_REVIEW_CADENCE)];
}

const cadenceOption = (cadence: ReviewCadence) => ({
  text: { type: 'plain_text' as const, text: REVIEW_CADENCE_LABELS[cadence] },
  value: cadence,
});

/** How often the channel is asked whether its decision rights and levels are still right. */
function reviewCadenceInput(cadence: ReviewCadence): types.InputBlock {
  return {
    type: 'input',
    block_id: charterBlockId('reviewCadence'),
    label: { type: 'plain_text', text: 'Review the decision rights and escalation levels' },
    hint: {
      type: 'plain_text',
      text: 'Rapport asks the channel, once each time, to confirm or revise them, counting from the last version or confirmation. A charter without decision rights or escalation levels is not reviewed: there is nothing to confirm.',
    },
    element: {
      type: 'static_select',
      action_id: CHARTER.input,
      options: REVIEW_CADENCES.map(cadenceOption),
      initial_option: cadenceOption(cadence),
    },
  };
}

/** The charter form, filled in with the current version when there is one. */
export function charterModal(
  input: CharterFormMetadata & { text?: CharterText; groupHandles?: ReadonlyMap<string, string> },
): types.ModalView {
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
      context(
        'Escalation: `/escalate` takes a disagreement to level 1, and to the next level when its target passes unresolved. A user group is typed as its @handle.',
      ),
      ...structureInputs(input.text, input.groupHandles ?? new Map()),
    ],
  });
}

type StateValue = {
  value?: string | null;
  selected_users?: string[] | null;
  selected_option?: { value?: string } | null;
};
export type CharterFormState = Record<string, Record<string, StateValue> | undefined>;

/** The submitted text of each part, for parseCharter to check. */
export function readCharterForm(values: CharterFormState): CharterForm {
  return Object.fromEntries(
    CHARTER_FIELDS.map((field) => [field, values[charterBlockId(field)]?.[CHARTER.input]?.value]),
  ) as CharterForm;
}

/**
 * The structured parts as typed: people picked, user group handles typed (`@leads`, or an id S…),
 * and each level's target. The listener turns the handles into ids before parseCharterStructure.
 */
export function readCharterStructure(values: CharterFormState) {
  const value = (key: string) => values[charterBlockId(key)]?.[CHARTER.input];
  const handles = (key: string) =>
    (value(key)?.value ?? '')
      .split(/[\s,]+/)
      .map((h) => h.trim())
      .filter((h) => h.length > 0);
  return {
    decisionRights: value('decisionRights')?.value,
    reviewCadence: value('reviewCadence')?.selected_option?.value,
    levels: ESCALATION_LEVELS.map((level) => ({
      sideA: value(`level${level}A`)?.selected_users ?? [],
      sideB: value(`level${level}B`)?.selected_users ?? [],
      groupsA: handles(`level${level}AGroup`),
      groupsB: handles(`level${level}BGroup`),
      targetHours: value(`level${level}Target`)?.value,
    })),
  };
}
export type CharterStructureTyped = ReturnType<typeof readCharterStructure>;

/** Field errors keyed by block_id, as `response_action: 'errors'` wants them. */
export const charterErrorsByBlock = (errors: CharterErrors): Record<string, string> =>
  Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [charterBlockId(field), truncate(message, 2000)]),
  );

/** An error about the whole form, shown on its first part. */
export const charterFormError = (message: string) => charterErrorsByBlock({ goal: message });
