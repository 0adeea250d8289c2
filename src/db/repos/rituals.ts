import { setsOf } from './shared-channels.js';
import { z } from 'zod';
import { CADENCES, type Cadence, type Weekday } from '../../rituals/cadence.js';
import {
  DEFAULT_CLOSE_AFTER_MINUTES,
  DEFAULT_REMINDER_BEFORE_CLOSE_MINUTES,
  RITUAL_KINDS,
  type RitualKindId,
} from '../../rituals/kinds.js';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

const ritualRow = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  channel_id: z.string(),
  kind: z.enum(RITUAL_KINDS),
  days: z.array(z.number().int().min(1).max(7)).transform((days) => days as Weekday[]),
  cadence: z.enum(CADENCES as [Cadence, ...Cadence[]]),
  starts_on: z.string().nullable(),
  time_of_day: z.string(),
  zone: z.string(),
  questions: z.array(z.string()),
  participants: z.array(z.string()).nullable(),
  close_after_minutes: z.number(),
  reminder_before_close_minutes: z.number().nullable(),
  lead_minutes: z.number(),
  paused: z.boolean(),
  created_by: z.string(),
  created_at: z.date(),
});
export type RitualRow = z.infer<typeof ritualRow>;

const COLUMNS = `id, team_id, channel_id, kind, days, time_of_day, zone, questions, participants,
  close_after_minutes, reminder_before_close_minutes, paused, created_by, created_at,
  cadence, to_char(starts_on, 'YYYY-MM-DD') as starts_on, lead_minutes`;

/** What a ritual is set to do: everything a person chooses when creating or editing one. */
export type RitualSettingsColumns = {
  kind: RitualKindId;
  days: Weekday[];
  time: string;
  zone: string;
  questions: string[];
  participants: string[] | null;
  closeAfterMinutes: number;
  reminderBeforeCloseMinutes: number | null;
};

/** Left out, participants are the channel's members and the close and reminder are the defaults. */
export type NewRitual = Omit<
  RitualSettingsColumns,
  'participants' | 'closeAfterMinutes' | 'reminderBeforeCloseMinutes'
> &
  Partial<RitualSettingsColumns> & {
    teamId: string;
    channelId: string;
    createdBy: string;
    now: Date;
    /** Weekly when left out; every other week needs `startsOn`, the first run's date. */
    cadence?: Cadence;
    /** How long before each occurrence it comes due (a review's forms, a week before). */
    leadMinutes?: number;
    startsOn?: string;
  };

export async function insertRitual(q: Queryable, r: NewRitual): Promise<RitualRow> {
  const [row] = await q.query(
    `insert into rituals (team_id, channel_id, kind, days, time_of_day, zone, questions, participants,
       close_after_minutes, reminder_before_close_minutes, created_by, created_at, updated_at, cadence, starts_on,
       lead_minutes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $15)
     returning ${COLUMNS}`,
    [
      r.teamId,
      r.channelId,
      r.kind,
      r.days,
      r.time,
      r.zone,
      r.questions,
      r.participants ?? null,
      r.closeAfterMinutes ?? DEFAULT_CLOSE_AFTER_MINUTES,
      r.reminderBeforeCloseMinutes === undefined
        ? DEFAULT_REMINDER_BEFORE_CLOSE_MINUTES
        : r.reminderBeforeCloseMinutes,
      r.createdBy,
      r.now,
      r.cadence ?? 'weekly',
      r.startsOn ?? null,
      r.leadMinutes ?? 0,
    ],
    ritualRow,
  );
  if (!row) throw new Error('insert into rituals returned nothing');
  return row;
}

/** Replaces a ritual's settings; undefined if there is no such ritual in the workspace. */
export async function updateRitualSettings(
  q: Queryable,
  teamId: string,
  id: number,
  s: RitualSettingsColumns & { cadence: Cadence; startsOn: string | null },
  now: Date,
): Promise<RitualRow | undefined> {
  const [row] = await q.query(
    `update rituals set kind = $3, days = $4, time_of_day = $5, zone = $6, questions = $7, participants = $8,
       close_after_minutes = $9, reminder_before_close_minutes = $10, updated_at = $11,
       cadence = $12, starts_on = $13
     where team_id = $1 and id = $2
     returning ${COLUMNS}`,
    [
      teamId,
      id,
      s.kind,
      s.days,
      s.time,
      s.zone,
      s.questions,
      s.participants,
      s.closeAfterMinutes,
      s.reminderBeforeCloseMinutes,
      now,
      s.cadence,
      s.startsOn,
    ],
    ritualRow,
  );
  return row;
}

export async function findRitual(q: Queryable, teamId: string, id: number): Promise<RitualRow | undefined> {
  const [row] = await q.query(
    `select ${COLUMNS} from rituals where team_id = $1 and id = $2`,
    [teamId, id],
    ritualRow,
  );
  return row;
}

export async function ritualsOfChannel(
  q: Queryable,
  teamId: string,
  channelId: string,
): Promise<RitualRow[]> {
  return q.query(
    `select ${COLUMNS} from rituals where team_id = $1 and channel_id = $2 order by id`,
    [teamId, channelId],
    ritualRow,
  );
}

export async function setRitualPaused(q: Queryable, teamId: string, id: number, paused: boolean, now: Date) {
  return (
    (await q.execute('update rituals set paused = $3, updated_at = $4 where team_id = $1 and id = $2', [
      teamId,
      id,
      paused,
      now,
    ])) > 0
  );
}

export async function deleteRitual(q: Queryable, teamId: string, id: number): Promise<boolean> {
  return (await q.execute('delete from rituals where team_id = $1 and id = $2', [teamId, id])) > 0;
}

/** Records a day off; true if it is new. */
export async function insertSkip(
  q: Queryable,
  skip: { teamId: string; ritualId: number; localDate: string; createdBy: string; now: Date },
): Promise<boolean> {
  return (
    (await q.execute(
      `insert into ritual_skips (team_id, ritual_id, local_date, created_by, created_at)
       values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [skip.teamId, skip.ritualId, skip.localDate, skip.createdBy, skip.now],
    )) > 0
  );
}

export async function skippedDates(
  q: Queryable,
  teamId: string,
  ritualId: number,
  from: string,
): Promise<string[]> {
  const rows = await q.query(
    `select to_char(local_date, 'YYYY-MM-DD') as local_date from ritual_skips
     where team_id = $1 and ritual_id = $2 and local_date >= $3 order by local_date`,
    [teamId, ritualId, from],
    z.object({ local_date: z.string() }),
  );
  return rows.map((r) => r.local_date);
}

const upcomingRow = z.object({
  ritual_id: z.coerce.number(),
  kind: z.enum(RITUAL_KINDS),
  channel_id: z.string(),
  next_at: z.date(),
  zone: z.string(),
});
export type UpcomingRitual = z.infer<typeof upcomingRow>;

/**
 * What one person is next prompted for, soonest first: their slots in rituals that are running,
 * leaving out a slot whose day was taken off.
 */
export function upcomingRitualsOf(
  q: Queryable,
  teamId: string | readonly string[],
  userId: string,
  limit: number,
): Promise<UpcomingRitual[]> {
  return q.query(
    `select s.ritual_id, r.kind, r.channel_id, s.next_at, s.zone
     from ritual_slots s
     join rituals r on r.team_id = s.team_id and r.id = s.ritual_id
     where s.team_id = any($1::text[]) and s.participant_id = $2 and not r.paused
       and not exists (select 1 from ritual_skips k
                       where k.team_id = s.team_id and k.ritual_id = s.ritual_id
                         and k.local_date = s.next_local_date)
     order by s.next_at, s.ritual_id
     limit $3`,
    [setsOf(teamId), userId, limit],
    upcomingRow,
  );
}

/**
 * The channels where a person takes part in Rapport: those with a ritual they are in, and those
 * where they gave or received kudos since `since`, with the kinds of ritual each runs.
 */
export function channelsOfPerson(
  q: Queryable,
  teamId: string | readonly string[],
  userId: string,
  since: Date,
  limit: number,
): Promise<{ channel_id: string; kinds: RitualKindId[] }[]> {
  return q.query(
    `with mine as (
       select r.channel_id from ritual_slots s
       join rituals r on r.team_id = s.team_id and r.id = s.ritual_id
       where s.team_id = any($1::text[]) and s.participant_id = $2
       union
       select channel_id from kudos
       where team_id = any($1::text[]) and (giver_id = $2 or receiver_id = $2) and created_at >= $3 and retracted_at is null
     )
     select m.channel_id,
            coalesce(array_agg(distinct r.kind order by r.kind) filter (where r.kind is not null), '{}') as kinds
     from mine m
     left join rituals r on r.team_id = any($1::text[]) and r.channel_id = m.channel_id and not r.paused
     group by m.channel_id
     order by m.channel_id
     limit $4`,
    [setsOf(teamId), userId, since, limit],
    z.object({ channel_id: z.string(), kinds: z.array(z.enum(RITUAL_KINDS)) }),
  );
}

const ritualLine = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  channel_id: z.string(),
  kind: z.string(),
  days: z.array(z.number()),
  time_of_day: z.string(),
  zone: z.string(),
  cadence: z.string(),
  paused: z.boolean(),
  created_by: z.string(),
  created_at: z.date(),
});

/** Every ritual, as configured now. `since` keeps those created from that day. */
export function streamRitualsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, id as ritual_id, channel_id, kind, days, time_of_day, zone, cadence, paused, created_by,
            created_at
     from rituals
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or created_at >= $2)
     order by team_id, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    ritualLine,
  );
}
