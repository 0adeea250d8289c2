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
 * What the scheduler needs from each kind of ritual (a stand-up now; retros, pulse checks and
 * digests later). The scheduler claims the work exactly once in Postgres and delivers what these
 * return through the outbox; a kind only says what to send.
 */
export type RitualKind = {
  /**
   * The messages an occurrence sends when it comes due (a prompt, or the reminder before the
   * close), inside the scheduler's transaction, so a kind may read or record what it needs.
   */
  messagesFor(tx: Queryable, occurrence: DueOccurrence): Promise<OutboxMessage[]>;
  /**
   * The day's close, inside the scheduler's transaction: what to post or update in the channel.
   * Kinds without a close leave it out.
   */
  close?(tx: Queryable, day: ClosingDay, now: Date): Promise<OutboxMessage[]>;
};

export type RitualKinds = Readonly<Record<string, RitualKind>>;
