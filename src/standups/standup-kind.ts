import { zoneNoticeFor } from '../rituals/zone-notice.js';
import type { RitualRunner } from '../scheduler/ritual-kind.js';
import { closeStandupDay } from './close-day.js';
import { standupPromptMessages } from './prompt.js';

/** The async stand-up as the scheduler runs it: a DM prompt, a reminder, and the day's close. */
export const standupKind: RitualRunner = {
  messagesFor: async (tx, occurrence) =>
    standupPromptMessages(occurrence, await zoneNoticeFor(tx, occurrence)),
  close: closeStandupDay,
};
