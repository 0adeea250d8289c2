import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { RitualRow } from '../../../db/repos/rituals.js';
import { DAY_NAMES, describeSchedule } from '../../../rituals/schedule.js';
import {
  CLOSE_AFTER_HOURS,
  MAX_QUESTIONS,
  NO_REMINDER,
  REMINDER_MINUTES,
  RITUAL_KIND_NAMES,
  type RitualSettings,
  type SettingsErrors,
  type SettingsField,
  type SettingsForm,
  ZONE_MODES,
} from '../../../rituals/settings.js';
import { RITUAL_SETTINGS, type RitualSettingsBlock, ritualSettingsBlockId } from '../../ids.js';
import { context, LIMITS, truncate } from '../blocks.js';

/** Slack's limits for the parts of a form. */
const OPTION_TEXT_MAX = 75;
const STATIC_SELECT_MAX_OPTIONS = 100;
const TITLE_MAX = 24;
const INPUT_MAX_LENGTH = 3000;

/** Which channel the form configures, and which of its rituals, if it edits one. */
export type SettingsMetadata = { channelId: string; ritualId?: number };

const metadataShape = z.object({
  c: z.string().regex(/^[CGD][A-Z0-9]+$/),
  r: z.number().int().positive().optional(),
});

export const encodeSettingsMetadata = (m: SettingsMetadata) =>
  JSON.stringify({ c: m.channelId, r: m.ritualId });

export function decodeSettingsMetadata(value: string | undefined): SettingsMetadata | undefined {
  try {
    const parsed = metadataShape.safeParse(JSON.parse(value ?? ''));
    if (parsed.success) return { channelId: parsed.data.c, ritualId: parsed.data.r };
  } catch {
    // not a form of ours
  }
  return undefined;
}

const NEW_RITUAL = 'new';
const formKey = (ritualId: number | undefined) => ritualId ?? NEW_RITUAL;

type Option = { text: { type: 'plain_text'; text: string }; value: string };
const option = (text: string, value: string): Option => ({
  text: { type: 'plain_text', text: truncate(text, OPTION_TEXT_MAX) },
  value,
});

const hoursLabel = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60} h${minutes === 60 ? 'our' : 'ours'}` : `${minutes} minutes`;

function closeOptions(current: number): Option[] {
  const choices = CLOSE_AFTER_HOURS.map((h) => h * 60);
  // A ritual set otherwise keeps its value when edited, rather than jumping to another.
  const all = choices.includes(current) ? choices : [...choices, current].sort((a, b) => a - b);
  return all.map((m) => option(`${hoursLabel(m)} after the prompt`, String(m)));
}

function reminderOptions(current: number | null): Option[] {
  const choices: number[] = [...REMINDER_MINUTES];
  const all =
    current === null || choices.includes(current) ? choices : [...choices, current].sort((a, b) => a - b);
  return [
    option('No reminder', NO_REMINDER),
    ...all.map((m) => option(`${m < 60 ? `${m} minutes` : hoursLabel(m)} before the close`, String(m))),
  ];
}

const DAY_LABELS = DAY_NAMES.map((d) => d.charAt(0).toUpperCase() + d.slice(1));
const ZONE_LABELS = {
  [ZONE_MODES.local]: "Each person's own time zone",
  [ZONE_MODES.fixed]: 'One zone for everyone',
};

/** One labelled input of the form. */
function input(
  field: RitualSettingsBlock,
  form: number | 'new',
  label: string,
  element: types.InputBlockElement,
  extra: { hint?: string; optional?: boolean } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: ritualSettingsBlockId(field, form),
    label: { type: 'plain_text', text: label },
    element,
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: { type: 'plain_text', text: extra.hint } } : {}),
  };
}

/** The first block: start a new ritual, or pick one of the channel's to edit. */
function ritualPicker(existing: RitualRow[], ritualId: number | undefined): types.ActionsBlock {
  const options = [
    option('New ritual', NEW_RITUAL),
    ...existing
      .slice(0, STATIC_SELECT_MAX_OPTIONS - 1)
      .map((r) =>
        option(
          `${r.id} · ${RITUAL_KIND_NAMES[r.kind]} · ${describeSchedule({ days: r.days, time: r.time_of_day, zone: r.zone })}`,
          String(r.id),
        ),
      ),
  ];
  return {
    type: 'actions',
    block_id: RITUAL_SETTINGS.pickBlock,
    elements: [
      {
        type: 'static_select',
        action_id: RITUAL_SETTINGS.pick,
        options,
        initial_option: options.find((o) => o.value === String(formKey(ritualId))) ?? options[0],
      },
    ],
  };
}

/**
 * The form to create a ritual in a channel or change one of its rituals, filled with `settings`.
 * When the channel has rituals, its first block switches between them.
 */
export function ritualSettingsModal(input_: {
  channelId: string;
  ritualId?: number;
  settings: RitualSettings;
  existing: RitualRow[];
  notice?: string;
}): types.ModalView {
  const { settings, ritualId } = input_;
  const form = formKey(ritualId);
  const kinds = Object.entries(RITUAL_KIND_NAMES).map(([value, text]) => option(text, value));
  const days = DAY_LABELS.map((text, i) => option(text, String(i + 1)));
  const zoneModes = Object.entries(ZONE_LABELS).map(([value, text]) => option(text, value));
  const zoneMode = settings.zone === 'local' ? ZONE_MODES.local : ZONE_MODES.fixed;
  const close = closeOptions(settings.closeAfterMinutes);
  const reminder = reminderOptions(settings.reminderBeforeCloseMinutes);
  const reminderValue = settings.reminderBeforeCloseMinutes?.toString() ?? NO_REMINDER;

  const blocks: types.KnownBlock[] = [
    context(
      ritualId === undefined
        ? `A new ritual for <#${input_.channelId}>`
        : `Ritual ${ritualId} in <#${input_.channelId}>`,
      ...(input_.notice ? [input_.notice] : []),
    ),
    ...(input_.existing.length > 0 ? [ritualPicker(input_.existing, ritualId)] : []),
    input('kind', form, 'Kind', {
      type: 'static_select',
      action_id: RITUAL_SETTINGS.input,
      options: kinds,
      initial_option: kinds.find((o) => o.value === settings.kind) ?? kinds[0],
    }),
    input('days', form, 'Days', {
      type: 'checkboxes',
      action_id: RITUAL_SETTINGS.input,
      options: days,
      initial_options: days.filter((o) => settings.days.includes(Number(o.value) as never)),
    }),
    input('time', form, 'Time', {
      type: 'timepicker',
      action_id: RITUAL_SETTINGS.input,
      initial_time: settings.time,
    }),
    input('zone_mode', form, 'Whose clock', {
      type: 'radio_buttons',
      action_id: RITUAL_SETTINGS.input,
      options: zoneModes,
      initial_option: zoneModes.find((o) => o.value === zoneMode) ?? zoneModes[0],
    }),
    input(
      'zone',
      form,
      'Time zone for everyone',
      {
        type: 'plain_text_input',
        action_id: RITUAL_SETTINGS.input,
        max_length: 100,
        placeholder: { type: 'plain_text', text: 'Europe/Berlin' },
        ...(zoneMode === ZONE_MODES.fixed ? { initial_value: settings.zone } : {}),
      },
      { optional: true, hint: 'Only with "One zone for everyone": a zone such as Europe/Berlin.' },
    ),
    input(
      'questions',
      form,
      'Questions',
      {
        type: 'plain_text_input',
        action_id: RITUAL_SETTINGS.input,
        multiline: true,
        max_length: INPUT_MAX_LENGTH,
        initial_value: settings.questions.join('\n'),
      },
      { hint: `One question per line, up to ${MAX_QUESTIONS}.` },
    ),
    input(
      'participants',
      form,
      'Participants',
      {
        type: 'multi_users_select',
        action_id: RITUAL_SETTINGS.input,
        placeholder: { type: 'plain_text', text: 'Everyone in the channel' },
        ...(settings.participants ? { initial_users: settings.participants } : {}),
      },
      {
        optional: true,
        hint: 'Leave empty for everyone in the channel, as people join and leave. Bots and deactivated accounts are left out.',
      },
    ),
    input('close', form, 'Closes', {
      type: 'static_select',
      action_id: RITUAL_SETTINGS.input,
      options: close,
      initial_option: close.find((o) => o.value === String(settings.closeAfterMinutes)) ?? close[0],
    }),
    input('reminder', form, 'Reminder to those who have not answered', {
      type: 'static_select',
      action_id: RITUAL_SETTINGS.input,
      options: reminder,
      initial_option: reminder.find((o) => o.value === reminderValue) ?? reminder[0],
    }),
  ];
  if (blocks.length > LIMITS.blocksPerView) throw new Error(`a view holds ${LIMITS.blocksPerView} blocks`);
  return {
    type: 'modal',
    callback_id: RITUAL_SETTINGS.view,
    private_metadata: encodeSettingsMetadata({ channelId: input_.channelId, ritualId }),
    title: {
      type: 'plain_text',
      text: truncate(ritualId === undefined ? 'New ritual' : `Edit ritual ${ritualId}`, TITLE_MAX),
    },
    submit: { type: 'plain_text', text: ritualId === undefined ? 'Create' : 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** What Slack sends back of an input: state.values[block_id][action_id]. */
type StateValue = {
  value?: string | null;
  selected_time?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_users?: string[];
};
export type FormState = Record<string, Record<string, StateValue> | undefined>;

/** The form's values as text, for parseSettings to check. */
export function readSettingsForm(values: FormState, ritualId: number | undefined): SettingsForm {
  const form = formKey(ritualId);
  const field = (name: RitualSettingsBlock) =>
    values[ritualSettingsBlockId(name, form)]?.[RITUAL_SETTINGS.input];
  return {
    kind: field('kind')?.selected_option?.value,
    days: field('days')?.selected_options?.map((o) => o.value) ?? [],
    time: field('time')?.selected_time,
    zoneMode: field('zone_mode')?.selected_option?.value,
    zone: field('zone')?.value,
    questions: field('questions')?.value,
    participants: field('participants')?.selected_users ?? [],
    closeAfterMinutes: field('close')?.selected_option?.value,
    reminder: field('reminder')?.selected_option?.value,
  };
}

const BLOCK_OF: Record<SettingsField, RitualSettingsBlock> = {
  kind: 'kind',
  days: 'days',
  time: 'time',
  zone: 'zone',
  questions: 'questions',
  participants: 'participants',
  close: 'close',
  reminder: 'reminder',
};

/** Field errors keyed by block_id, as `response_action: 'errors'` wants them. */
export function settingsErrorsByBlock(
  errors: SettingsErrors,
  ritualId: number | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      ritualSettingsBlockId(BLOCK_OF[field as SettingsField], formKey(ritualId)),
      truncate(message, 2000),
    ]),
  );
}

/** An error about the whole form, shown on its first field. */
export const formError = (message: string, ritualId: number | undefined) =>
  settingsErrorsByBlock({ kind: message }, ritualId);
