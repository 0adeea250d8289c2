import { DateTime } from 'luxon';
import { retroOfRitualDay } from '../db/repos/retros.js';
import { eachOccurrence, type RitualRunner } from '../scheduler/ritual-kind.js';
import { closeRetro, openRetro } from './retros-service.js';

/**
 * A scheduled retro as the scheduler runs it: at its time one message in the channel (with the
 * channel's open action items at the top), and at its close the summary, once. Both run inside the
 * scheduler's transaction, so the retro and its messages are recorded together.
 */
export const retroKind: RitualRunner = {
  messagesFor: eachOccurrence(async (tx, occurrence) => {
    // A channel-wide kind: it has no reminders, only its one message when it opens.
    if (occurrence.purpose !== 'prompt') return [];
    const { messages } = await openRetro(tx, {
      teamId: occurrence.teamId,
      channelId: occurrence.channelId,
      title: DateTime.fromISO(occurrence.localDate).toFormat('cccc, d LLLL'),
      startKey: `ritual:${occurrence.ritualId}:${occurrence.localDate}`,
      startedBy: null,
      ritualId: occurrence.ritualId,
      localDate: occurrence.localDate,
      now: occurrence.scheduledAt,
    });
    return messages;
  }),

  async close(tx, day, now) {
    const retro = await retroOfRitualDay(tx, day);
    if (!retro) return [];
    return (await closeRetro(tx, retro, null, now)) ?? [];
  },
};
