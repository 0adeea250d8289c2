import { eachOccurrence, type RitualRunner } from '../scheduler/ritual-kind.js';
import { digestMessages } from './digest-messages.js';

/**
 * The weekly digest as the scheduler runs it: at its time, the digest of the week that just ended,
 * posted once in the channel with its chart in the thread. It runs inside the scheduler's
 * transaction, so the week's stored scorecard and the queued messages are kept together, once.
 */
export const digestKind: RitualRunner = {
  messagesFor: eachOccurrence(async (tx, occurrence) => {
    // A channel-wide kind with no reminder: only its one message when it comes due.
    if (occurrence.purpose !== 'prompt') return [];
    return digestMessages(tx, {
      teamId: occurrence.teamId,
      channelId: occurrence.channelId,
      end: occurrence.scheduledAt,
      now: occurrence.scheduledAt,
      key: `digest:${occurrence.ritualId}:${occurrence.localDate}`,
    });
  }),
};
