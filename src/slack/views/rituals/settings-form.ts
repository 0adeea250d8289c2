import { z } from 'zod';
import {
  isFormKind,
  type RitualKindName,
  type SettingsErrors,
  type SettingsField,
  type SettingsForm,
} from '../../../rituals/settings.js';
import { RITUAL_SETTINGS, type RitualSettingsBlock, ritualSettingsBlockId } from '../../ids.js';
import { truncate } from '../blocks.js';

/** The settings form's round trip: what it carries in private_metadata, and reading what comes back. */

export const NEW_RITUAL = 'new';
/** Which ritual's form the block ids belong to: its number, or "new". */
export const formKey = (ritualId: number | undefined) => ritualId ?? NEW_RITUAL;

/** Which channel the form configures, which of its rituals if it edits one, and the kind it is drawn for. */
export type SettingsMetadata = { channelId: string; ritualId?: number; kind: RitualKindName };

const metadataShape = z.object({
  c: z.string().regex(/^[CGD][A-Z0-9]+$/),
  r: z.number().int().positive().optional(),
  // Forms opened before pulse checks could be set here were stand-up forms.
  k: z.string().refine(isFormKind).optional(),
});

export const encodeSettingsMetadata = (m: SettingsMetadata) =>
  JSON.stringify({ c: m.channelId, r: m.ritualId, k: m.kind });

export function decodeSettingsMetadata(value: string | undefined): SettingsMetadata | undefined {
  try {
    const parsed = metadataShape.safeParse(JSON.parse(value ?? ''));
    if (parsed.success) {
      const { c, r, k } = parsed.data;
      return { channelId: c, ritualId: r, kind: (k as RitualKindName | undefined) ?? 'standup' };
    }
  } catch {
    // not a form of ours
  }
  return undefined;
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

/**
 * The fields whose contents depend on the kind (what it asks, its close and reminder) have block ids
 * of their own per kind: Slack keeps what was typed into a block whose id stays, so without them
 * switching to a pulse check would keep the stand-up's questions.
 */
const KIND_FIELDS: ReadonlySet<RitualSettingsBlock> = new Set(['questions', 'close', 'reminder']);

/** The block_id of a field in the form drawn for this ritual (or a new one) and kind. */
export const settingsBlockId = (field: RitualSettingsBlock, m: Omit<SettingsMetadata, 'channelId'>) =>
  ritualSettingsBlockId(field, formKey(m.ritualId), KIND_FIELDS.has(field) ? m.kind : undefined);

/** The form's values as text, for parseSettings to check. */
export function readSettingsForm(values: FormState, m: Omit<SettingsMetadata, 'channelId'>): SettingsForm {
  const field = (name: RitualSettingsBlock) =>
    values[settingsBlockId(name, m)]?.[name === 'kind' ? RITUAL_SETTINGS.kind : RITUAL_SETTINGS.input];
  return {
    kind: field('kind')?.selected_option?.value,
    days: field('days')?.selected_options?.map((o) => o.value) ?? [],
    cadence: field('cadence')?.selected_option?.value,
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
  cadence: 'cadence',
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
  m: Omit<SettingsMetadata, 'channelId'>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      settingsBlockId(BLOCK_OF[field as SettingsField], m),
      truncate(message, 2000),
    ]),
  );
}

/** An error about the whole form, shown on its first field. */
export const formError = (message: string, m: Omit<SettingsMetadata, 'channelId'>) =>
  settingsErrorsByBlock({ kind: message }, m);
