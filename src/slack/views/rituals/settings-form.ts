import { z } from 'zod';
import type { SettingsErrors, SettingsField, SettingsForm } from '../../../rituals/settings.js';
import { RITUAL_SETTINGS, type RitualSettingsBlock, ritualSettingsBlockId } from '../../ids.js';
import { truncate } from '../blocks.js';

/** The settings form's round trip: what it carries in private_metadata, and reading what comes back. */

export const NEW_RITUAL = 'new';
/** Which ritual's form the block ids belong to: its number, or "new". */
export const formKey = (ritualId: number | undefined) => ritualId ?? NEW_RITUAL;

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
