import { enqueueMessages, type OutboxMessage } from '../db/repos/outbox.js';
import { pairsKeys, pairsView } from '../pairs/pairs-views.js';
import { recordSetsOf } from '../db/repos/shared-channels.js';
import { DateTime } from 'luxon';
import { recordAudit, ritualDetail } from '../audit/audit.js';
import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import {
  deleteRitual,
  findRitual,
  insertRitual,
  insertSkip,
  type RitualRow,
  ritualsOfChannel,
  setRitualPaused,
  skippedDates,
  updateRitualSettings,
} from '../db/repos/rituals.js';
import { UserError } from '../errors.js';
import {
  addSlots,
  bringSlotsForward,
  deleteChannelMemberSlots,
  deleteSlotsOf,
  localRitualsOf,
  moveSlots,
  setsWithSlotsOf,
  type Slot,
  slotsInCreatorZone,
} from '../db/repos/scheduler.js';
import type { Directory, Person } from '../people/directory.js';
import {
  LAST_RESORT_ZONE,
  type PersonZone,
  readTimeZone,
  resolveZone,
  zoneOfPerson,
} from '../people/time-zones.js';
import { chosenZones, setChosenZone } from '../db/repos/person-settings.js';
import { settleZoneQuestions } from './zone-settled.js';
import {
  type ChannelMembers,
  participantZone,
  slotOf,
  syncRitualSlots,
  zonePlanFor,
} from './participants.js';
import type { Weekday } from './cadence.js';
import {
  AUDIENCE,
  KIND_DEFAULTS,
  KIND_LABELS,
  PAIRS_ROUND_MINUTES,
  REVIEW_LEAD_MINUTES,
  type RitualKindId,
} from './kinds.js';
import { nextOccurrence, type Occurrence, type Schedule, scheduleOf } from './schedule.js';
import { DEFAULT_SETTINGS, isFormKind, type RitualKindName, type RitualSettings } from './settings.js';

/** At most this many rituals per channel: enough for any real team, a bound for everything else. */
export const MAX_RITUALS_PER_CHANNEL = 20;

export type RitualView = RitualRow & {
  schedule: Schedule;
  /** The next time it runs for the person asking (their zone when the ritual is local). */
  next: Occurrence | undefined;
};

type Deps = {
  db: Database;
  directory: Directory;
  clock: Clock;
  members: ChannelMembers;
  /** The kinds the scheduler can run: a ritual of any other kind is not created. */
  runnableKinds: ReadonlySet<string>;
};
type Actor = { teamId: string; channelId: string; userId: string };

export type RitualsService = ReturnType<typeof createRitualsService>;

/**
 * Creating and changing a channel's rituals. The command is typed in the channel it configures,
 * so the person is a member of it; a ritual is changed only from its own channel.
 */
export function createRitualsService(deps: Deps) {
  const zoneOf = async (actor: Actor, schedule: Schedule) =>
    schedule.zone !== 'local' ? schedule.zone : (await zoneOfPerson(deps, actor.teamId, actor.userId)).zone;

  /**
   * Moves a person's slots in every local-time ritual to their zone as it resolves now, and, in the
   * local-time rituals they created, the slots planned in their zone (see slotsInCreatorZone).
   */
  const replan = async (teamId: string, person: Person) => {
    const now = deps.clock.now();
    type Planned = Omit<Parameters<typeof scheduleOf>[0], 'days'> & { ritual_id: number; days: number[] };
    const slotIn = (r: Planned, participantId: string, zone: string): Slot[] => {
      const next = nextOccurrence(scheduleOf({ ...r, days: r.days as Weekday[] }), zone, now);
      if (!next) return [];
      return [
        {
          teamId,
          ritualId: r.ritual_id,
          participantId,
          zone,
          nextLocalDate: next.localDate,
          nextAt: next.at,
        },
      ];
    };
    const rows = await localRitualsOf(deps.db, teamId, person.userId);
    const chosen = await chosenZones(deps.db, teamId, [person.userId]);
    const own = resolveZone({ chosen: chosen.get(person.userId), slack: person.tz }, LAST_RESORT_ZONE).zone;
    const slots = (await slotsInCreatorZone(deps.db, teamId, person.userId)).flatMap((r) =>
      slotIn(r, r.participant_id, own),
    );
    for (const r of rows) {
      const plan = await zonePlanFor(deps, { team_id: teamId, zone: r.zone, created_by: r.created_by }, [
        person.userId,
      ]);
      slots.push(...slotIn(r, person.userId, participantZone({ zone: r.zone }, person, plan)));
    }
    await moveSlots(deps.db, slots);
    return rows;
  };

  /** The audit log's entry for a change to a ritual, in the change's transaction. */
  const audit = (
    tx: Queryable,
    actor: Actor,
    row: RitualRow,
    action: 'ritual.created' | 'ritual.changed' | 'ritual.paused' | 'ritual.resumed' | 'ritual.removed',
  ) =>
    recordAudit(tx, deps.clock, {
      teamId: actor.teamId,
      actorId: actor.userId,
      channelId: row.channel_id,
      ...(action === 'ritual.created' || action === 'ritual.changed'
        ? { action, detail: ritualDetail(row) }
        : { action, detail: { ritualId: row.id, kind: row.kind } }),
    });

  const view = async (actor: Actor, row: RitualRow): Promise<RitualView> => {
    const schedule = scheduleOf(row);
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

  /**
   * The date every other week counts from: kept while a ritual stays on the same fortnightly days,
   * else its first run from now (null for the other cadences).
   */
  const startsOnFor = async (
    actor: Actor,
    schedule: Schedule,
    before?: RitualRow,
  ): Promise<string | undefined> => {
    if (schedule.cadence !== 'biweekly') return undefined;
    if (
      before?.cadence === 'biweekly' &&
      before.starts_on &&
      before.days.join() === schedule.days.join() &&
      before.time_of_day === schedule.time
    ) {
      return before.starts_on;
    }
    const zone = await zoneOf(actor, schedule);
    return nextOccurrence({ ...schedule, cadence: 'weekly' }, zone, deps.clock.now())?.localDate;
  };

  /** A ritual's row as `insertRitual` takes it, from its settings. */
  const newRitualOf = async (actor: Actor, settings: RitualSettings) => ({
    ...settings,
    startsOn: await startsOnFor(actor, settings),
    teamId: actor.teamId,
    channelId: actor.channelId,
    createdBy: actor.userId,
    now: deps.clock.now(),
  });
  const newStandup = (actor: Actor, schedule: Schedule) =>
    newRitualOf(actor, { ...DEFAULT_SETTINGS, kind: 'standup', ...schedule });

  /** A retro, pulse check, digest or review as its command creates it: the kind's defaults. */
  const newCadenced = async (
    actor: Actor,
    kind: 'retro' | 'pulse' | 'digest' | 'review' | 'pairs' | 'skills',
    schedule: Schedule,
  ) => ({
    ...KIND_DEFAULTS[kind],
    ...(kind === 'pairs' || kind === 'skills' ? pairsWindow(schedule.cadence) : {}),
    kind,
    days: schedule.days,
    time: schedule.time,
    // A review is one meeting at one time, a round of pairs starts at one: "local" is its creator's zone.
    zone:
      kind === 'review' || kind === 'pairs' || kind === 'skills'
        ? await zoneOf(actor, schedule)
        : schedule.zone,
    ...(kind === 'review' ? { leadMinutes: REVIEW_LEAD_MINUTES } : {}),
    cadence: schedule.cadence ?? 'weekly',
    startsOn: await startsOnFor(actor, schedule),
    teamId: actor.teamId,
    channelId: actor.channelId,
    createdBy: actor.userId,
    now: deps.clock.now(),
  });

  return {
    /** The channel's rituals, as stored. */
    ofChannel: (actor: Actor): Promise<RitualRow[]> =>
      ritualsOfChannel(deps.db, actor.teamId, actor.channelId),

    /** A stand-up from the text command: its schedule, and the default questions, close and reminder. */
    createStandup(actor: Actor, schedule: Schedule): Promise<RitualView> {
      return this.create(actor, { ...DEFAULT_SETTINGS, kind: 'standup', ...schedule });
    },

    async create(actor: Actor, settings: RitualSettings): Promise<RitualView> {
      const existing = await ritualsOfChannel(deps.db, actor.teamId, actor.channelId);
      if (existing.length >= MAX_RITUALS_PER_CHANNEL) {
        throw new UserError(`A channel can have up to ${MAX_RITUALS_PER_CHANNEL} rituals; remove one first.`);
      }
      const input = await newRitualOf(actor, settings);
      const row = await deps.db.transaction(async (tx) => {
        const created = await insertRitual(tx, input);
        await audit(tx, actor, created, 'ritual.created');
        return created;
      });
      return view(actor, row);
    },

    /** New settings for one of the channel's rituals; its participants' slots follow in syncParticipants. */
    async update(actor: Actor, id: number, settings: RitualSettings): Promise<RitualView> {
      const before = await ownRitual(actor, id);
      const startsOn = (await startsOnFor(actor, settings, before)) ?? null;
      const row = await deps.db.transaction(async (tx) => {
        const updated = await updateRitualSettings(
          tx,
          actor.teamId,
          id,
          { ...settings, startsOn },
          deps.clock.now(),
        );
        if (updated) await audit(tx, actor, updated, 'ritual.changed');
        return updated;
      });
      if (!row) throw new UserError(`Ritual ${id} was removed meanwhile; nothing was saved.`);
      return view(actor, row);
    },

    /** What the settings form offers: the channel's rituals to pick from, and the one to edit, if any. */
    async forSettings(
      actor: Actor,
      id?: number,
    ): Promise<{ existing: RitualRow[]; editing?: RitualRow & { kind: RitualKindName } }> {
      const existing = (await ritualsOfChannel(deps.db, actor.teamId, actor.channelId)).filter((r) =>
        isFormKind(r.kind),
      );
      if (id === undefined) return { existing };
      const editing = await ownRitual(actor, id);
      if (!isFormKind(editing.kind)) {
        throw new UserError(
          `Ritual ${id} is a ${KIND_LABELS[editing.kind]}: change it with \`/rituals ${editing.kind} …\` after \`/rituals remove ${id}\`.`,
        );
      }
      return { existing, editing: { ...editing, kind: editing.kind } };
    },

    /**
     * A retro or a pulse check from the text command: channel-wide or per person, weekly, every
     * other week from its first run, or on the first such weekday of each month.
     */
    async createCadenced(
      actor: Actor,
      kind: 'retro' | 'pulse' | 'digest' | 'review' | 'pairs' | 'skills',
      schedule: Schedule,
    ): Promise<RitualView> {
      if (!deps.runnableKinds.has(kind)) {
        throw new UserError(`I don't know \`/rituals ${kind}\`. Try \`/rituals help\`.`);
      }
      const existing = await ritualsOfChannel(deps.db, actor.teamId, actor.channelId);
      if (existing.length >= MAX_RITUALS_PER_CHANNEL) {
        throw new UserError(`A channel can have up to ${MAX_RITUALS_PER_CHANNEL} rituals; remove one first.`);
      }
      const input = await newCadenced(actor, kind, schedule);
      const row = await deps.db.transaction(async (tx) => {
        const inserted = await insertRitual(tx, input);
        await audit(tx, actor, inserted, 'ritual.created');
        return inserted;
      });
      const created = await view(actor, row);
      // Coffee pairs begin with the channel told what they are, with Join and Leave: nobody is in yet.
      if (kind === 'pairs') await enqueueMessages(deps.db, [pairsChannelIntro(created)], deps.clock.now());
      return created;
    },

    /**
     * A playbook's rituals, in one transaction with `also` (its claim and its messages): each kind
     * the channel does not have yet, by the same rules as the command that each one is written as.
     * The rituals created, and those of the channel kept instead.
     */
    async createMany(
      actor: Actor,
      rituals: readonly { kind: RitualKindId; schedule: Schedule }[],
      also: (tx: Queryable, created: RitualRow[], kept: RitualRow[]) => Promise<boolean>,
    ): Promise<{ created: RitualView[]; kept: RitualRow[] } | undefined> {
      // Each row is made before the transaction: making one reads zones, outside it.
      const inputs = await Promise.all(
        rituals
          .filter((w) => deps.runnableKinds.has(w.kind))
          .map(async (w) =>
            w.kind === 'standup' ? newStandup(actor, w.schedule) : newCadenced(actor, w.kind, w.schedule),
          ),
      );
      const result = await deps.db.transaction(async (tx) => {
        const existing = await ritualsOfChannel(tx, actor.teamId, actor.channelId);
        const kept = existing.filter((r) => rituals.some((w) => w.kind === r.kind));
        const wanted = inputs.filter((i) => !existing.some((r) => r.kind === i.kind));
        if (existing.length + wanted.length > MAX_RITUALS_PER_CHANNEL) {
          throw new UserError(
            `A channel can have up to ${MAX_RITUALS_PER_CHANNEL} rituals; remove some first.`,
          );
        }
        const created: RitualRow[] = [];
        for (const input of wanted) {
          const row = await insertRitual(tx, input);
          await audit(tx, actor, row, 'ritual.created');
          created.push(row);
        }
        return (await also(tx, created, kept)) ? { created, kept } : undefined;
      });
      if (!result) return undefined;
      return { created: await Promise.all(result.created.map((r) => view(actor, r))), kept: result.kept };
    },

    /**
     * Makes the ritual's next occurrence due now for each participant (for the date it was due
     * for); the caller then runs the scheduler, which sends the prompts as usual, once.
     */
    async runNow(actor: Actor, id: number): Promise<{ ritual: RitualRow; dates: string[]; people: number }> {
      const row = await ownRitual(actor, id);
      if (row.paused) {
        throw new UserError(`Ritual ${id} is paused: resume it first with \`/rituals resume ${id}\`.`);
      }
      const slots = await bringSlotsForward(deps.db, actor.teamId, id, deps.clock.now());
      if (slots.length === 0) {
        throw new UserError(
          `Ritual ${id} has no one to prompt for its next day: it has no participants yet, or that day is a day off. \`/rituals list\` shows when it runs next.`,
        );
      }
      const dates = [...new Set(slots.map((s) => s.next_local_date))].sort();
      return { ritual: row, dates, people: slots.length };
    },

    /**
     * Someone joined a channel: in each of its rituals that follow the channel's members, they get a
     * slot at their next occurrence (a bot or a deactivated account gets none).
     */
    async memberJoined(teamId: string, channelId: string, userId: string): Promise<number> {
      const rituals = (await ritualsOfChannel(deps.db, teamId, channelId)).filter(
        (r) => !r.participants && AUDIENCE[r.kind] === 'participants',
      );
      if (rituals.length === 0) return 0;
      const person = await deps.directory.find(teamId, userId);
      const now = deps.clock.now();
      const plans = await Promise.all(rituals.map((ritual) => zonePlanFor(deps, ritual, [userId])));
      const slots = rituals.flatMap((ritual, i) => {
        const plan = plans[i];
        return (plan && slotOf(ritual, person, now, plan)) ?? [];
      });
      await addSlots(deps.db, slots);
      return slots.length;
    },

    /** Someone left a channel: no more prompts from its rituals that follow the channel's members. */
    memberLeft(teamId: string, channelId: string, userId: string): Promise<number> {
      return deleteChannelMemberSlots(deps.db, teamId, channelId, userId);
    },

    async list(actor: Actor): Promise<RitualView[]> {
      const rows = await ritualsOfChannel(deps.db, actor.teamId, actor.channelId);
      return Promise.all(rows.map((row) => view(actor, row)));
    },

    async setPaused(actor: Actor, id: number, paused: boolean): Promise<RitualView> {
      const row = await ownRitual(actor, id);
      await deps.db.transaction(async (tx) => {
        await setRitualPaused(tx, actor.teamId, id, paused, deps.clock.now());
        // Pausing a paused ritual (or resuming a running one) changes nothing worth recording.
        if (row.paused !== paused) await audit(tx, actor, row, paused ? 'ritual.paused' : 'ritual.resumed');
      });
      return view(actor, { ...row, paused });
    },

    async skip(actor: Actor, id: number, date: string): Promise<{ ritual: RitualView; added: boolean }> {
      const row = await ownRitual(actor, id);
      const zone = await zoneOf(actor, scheduleOf(row));
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
      await replan(teamId, person);
    },

    /**
     * The zone a person chose (the modal behind "Set my time zone", or the Home tab): saved, it wins
     * over Slack's from now on, and their slots in every local-time ritual move to it. A name that
     * is not a zone is refused and changes nothing.
     */
    async choosePersonZone(
      teamId: string,
      userId: string,
      input: string,
    ): Promise<{ zone: string; rituals: { channelId: string; kind: string; time: string }[] }> {
      const zone = readTimeZone(input);
      const recordSets = await recordSetsOf(deps.db, teamId);
      await deps.db.transaction(async (tx) => {
        await setChosenZone(tx, teamId, userId, zone);
        // The prompt that asked for it ("Set my time zone") says it is set, in place of its button.
        await settleZoneQuestions(tx, recordSets, userId, zone, deps.clock.now());
      });
      // The person's rituals in their workspace and in the channels it shares with other
      // organisations all move to the zone they chose.
      const rows = [];
      const sets = await setsWithSlotsOf(deps.db, recordSets, userId);
      for (const set of sets) {
        const person = await deps.directory.find(set, userId);
        if (person) rows.push(...(await replan(set, person)));
      }
      return {
        zone,
        rituals: rows.map((r) => ({
          channelId: r.channel_id,
          kind: r.kind,
          time: r.time_of_day.slice(0, 5),
        })),
      };
    },

    /** The person's zone as Rapport uses it, and where it came from. */
    zoneOf: (teamId: string, userId: string): Promise<PersonZone> => zoneOfPerson(deps, teamId, userId),

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
      await deps.db.transaction(async (tx) => {
        if (await deleteRitual(tx, actor.teamId, id)) await audit(tx, actor, row, 'ritual.removed');
      });
      return row;
    },
  };
}

/** A round of pairs lasts until the next; halfway, each group is asked whether it met. */
function pairsWindow(cadence: Schedule['cadence']) {
  const minutes = PAIRS_ROUND_MINUTES[cadence === 'biweekly' || cadence === 'monthly' ? cadence : 'weekly'];
  return { closeAfterMinutes: minutes, reminderBeforeCloseMinutes: minutes / 2 };
}

function pairsChannelIntro(ritual: RitualView): OutboxMessage {
  return {
    teamId: ritual.team_id,
    dedupeKey: pairsKeys.channelIntro(ritual.id),
    channelId: ritual.channel_id,
    ...pairsView('pairs.channel-intro', {
      ritualId: ritual.id,
      channelId: ritual.channel_id,
      cadence: ritual.cadence === 'biweekly' || ritual.cadence === 'monthly' ? ritual.cadence : 'weekly',
      firstRoundAt: ritual.next?.at.toISOString() ?? null,
    }),
  };
}
