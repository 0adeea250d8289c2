import { zoneNoticesFor } from '../rituals/zone-notice.js';
import type { RitualRunner } from '../scheduler/ritual-kind.js';
import { closeStandupDay } from './close-day.js';
import { standupPromptMessages } from './prompt.js';

/** The async stand-up as the scheduler runs it: a DM prompt, a reminder, and the day's close. */
export const standupKind: RitualRunner = {
  async messagesFor(tx, occurrences) {
    const zones = await zoneNoticesFor(tx, occurrences);
    return occurrences.flatMap((occurrence, i) => standupPromptMessages(occurrence, zones[i]));
  },
  close: closeStandupDay,
};
