import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import {
  type DayClose,
  type DueFollowup,
  type DueSlot,
  type Followup,
  lockDueSlots,
  moveSlots,
  type OccurrenceDecision,
  recordOccurrences,
  scheduleDayCloses,
  scheduleFollowups,
  type Slot,
  takeDueFollowups,
} from '../db/repos/scheduler.js';
import { enqueueMessages, type OutboxMessage } from '../db/repos/outbox.js';
import type { Logger } from '../logger.js';
import type { Weekday } from '../rituals/cadence.js';
import { nextOccurrence, scheduleOf } from '../rituals/schedule.js';
import type { DueOccurrence, RitualRunners } from './ritual-kind.js';

export type TickResult = {
  sent: number;
  missed: number;
  skipped: number;
  away: number;
  answered: number;
  alreadyClaimed: number;
  reminded: number;
  closed: number;
};

export const DEFAULT_GRACE_MS = 2 * 60 * 60 * 1000;

/**
 * The decisions after which a ritual's day closes, for kinds that have a close. Not a day off, and
 * not a day missed during downtime: a summary of a day nobody was asked about is noise.
 */
const CLOSING_STATUSES = new Set<OccurrenceDecision['status']>(['sent', 'away', 'answered']);

type TickDeps = {
  db: Database;
  clock: Clock;
  log: Logger;
  kinds: RitualRunners;
  graceMs?: number;
  batchSize?: number;
  /** Told, for each occurrence sent, how many seconds after it was due (for metrics). */
  lateness?: (seconds: number) => void;
};

/**
 * One tick of the scheduler: claims every slot that is due, decides each occurrence once (sent;
 * missed if it is older than the grace period; skipped for a day off; away; answered when the
 * person checked in before the prompt was due), queues the messages of those sent, plans the
 * reminders and the day's close, and moves each slot on, all in one transaction per batch. Then it
 * runs the follow-ups that are due. Running it twice, or on several replicas at once, sends
 * nothing twice: the database holds the claims.
 */
export async function runTick(deps: TickDeps): Promise<TickResult> {
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
    closed: 0,
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
      await enqueueMessages(tx, await messagesOf(deps.kinds, tx, sent), now);
      await scheduleFollowups(tx, sent.flatMap(reminderFor));
      // Before the slots move on: the day closes after the last of its participants' windows.
      await scheduleDayCloses(
        tx,
        running
          .filter(
            (slot, i) =>
              fresh.has(i) &&
              CLOSING_STATUSES.has(decisions[i]?.status ?? 'skipped') &&
              deps.kinds[slot.kind]?.close,
          )
          .map(dayCloseOf),
      );
      const moved = nextSlots(due);
      await moveSlots(tx, moved);
      for (const [i, d] of decisions.entries()) {
        if (fresh.has(i)) total[d.status] += 1;
        else total.alreadyClaimed += 1;
        if (fresh.has(i) && d.status === 'sent')
          deps.lateness?.((now.getTime() - d.scheduledAt.getTime()) / 1000);
      }
      return { full: due.length === batchSize, dueAgain: moved.some((slot) => slot.nextAt <= now) };
    });
    // A slot long overdue comes due again at its next occurrence: go on until nothing is due. A
    // batch short of full took all that was due (a replica's locked rows are that replica's).
    if (!batch.full && !batch.dueAgain) break;
  }
  const followups = await runFollowups(deps, now, batchSize);
  total.reminded = followups.reminded;
  total.closed = followups.closed;
  if (Object.values(total).some((n) => n > 0)) deps.log.info({ ...total }, 'scheduler tick');
  return total;
}

/**
 * The follow-ups that are due, each taken once: a reminder to whoever has not checked in, skipped
 * or gone away (never after the close), and the close of a ritual's day.
 */
async function runFollowups(deps: TickDeps, now: Date, batchSize: number) {
  const done = { reminded: 0, closed: 0 };
  for (;;) {
    const taken = await deps.db.transaction(async (tx) => {
      const due = await takeDueFollowups(tx, now, batchSize);
      const reminders = due
        .filter((f) => f.kind === 'reminder' && !f.settled && now < f.expires_at)
        .map((f) => reminderOccurrence(f, now));
      // A kind may find the person has answered its own way (a pulse survey) and send nothing.
      const reminded = await messagesOf(deps.kinds, tx, reminders);
      await enqueueMessages(tx, reminded, now);
      done.reminded += reminded.length;
      for (const followup of due) {
        if (followup.kind === 'close') done.closed += await closeDay(deps, tx, followup, now);
      }
      return due.length;
    });
    // A batch short of full took all that was due.
    if (taken < batchSize) return done;
  }
}

/** What each kind sends for these occurrences: one call per kind, for all of its occurrences. */
async function messagesOf(
  kinds: RitualRunners,
  tx: Queryable,
  occurrences: readonly DueOccurrence[],
): Promise<OutboxMessage[]> {
  const byKind = new Map<string, DueOccurrence[]>();
  for (const o of occurrences) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
  const messages: OutboxMessage[] = [];
  for (const [kind, ofKind] of byKind) messages.push(...((await kinds[kind]?.messagesFor(tx, ofKind)) ?? []));
  return messages;
}

function reminderOccurrence(f: DueFollowup, now: Date): DueOccurrence {
  return {
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
  };
}

async function closeDay(deps: TickDeps, tx: Queryable, f: DueFollowup, now: Date): Promise<number> {
  const close = deps.kinds[f.ritual_kind]?.close;
  if (!close || now >= f.expires_at) return 0;
  const day = {
    teamId: f.team_id,
    ritualId: f.ritual_id,
    kind: f.ritual_kind,
    channelId: f.channel_id,
    localDate: f.local_date,
  };
  await enqueueMessages(tx, await close(tx, day, now), now);
  return 1;
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

function dayCloseOf(slot: DueSlot): DayClose {
  return {
    teamId: slot.team_id,
    ritualId: slot.ritual_id,
    localDate: slot.next_local_date,
    dueAt: new Date(slot.next_at.getTime() + slot.close_after_minutes * 60_000),
    closeAfterMinutes: slot.close_after_minutes,
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
    ...(slot.ritual_zone === 'local' && slot.participant_id !== '' ? { personalZone: slot.zone } : {}),
  };
}

/**
 * Each slot moved to the occurrence after the one just decided. Slots of one ritual in one zone
 * due at one instant move alike, so each such group's next occurrence is found once (a 500-person
 * stand-up is one look-up, not 500: each costs zone arithmetic).
 */
function nextSlots(due: readonly DueSlot[]): Slot[] {
  const found = new Map<string, ReturnType<typeof nextOccurrence>>();
  return due.map((slot) => {
    const key = `${slot.team_id}\u0000${slot.ritual_id}\u0000${slot.zone}\u0000${slot.next_at.getTime()}`;
    if (!found.has(key)) {
      const schedule = scheduleOf({ ...slot, days: slot.days as Weekday[] });
      found.set(key, nextOccurrence(schedule, slot.zone, slot.next_at));
    }
    const next = found.get(key);
    return {
      teamId: slot.team_id,
      ritualId: slot.ritual_id,
      participantId: slot.participant_id,
      zone: slot.zone,
      nextLocalDate: next?.localDate ?? slot.next_local_date,
      nextAt: next?.at ?? new Date(8.64e15),
    };
  });
}
