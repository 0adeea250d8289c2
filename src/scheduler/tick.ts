import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  moveSlots,
  type DueSlot,
  enqueueMessages,
  lockDueSlots,
  type OccurrenceDecision,
  type OutboxMessage,
  recordOccurrences,
  type Slot,
} from '../db/repos/scheduler.js';
import type { Logger } from '../logger.js';
import { nextOccurrence, type Weekday } from '../rituals/schedule.js';

export type DueOccurrence = {
  teamId: string;
  ritualId: number;
  kind: string;
  channelId: string;
  participantId: string;
  localDate: string;
  scheduledAt: Date;
  questions: string[];
};

/** What a ritual kind sends when one of its occurrences comes due (a stand-up: a DM prompt). */
export type MessagesFor = (occurrence: DueOccurrence) => OutboxMessage[];

export type TickResult = {
  sent: number;
  missed: number;
  skipped: number;
  away: number;
  answered: number;
  alreadyClaimed: number;
};

export const DEFAULT_GRACE_MS = 2 * 60 * 60 * 1000;

/**
 * One tick of the scheduler: claims every slot that is due, decides each occurrence once (sent;
 * missed if it is older than the grace period; skipped for a day off; away; answered when the
 * person checked in before the prompt was due), queues the messages of
 * those sent, and moves each slot on, all in one transaction per batch. Running it twice, or on
 * several replicas at once, sends nothing twice: the database holds the claims.
 */
export async function runTick(deps: {
  db: Database;
  clock: Clock;
  log: Logger;
  messagesFor: MessagesFor;
  graceMs?: number;
  batchSize?: number;
}): Promise<TickResult> {
  const now = deps.clock.now();
  const graceMs = deps.graceMs ?? DEFAULT_GRACE_MS;
  const batchSize = deps.batchSize ?? 500;
  const total: TickResult = { sent: 0, missed: 0, skipped: 0, away: 0, answered: 0, alreadyClaimed: 0 };
  for (;;) {
    const batch = await deps.db.transaction(async (tx) => {
      const due = await lockDueSlots(tx, now, batchSize);
      // A paused ritual's slots move on without an occurrence.
      const running = due.filter((slot) => !slot.paused);
      const decisions = running.map((slot) => decide(slot, now, graceMs));
      const fresh = await recordOccurrences(tx, decisions, now);
      const messages = running.flatMap((slot, i) =>
        fresh.has(i) && decisions[i]?.status === 'sent' ? deps.messagesFor(occurrenceOf(slot)) : [],
      );
      await enqueueMessages(tx, messages, now);
      await moveSlots(tx, due.map(nextSlot));
      for (const [i, d] of decisions.entries()) {
        if (fresh.has(i)) total[d.status] += 1;
        else total.alreadyClaimed += 1;
      }
      return due.length;
    });
    // A slot long overdue comes due again at its next occurrence: go on until nothing is due.
    if (batch === 0) break;
  }
  if (Object.values(total).some((n) => n > 0)) deps.log.info({ ...total }, 'scheduler tick');
  return total;
}

function decide(slot: DueSlot, now: Date, graceMs: number): OccurrenceDecision {
  const late = now.getTime() - slot.next_at.getTime() > graceMs;
  return {
    teamId: slot.team_id,
    ritualId: slot.ritual_id,
    participantId: slot.participant_id,
    localDate: slot.next_local_date,
    scheduledAt: slot.next_at,
    status: slot.skipped
      ? 'skipped'
      : slot.away
        ? 'away'
        : slot.checked_in
          ? 'answered'
          : late
            ? 'missed'
            : 'sent',
  };
}

function occurrenceOf(slot: DueSlot): DueOccurrence {
  return {
    teamId: slot.team_id,
    ritualId: slot.ritual_id,
    kind: slot.kind,
    channelId: slot.channel_id,
    participantId: slot.participant_id,
    localDate: slot.next_local_date,
    scheduledAt: slot.next_at,
    questions: slot.questions,
  };
}

/** The slot moved to the occurrence after the one just decided. */
function nextSlot(slot: DueSlot): Slot {
  const schedule = { days: slot.days as Weekday[], time: slot.time_of_day, zone: slot.zone };
  const next = nextOccurrence(schedule, slot.zone, slot.next_at);
  return {
    teamId: slot.team_id,
    ritualId: slot.ritual_id,
    participantId: slot.participant_id,
    zone: slot.zone,
    nextLocalDate: next?.localDate ?? slot.next_local_date,
    nextAt: next?.at ?? new Date(8.64e15),
  };
}
