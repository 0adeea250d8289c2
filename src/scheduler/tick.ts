import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  moveSlots,
  type DueSlot,
  enqueueMessages,
  type Followup,
  lockDueSlots,
  type OccurrenceDecision,
  type OutboxMessage,
  recordOccurrences,
  scheduleFollowups,
  type Slot,
  takeDueFollowups,
} from '../db/repos/scheduler.js';
import type { Logger } from '../logger.js';
import { nextOccurrence, type Weekday } from '../rituals/schedule.js';

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

/** What a ritual kind sends when one of its occurrences comes due (a stand-up: a DM prompt). */
export type MessagesFor = (occurrence: DueOccurrence) => OutboxMessage[];

export type TickResult = {
  sent: number;
  missed: number;
  skipped: number;
  away: number;
  answered: number;
  alreadyClaimed: number;
  reminded: number;
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
  const total: TickResult = {
    sent: 0,
    missed: 0,
    skipped: 0,
    away: 0,
    answered: 0,
    alreadyClaimed: 0,
    reminded: 0,
  };
  for (;;) {
    const batch = await deps.db.transaction(async (tx) => {
      const due = await lockDueSlots(tx, now, batchSize);
      // A paused ritual's slots move on without an occurrence.
      const running = due.filter((slot) => !slot.paused);
      const decisions = running.map((slot) => decide(slot, now, graceMs));
      const fresh = await recordOccurrences(tx, decisions, now);
      const sent = running
        .filter((_, i) => fresh.has(i) && decisions[i]?.status === 'sent')
        .map(occurrenceOf);
      await enqueueMessages(tx, sent.flatMap(deps.messagesFor), now);
      await scheduleFollowups(tx, sent.flatMap(reminderFor));
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
  total.reminded = await sendReminders(deps, now, batchSize);
  if (Object.values(total).some((n) => n > 0)) deps.log.info({ ...total }, 'scheduler tick');
  return total;
}

/** Reminds those who have not checked in, skipped or gone away, once, and never after the close. */
async function sendReminders(deps: { db: Database; messagesFor: MessagesFor }, now: Date, batchSize: number) {
  let reminded = 0;
  for (;;) {
    const taken = await deps.db.transaction(async (tx) => {
      const due = await takeDueFollowups(tx, now, batchSize);
      const needed = due.filter((f) => !f.settled && now < f.expires_at);
      const messages = needed.flatMap((f) =>
        deps.messagesFor({
          purpose: 'reminder',
          teamId: f.team_id,
          ritualId: f.ritual_id,
          kind: f.ritual_kind,
          channelId: f.channel_id,
          participantId: f.participant_id,
          localDate: f.local_date,
          scheduledAt: now,
          questions: f.questions,
          closesAt: f.expires_at,
        }),
      );
      await enqueueMessages(tx, messages, now);
      reminded += needed.length;
      return due.length;
    });
    if (taken === 0) return reminded;
  }
}

/** The reminder an occurrence sent now will need, if its ritual has one. */
function reminderFor(o: DueOccurrence & { reminderBeforeCloseMinutes: number | null }): Followup[] {
  if (o.reminderBeforeCloseMinutes === null) return [];
  return [
    {
      teamId: o.teamId,
      ritualId: o.ritualId,
      participantId: o.participantId,
      localDate: o.localDate,
      kind: 'reminder',
      dueAt: new Date(o.closesAt.getTime() - o.reminderBeforeCloseMinutes * 60_000),
      expiresAt: o.closesAt,
    },
  ];
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

function occurrenceOf(slot: DueSlot): DueOccurrence & { reminderBeforeCloseMinutes: number | null } {
  return {
    purpose: 'prompt',
    teamId: slot.team_id,
    ritualId: slot.ritual_id,
    kind: slot.kind,
    channelId: slot.channel_id,
    participantId: slot.participant_id,
    localDate: slot.next_local_date,
    scheduledAt: slot.next_at,
    questions: slot.questions,
    closesAt: new Date(slot.next_at.getTime() + slot.close_after_minutes * 60_000),
    reminderBeforeCloseMinutes: slot.reminder_before_close_minutes,
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
