import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  deleteRitual,
  findRitual,
  insertRitual,
  insertSkip,
  type RitualRow,
  ritualsOfChannel,
  setRitualPaused,
  skippedDates,
} from '../db/repos/rituals.js';
import { UserError } from '../errors.js';
import { deleteSlotsOf, localRitualsOf, moveSlots } from '../db/repos/scheduler.js';
import type { Directory, Person } from '../people/directory.js';
import { type ChannelMembers, syncRitualSlots } from './participants.js';
import { nextOccurrence, type Occurrence, type Schedule, type Weekday } from './schedule.js';

export const DEFAULT_STANDUP_QUESTIONS = [
  'What did you get done since last time?',
  'What will you do next?',
  'Anything blocking you?',
];

/** At most this many rituals per channel: enough for any real team, a bound for everything else. */
export const MAX_RITUALS_PER_CHANNEL = 20;

export type RitualView = RitualRow & {
  schedule: Schedule;
  /** The next time it runs for the person asking (their zone when the ritual is local). */
  next: Occurrence | undefined;
};

type Deps = { db: Database; directory: Directory; clock: Clock; members: ChannelMembers };
type Actor = { teamId: string; channelId: string; userId: string };

export type RitualsService = ReturnType<typeof createRitualsService>;

/**
 * Creating and changing a channel's rituals. The command is typed in the channel it configures,
 * so the person is a member of it; a ritual is changed only from its own channel.
 */
export function createRitualsService(deps: Deps) {
  const zoneOf = async (actor: Actor, schedule: Schedule) =>
    schedule.zone !== 'local'
      ? schedule.zone
      : ((await deps.directory.find(actor.teamId, actor.userId))?.tz ?? 'UTC');

  const view = async (actor: Actor, row: RitualRow): Promise<RitualView> => {
    const schedule: Schedule = { days: row.days, time: row.time_of_day, zone: row.zone };
    const zone = await zoneOf(actor, schedule);
    const now = deps.clock.now();
    const today = DateTime.fromJSDate(now, { zone }).toISODate() ?? '';
    const skipped = new Set(await skippedDates(deps.db, row.team_id, row.id, today));
    let next = row.paused ? undefined : nextOccurrence(schedule, zone, now);
    while (next && skipped.has(next.localDate)) next = nextOccurrence(schedule, zone, next.at);
    return { ...row, schedule, next };
  };

  /** The ritual, if it is this channel's; a clear refusal otherwise. */
  const ownRitual = async (actor: Actor, id: number): Promise<RitualRow> => {
    const row = await findRitual(deps.db, actor.teamId, id);
    if (!row)
      throw new UserError(`There is no ritual ${id}. \`/rituals list\` shows this channel's rituals.`);
    if (row.channel_id !== actor.channelId) {
      throw new UserError(`Ritual ${id} belongs to <#${row.channel_id}>: change it from there.`);
    }
    return row;
  };

  return {
    async createStandup(actor: Actor, schedule: Schedule): Promise<RitualView> {
      const existing = await ritualsOfChannel(deps.db, actor.teamId, actor.channelId);
      if (existing.length >= MAX_RITUALS_PER_CHANNEL) {
        throw new UserError(`A channel can have up to ${MAX_RITUALS_PER_CHANNEL} rituals; remove one first.`);
      }
      const row = await insertRitual(deps.db, {
        teamId: actor.teamId,
        channelId: actor.channelId,
        kind: 'standup',
        days: schedule.days,
        time: schedule.time,
        zone: schedule.zone,
        questions: DEFAULT_STANDUP_QUESTIONS,
        createdBy: actor.userId,
        now: deps.clock.now(),
      });
      return view(actor, row);
    },

    async list(actor: Actor): Promise<RitualView[]> {
      const rows = await ritualsOfChannel(deps.db, actor.teamId, actor.channelId);
      return Promise.all(rows.map((row) => view(actor, row)));
    },

    async setPaused(actor: Actor, id: number, paused: boolean): Promise<RitualView> {
      const row = await ownRitual(actor, id);
      await setRitualPaused(deps.db, actor.teamId, id, paused, deps.clock.now());
      return view(actor, { ...row, paused });
    },

    async skip(actor: Actor, id: number, date: string): Promise<{ ritual: RitualView; added: boolean }> {
      const row = await ownRitual(actor, id);
      const zone = await zoneOf(actor, { days: row.days, time: row.time_of_day, zone: row.zone });
      const today = DateTime.fromJSDate(deps.clock.now(), { zone }).toISODate() ?? '';
      if (date < today) throw new UserError(`${date} has passed; skip a day from today on.`);
      const added = await insertSkip(deps.db, {
        teamId: actor.teamId,
        ritualId: id,
        localDate: date,
        createdBy: actor.userId,
        now: deps.clock.now(),
      });
      return { ritual: await view(actor, row), added };
    },

    /**
     * Brings the ritual's participants and their next times up to date (after it is created or
     * resumed). Asks Slack for the channel's members, so it runs after the acknowledgement.
     */
    async syncParticipants(teamId: string, ritualId: number): Promise<number> {
      const row = await findRitual(deps.db, teamId, ritualId);
      if (!row) return 0;
      return (await syncRitualSlots(deps, row)).length;
    },

    /**
     * Someone's profile changed (user_change): a new time zone moves their local-time slots; a
     * deactivated person, or one who became a bot, is dropped from every ritual.
     */
    async personChanged(teamId: string, person: Person): Promise<void> {
      if (person.isBot || person.isDeleted) {
        await deleteSlotsOf(deps.db, teamId, person.userId);
        return;
      }
      const zone = person.tz ?? 'UTC';
      const now = deps.clock.now();
      const rows = await localRitualsOf(deps.db, teamId, person.userId);
      await moveSlots(
        deps.db,
        rows.flatMap((r) => {
          const next = nextOccurrence(
            { days: r.days as Weekday[], time: r.time_of_day, zone: 'local' },
            zone,
            now,
          );
          return next
            ? [
                {
                  teamId,
                  ritualId: r.ritual_id,
                  participantId: person.userId,
                  zone,
                  nextLocalDate: next.localDate,
                  nextAt: next.at,
                },
              ]
            : [];
        }),
      );
    },

    /** Removing is for the ritual's creator or a workspace admin. */
    async remove(actor: Actor, id: number): Promise<RitualRow> {
      const row = await ownRitual(actor, id);
      if (
        row.created_by !== actor.userId &&
        !(await deps.directory.find(actor.teamId, actor.userId))?.isAdmin
      ) {
        throw new UserError(
          `Only <@${row.created_by}>, who created ritual ${id}, or a workspace admin can remove it.`,
        );
      }
      await deleteRitual(deps.db, actor.teamId, id);
      return row;
    },
  };
}
