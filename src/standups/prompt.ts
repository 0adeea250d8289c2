import type { OutboxMessage } from '../db/repos/outbox.js';
import type { ZoneNotice } from '../rituals/zone-notice.js';
import type { DueOccurrence } from '../scheduler/ritual-kind.js';
import { standupKeys, standupView } from './standup-views.js';

/**
 * A stand-up occurrence sends its participant one DM with the questions and two buttons, and,
 * if they have not answered before the close draws near, one reminder like it.
 */
export function standupPromptMessages(o: DueOccurrence, zone?: ZoneNotice): OutboxMessage[] {
  return [
    {
      teamId: o.teamId,
      dedupeKey: standupKeys.dm(o.purpose, o.ritualId, o.participantId, o.localDate),
      channelId: o.participantId,
      // It asks them to answer: it goes before notifications waiting for them.
      asks: true,
      ...standupView('standups.prompt', {
        ritualId: o.ritualId,
        localDate: o.localDate,
        channelId: o.channelId,
        questions: o.questions,
        reminderClosesAt: o.purpose === 'reminder' ? o.closesAt : undefined,
        ...(zone ? { zone } : {}),
      }),
    },
  ];
}
