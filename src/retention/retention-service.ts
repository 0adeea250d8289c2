import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import { insertAuditEntry } from '../db/repos/audit-log.js';
import {
  claimRetentionRun,
  deleteDeliveryRecords,
  deleteReactionStates,
  ensureRetentionSettings,
  type ErasedCounts,
  eraseCheckinAnswers,
  eraseRetroNotes,
  insertRetentionErasures,
  knownWorkspaces,
  type LastRun,
  lastRetentionRun,
  lockRetentionSettings,
  type RetentionDays,
  saveRetentionSettings,
} from '../db/repos/retention.js';
import { recordSetsOf } from '../db/repos/shared-channels.js';
import type { Logger } from '../logger.js';
import { requireAdmin } from '../people/admins.js';
import type { Directory } from '../people/directory.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionService = ReturnType<typeof createRetentionService>;

/** What `/rapport retention` shows: the settings the app runs with, and the latest run. */
export type RetentionStatus = { days: RetentionDays; lastRun: LastRun | undefined };

/**
 * Retention (issue 20, point 3): how long stand-up answers' text, retro notes' text, and kudos
 * reactions' states with the outbox's delivery records are kept. Once a day (UTC), on whichever
 * replica claims the day first, what is older than its limit is erased; the counts the health
 * periods are made of (a check-in's status and blocker flag, a retro's notes) stay, so past digests
 * keep their numbers.
 */
export function createRetentionService(deps: {
  db: Database;
  clock: Clock;
  /** From the environment (config.retention): days to keep each kind, undefined for forever. */
  settings: {
    checkinsDays: number | undefined;
    notesDays: number | undefined;
    eventsDays: number | undefined;
  };
  directory: Directory;
  log: Logger;
}) {
  const days: RetentionDays = {
    checkinsDays: deps.settings.checkinsDays ?? null,
    notesDays: deps.settings.notesDays ?? null,
    eventsDays: deps.settings.eventsDays ?? null,
  };
  const log = deps.log.child({ component: 'retention' });
  let settingsRecorded = false;
  /** The day this process last saw claimed (by it or another replica): not claimed again today. */
  let claimedDay: string | undefined;

  /**
   * Compares the settings with those the app last ran with, under their row's lock, and on a change
   * saves them and writes it to every known workspace's audit log: once, whichever replica starts
   * first, since the next one finds them already saved.
   */
  async function recordSettings(now: Date): Promise<void> {
    await ensureRetentionSettings(deps.db, now);
    await deps.db.transaction(async (tx) => {
      const before = await lockRetentionSettings(tx);
      if (sameDays(before, days)) return;
      await saveRetentionSettings(tx, days, now);
      const detail = settingsDetail(before, days);
      for (const teamId of await knownWorkspaces(tx)) {
        await insertAuditEntry(tx, {
          teamId,
          at: now,
          actorId: 'rapport',
          action: 'retention.settings',
          detail,
        });
      }
      log.info({ before, after: days }, 'retention settings changed');
    });
  }

  return {
    days,

    /**
     * The scheduler's every-tick job: records a change of the settings (once, at this process's
     * first tick), then runs the day's erasure if no replica has. Returns what it erased, by
     * record set, or undefined when the day was already claimed.
     */
    async run(): Promise<Map<string, ErasedCounts> | undefined> {
      const now = deps.clock.now();
      if (!settingsRecorded) {
        await recordSettings(now);
        settingsRecorded = true;
      }
      const runDate = now.toISOString().slice(0, 10);
      if (claimedDay === runDate) return undefined;
      const erased = await deps.db.transaction(async (tx) => {
        if (!(await claimRetentionRun(tx, runDate, days, now))) return undefined;
        const counts = await eraseOlder(tx, days, now);
        await insertRetentionErasures(tx, runDate, counts);
        return counts;
      });
      claimedDay = runDate;
      if (erased) log.info({ runDate, workspaces: erased.size }, 'retention ran');
      return erased;
    },

    /** `/rapport retention`: the settings and the last run, for the workspace's admins and owners. */
    async status(installedTeamId: string, userId: string): Promise<RetentionStatus> {
      await requireAdmin(deps.directory, installedTeamId, userId, 'see the retention settings');
      const sets = await recordSetsOf(deps.db, installedTeamId);
      return { days, lastRun: await lastRetentionRun(deps.db, sets) };
    },
  };
}

/** Erases each kind older than its limit; a kind kept forever is not touched. */
async function eraseOlder(q: Queryable, days: RetentionDays, now: Date): Promise<Map<string, ErasedCounts>> {
  const before = (n: number) => new Date(now.getTime() - n * DAY_MS);
  const none = new Map<string, number>();
  const checkins = days.checkinsDays ? await eraseCheckinAnswers(q, before(days.checkinsDays), now) : none;
  const notes = days.notesDays ? await eraseRetroNotes(q, before(days.notesDays), now) : none;
  const reactions = days.eventsDays ? await deleteReactionStates(q, before(days.eventsDays)) : none;
  const deliveries = days.eventsDays ? await deleteDeliveryRecords(q, before(days.eventsDays)) : none;
  const teams = new Set([...checkins.keys(), ...notes.keys(), ...reactions.keys(), ...deliveries.keys()]);
  return new Map(
    [...teams].map((team) => [
      team,
      {
        checkins: checkins.get(team) ?? 0,
        notes: notes.get(team) ?? 0,
        reactions: reactions.get(team) ?? 0,
        deliveries: deliveries.get(team) ?? 0,
      },
    ]),
  );
}

function sameDays(a: RetentionDays, b: RetentionDays): boolean {
  return a.checkinsDays === b.checkinsDays && a.notesDays === b.notesDays && a.eventsDays === b.eventsDays;
}

/** The audit entry's detail: each setting's days before and now ('forever' when unset). */
function settingsDetail(before: RetentionDays, after: RetentionDays): Record<string, string | number> {
  const value = (n: number | null) => n ?? 'forever';
  return {
    stand_up_answers_days: value(after.checkinsDays),
    stand_up_answers_days_before: value(before.checkinsDays),
    retro_notes_days: value(after.notesDays),
    retro_notes_days_before: value(before.notesDays),
    events_days: value(after.eventsDays),
    events_days_before: value(before.eventsDays),
  };
}
