import type { Queryable } from '../db/database.js';
import type { OutboxMessage } from '../db/repos/outbox.js';

/** One occurrence of a ritual that has come due for one participant ('' for the whole channel). */
export type DueOccurrence = {
  /** The first message of the occurrence, or the reminder before its close. */
  purpose: 'prompt' | 'reminder';
  teamId: string;
  ritualId: number;
  kind: string;
  channelId: string;
  participantId: string;
  localDate: string;
  scheduledAt: Date;
  questions: string[];
  closesAt: Date;
  /**
   * For a prompt of a local-time ritual to one person: the zone it was planned in (theirs, or the
   * one assumed for them), so the prompt can say so when it is an assumption.
   */
  personalZone?: string;
};

/** A ritual's day whose close has come: every participant's window for that date has ended. */
export type ClosingDay = {
  teamId: string;
  ritualId: number;
  kind: string;
  channelId: string;
  localDate: string;
};

/**
 * What the scheduler runs for one kind of ritual: its implementation of the prompt, the reminder
 * and the close (the kinds themselves, by id, are RITUAL_KINDS in src/rituals/kinds.ts). The
 * scheduler claims the work exactly once in Postgres and delivers what these return through the
 * outbox; a runner only says what to send.
 */
export type RitualRunner = {
  /**
   * The messages these occurrences send now that they are due (prompts, or the reminders before
   * the close), all of this kind and all due in one tick, inside the scheduler's transaction, so a
   * kind may read or record what it needs: for all of them at once, so a tick of 500 prompts costs
   * a few statements, not a few per prompt.
   */
  messagesFor(tx: Queryable, occurrences: readonly DueOccurrence[]): Promise<OutboxMessage[]>;
  /**
   * The day's close, inside the scheduler's transaction: what to post or update in the channel.
   * Kinds without a close leave it out.
   */
  close?(tx: Queryable, day: ClosingDay, now: Date): Promise<OutboxMessage[]>;
};

/**
 * A runner's messagesFor from one occurrence's: for channel-wide kinds (a retro, a digest), which
 * come due once per channel, not once per person.
 */
export function eachOccurrence(
  messagesOf: (tx: Queryable, occurrence: DueOccurrence) => Promise<OutboxMessage[]>,
): RitualRunner['messagesFor'] {
  return async (tx, occurrences) => {
    const messages: OutboxMessage[] = [];
    for (const occurrence of occurrences) messages.push(...(await messagesOf(tx, occurrence)));
    return messages;
  };
}

/** Each kind's runner, by the kind's id as stored in rituals.kind. */
export type RitualRunners = Readonly<Record<string, RitualRunner>>;
