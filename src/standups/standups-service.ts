import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import {
  type Answer,
  clearAway,
  findCheckin,
  lockStandupDay,
  saveAnswers,
  saveSkip,
  setAway,
  standupDayPeople,
  standupsOf,
} from '../db/repos/standups.js';
import { enqueueMessages, type OutboxMessage, withdrawPendingEdits } from '../db/repos/outbox.js';
import { findRitual, type RitualRow } from '../db/repos/rituals.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import { zoneOfPerson } from '../people/time-zones.js';
import { readAnswers } from './checkin.js';
import { summariseDay } from './day-summary.js';
import { settleStandupPrompts } from './settle-prompts.js';
import { standupKeys, standupView } from './standup-views.js';

export type CheckinKey = { teamId: string; userId: string; ritualId: number; localDate: string };

export type StandupService = ReturnType<typeof createStandupService>;

/** A person's stand-up day: opening it, answering, skipping, and the answers' place in the thread. */
export function createStandupService(deps: { db: Database; clock: Clock; directory: Directory }) {
  const ritualFor = async (key: CheckinKey): Promise<RitualRow> => {
    const ritual = await findRitual(deps.db, key.teamId, key.ritualId);
    if (!ritual) throw new UserError('This stand-up no longer exists; nothing was saved.', 'ritual_gone');
    return ritual;
  };

  /**
   * The messages an answer says, in the day's thread: the day's header (queued once, by whichever
   * answer or close comes first), the answers as a reply, or an edit of the reply given earlier;
   * and, for a late answer after the close, the summary counted again.
   */
  const sayAnswers = async (tx: Queryable, ritual: RitualRow, key: CheckinKey, closed: boolean) => {
    const now = deps.clock.now();
    const checkin = await findCheckin(tx, key);
    if (!checkin || checkin.status !== 'answered') return;
    const header = standupKeys.header(ritual.id, key.localDate);
    const reply = standupKeys.checkin(ritual.id, key.localDate, key.userId);
    const target = { teamId: key.teamId, channelId: ritual.channel_id };
    const answers = standupView('standups.checkin', {
      userId: key.userId,
      answers: checkin.answers,
      blocker: checkin.blocker,
    });
    const queued = await enqueueMessages(
      tx,
      [
        { ...target, dedupeKey: header, ...standupView('standups.header', { localDate: key.localDate }) },
        { ...target, dedupeKey: reply, threadOf: header, ...answers },
      ],
      now,
    );
    const later: OutboxMessage[] = [];
    if (!queued.has(reply)) {
      // Answered again: the reply already said shows the new answers.
      await withdrawPendingEdits(tx, key.teamId, reply);
      later.push({ ...target, dedupeKey: `${reply}:edit:${randomUUID()}`, updateOf: reply, ...answers });
    }
    if (closed) {
      // A late answer, after the day closed: its summary counts them now.
      const people = await standupDayPeople(tx, key);
      await withdrawPendingEdits(tx, key.teamId, header);
      later.push({
        ...target,
        dedupeKey: `${header}:late:${randomUUID()}`,
        updateOf: header,
        ...standupView('standups.summary', summariseDay(key.localDate, people)),
      });
    }
    await enqueueMessages(tx, later, now);
  };

  return {
    /** What the modal needs: the ritual's questions and any answers already given that day. */
    async open(key: CheckinKey): Promise<{ ritual: RitualRow; answers: Answer[] | undefined }> {
      const ritual = await ritualFor(key);
      const checkin = await findCheckin(deps.db, key);
      return { ritual, answers: checkin?.status === 'answered' ? checkin.answers : undefined };
    },

    /**
     * Saves the answers and, in the same transaction, says them in the day's thread. The day's row
     * is locked meanwhile, so two people answering the first answer of the day at once get one
     * header and two replies, and an answer and the day's close never miss each other.
     */
    async answer(key: CheckinKey, raw: (string | undefined)[]) {
      const ritual = await ritualFor(key);
      const { answers, blocker } = readAnswers(ritual.questions, raw);
      // The prompt says when they answered, in their own zone.
      const { zone } = await zoneOfPerson(deps, key.teamId, key.userId);
      await deps.db.transaction(async (tx) => {
        const now = deps.clock.now();
        const day = await lockStandupDay(tx, { ...key, channelId: ritual.channel_id, now });
        const before = await findCheckin(tx, key);
        await saveAnswers(tx, { ...key, answers, blocker, now });
        await sayAnswers(tx, ritual, key, day.closed);
        // The first answer (or one after a skip) settles the prompt; an edit of answers says nothing new there.
        if (before?.status !== 'answered') {
          await settleStandupPrompts(tx, key, { kind: 'answered', at: now, zone }, now);
        }
      });
      return { ritual, answers, blocker };
    },

    /**
     * Today's check-in for /checkin: the stand-up of the channel the command is typed in, or the
     * person's only stand-up. "Today" is the day of a prompt still open, else the person's date in
     * the stand-up's zone.
     */
    async today(teamId: string, userId: string, channelId: string): Promise<CheckinKey> {
      const now = deps.clock.now();
      const mine = await standupsOf(deps.db, teamId, userId, now);
      const here = mine.find((s) => s.channel_id === channelId) ?? (mine.length === 1 ? mine[0] : undefined);
      if (!here) {
        throw new UserError(
          mine.length === 0
            ? 'You are not in any stand-up yet. A channel starts one with `/rituals standup mon-fri 09:30 local`.'
            : `You are in several stand-ups: type \`/checkin\` in one of ${mine.map((s) => `<#${s.channel_id}>`).join(', ')}.`,
        );
      }
      // A prompt still open past midnight keeps its own day; otherwise it is today, answered early.
      const localDate = here.open_date ?? DateTime.fromJSDate(now, { zone: here.zone }).toISODate() ?? '';
      return { teamId, userId, ritualId: here.ritual_id, localDate };
    },

    /** Away until a date (inclusive, in the person's own zone): no prompts, shown as away. */
    async away(teamId: string, userId: string, until: string): Promise<void> {
      const { zone } = await zoneOfPerson(deps, teamId, userId);
      const today = DateTime.fromJSDate(deps.clock.now(), { zone }).toISODate() ?? '';
      if (until < today) throw new UserError(`${until} has passed; give the last day you are away.`);
      await setAway(deps.db, { teamId, userId, until, now: deps.clock.now() });
    },

    back: (teamId: string, userId: string) => clearAway(deps.db, teamId, userId),

    /** Records the day off, unless they answered it, and the prompt says so, in one transaction. */
    async skip(key: CheckinKey): Promise<{ ritual: RitualRow; skipped: boolean }> {
      const ritual = await ritualFor(key);
      const skipped = await deps.db.transaction(async (tx) => {
        const now = deps.clock.now();
        if (!(await saveSkip(tx, { ...key, now }))) return false;
        await settleStandupPrompts(tx, key, { kind: 'skipped' }, now);
        return true;
      });
      return { ritual, skipped };
    },
  };
}
