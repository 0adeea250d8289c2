import type { types } from '@slack/bolt';
import type { RitualRow } from '../../../db/repos/rituals.js';
import { CADENCES, type Cadence } from '../../../rituals/cadence.js';
import { KIND_LABELS } from '../../../rituals/kinds.js';
import { DAY_NAMES, describeSchedule, scheduleOf } from '../../../rituals/schedule.js';
import {
  CLOSE_AFTER_HOURS,
  MAX_QUESTIONS,
  NO_REMINDER,
  QUESTION_WORDS,
  REMINDER_MINUTES,
  RITUAL_KIND_NAMES,
  type RitualSettings,
  ZONE_MODES,
} from '../../../rituals/settings.js';
import { RITUAL_SETTINGS, type RitualSettingsBlock } from '../../ids.js';
import { encodeSettingsMetadata, formKey, NEW_RITUAL, settingsBlockId } from './settings-form.js';
import { context, LIMITS, truncate } from '../blocks.js';
import { formModal } from '../form-modal.js';

/** Slack's limits for the parts of a form. */
const OPTION_TEXT_MAX = 75;
const STATIC_SELECT_MAX_OPTIONS = 100;
const TITLE_MAX = 24;
const INPUT_MAX_LENGTH = 3000;

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
const CADENCE_LABELS: Record<Cadence, string> = {
  weekly: 'Every week',
  biweekly: 'Every other week, from the first run',
  monthly: 'The first such weekday of each month',
  quarterly: 'The first such weekday of January, April, July and October',
};
const QUESTION_HINTS = {
  standup: `One question per line, up to ${MAX_QUESTIONS}.`,
  pulse: `One statement per line, up to ${MAX_QUESTIONS}. Each is answered anonymously from 1 (strongly disagree) to 5 (strongly agree); results show only with 3 or more answers.`,
};
const ZONE_LABELS = {
  [ZONE_MODES.local]: "Each person's own time zone",
  [ZONE_MODES.fixed]: 'One zone for everyone',
};

/** One labelled input of the form. */
function input(
  field: RitualSettingsBlock,
  form: { ritualId?: number; kind: RitualSettings['kind'] },
  label: string,
  element: types.InputBlockElement,
  extra: { hint?: string; optional?: boolean; dispatch?: boolean } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: settingsBlockId(field, form),
    label: { type: 'plain_text', text: label },
    element,
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.dispatch ? { dispatch_action: true } : {}),
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
        option(`${r.id} · ${KIND_LABELS[r.kind]} · ${describeSchedule(scheduleOf(r))}`, String(r.id)),
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
  const form = { ritualId, kind: settings.kind };
  const words = QUESTION_WORDS[settings.kind];
  const cadences = CADENCES.map((c) => option(CADENCE_LABELS[c], c));
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
    input(
      'kind',
      form,
      'Kind',
      {
        type: 'static_select',
        action_id: RITUAL_SETTINGS.kind,
        options: kinds,
        initial_option: kinds.find((o) => o.value === settings.kind) ?? kinds[0],
      },
      { dispatch: true },
    ),
    input('days', form, 'Days', {
      type: 'checkboxes',
      action_id: RITUAL_SETTINGS.input,
      options: days,
      initial_options: days.filter((o) => settings.days.includes(Number(o.value) as never)),
    }),
    input('cadence', form, 'Repeats', {
      type: 'static_select',
      action_id: RITUAL_SETTINGS.input,
      options: cadences,
      initial_option: cadences.find((o) => o.value === settings.cadence) ?? cadences[0],
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
      words.many.charAt(0).toUpperCase() + words.many.slice(1),
      {
        type: 'plain_text_input',
        action_id: RITUAL_SETTINGS.input,
        multiline: true,
        max_length: INPUT_MAX_LENGTH,
        initial_value: settings.questions.join('\n'),
      },
      { hint: QUESTION_HINTS[settings.kind] },
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
  return formModal({
    callbackId: RITUAL_SETTINGS.view,
    metadata: encodeSettingsMetadata({ channelId: input_.channelId, ritualId, kind: settings.kind }),
    title: ritualSettingsTitle(ritualId),
    submit: ritualId === undefined ? 'Create' : 'Save',
    blocks,
  });
}

/** The settings form's title, for a new ritual or ritual `ritualId`; also shown while it loads. */
export function ritualSettingsTitle(ritualId: number | undefined): string {
  return truncate(ritualId === undefined ? 'New ritual' : `Edit ritual ${ritualId}`, TITLE_MAX);
}
