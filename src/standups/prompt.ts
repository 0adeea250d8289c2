import type { OutboxMessage } from '../db/repos/scheduler.js';
import type { DueOccurrence } from '../scheduler/tick.js';
import { standupPrompt } from '../slack/views/standup/messages.js';

/** A stand-up occurrence sends its participant one DM with the questions and two buttons. */
export function standupPromptMessages(o: DueOccurrence): OutboxMessage[] {
  return [
    {
      teamId: o.teamId,
      dedupeKey: `standup-prompt:${o.ritualId}:${o.participantId}:${o.localDate}`,
      channelId: o.participantId,
      payload: standupPrompt({
        ritualId: o.ritualId,
        localDate: o.localDate,
        channelId: o.channelId,
        questions: o.questions,
      }),
    },
  ];
}
