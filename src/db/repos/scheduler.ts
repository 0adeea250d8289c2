import { CADENCES, type Cadence } from '../../rituals/cadence.js';
import { setsOf, sharedWith } from './shared-channels.js';
import { z } from 'zod';
import type { Queryable } from '../database.js';

export type Slot = {
  teamId: string;
  ritualId: number;
  participantId: string;
  zone: string;
  nextLocalDate: string;
  nextAt: Date;
};

/** Creates or moves the slots of a ritual's participants, and drops those of people no longer in it. */
export async function replaceSlots(
  q: Queryable,
  teamId: string,
  ritualId: number,
  slots: Slot[],
): Promise<void> {
  await q.execute(
    `delete from ritual_slots where team_id = $1 and ritual_id = $2 and participant_id <> all($3::text[])`,
    [teamId, ritualId, slots.map((s) => s.participantId)],
  );
  if (slots.length === 0) return;
  await q.execute(
    `insert into ritual_slots (team_id, ritual_id, participant_id, zone, next_local_date, next_at)
     select $1, $2, * from unnest($3::text[], $4::text[], $5::date[], $6::timestamptz[])
     on conflict (team_id, ritual_id, participant_id) do update
       set zone = excluded.zone, next_local_date = excluded.next_local_date, next_at = excluded.next_at`,
    [
      teamId,
      ritualId,
      slots.map((s) => s.participantId),
      slots.map((s) => s.zone),
      slots.map((s) => s.nextLocalDate),
      slots.map((s) => s.nextAt),
    ],
  );
}

const dueSlot = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  participant_id: z.string(),
  zone: z.string(),
  next_local_date: z.string(),
  next_at: z.date(),
  channel_id: z.string(),
  kind: z.string(),
  ritual_zone: z.string(),
  days: z.array(z.number()),
  time_of_day: z.string(),
  cadence: z.enum(CADENCES as [Cadence, ...Cadence[]]),
  starts_on: z.string().nullable(),
  lead_minutes: z.number(),
  questions: z.array(z.string()),
  close_after_minutes: z.number(),
  reminder_before_close_minutes: z.number().nullable(),
  paused: z.boolean(),
  skipped: z.boolean(),
  away: z.boolean(),
  checked_in: z.boolean(),
});
export type DueSlot = z.infer<typeof dueSlot>;

/**
 * Locks up to `limit` slots whose time has come, oldest first. Rows another tick holds are passed
 * over (skip locked), so ticks on several replicas share the work and never take the same slot.
 * The one query across workspaces: the scheduler serves them all.
 */

export function lockDueSlots(q: Queryable, now: Date, limit: number): Promise<DueSlot[]> {
  return q.query(
    `select s.team_id, s.ritual_id, s.participant_id, s.zone,
            to_char(s.next_local_date, 'YYYY-MM-DD') as next_local_date, s.next_at,
            r.channel_id, r.kind, r.zone as ritual_zone, r.days, r.time_of_day, r.questions, r.paused,
            r.cadence, to_char(r.starts_on, 'YYYY-MM-DD') as starts_on, r.lead_minutes,
            r.close_after_minutes, r.reminder_before_close_minutes,
            exists (select 1 from ritual_skips k
                    where k.team_id = s.team_id and k.ritual_id = s.ritual_id
                      and k.local_date = s.next_local_date) as skipped,
            exists (select 1 from away_periods a
                    where (a.team_id = s.team_id or a.team_id in (${sharedWith('s.team_id')}))
                      and a.user_id = s.participant_id
                      and s.next_local_date <= a.until_date) as away,
            exists (select 1 from checkins c
                    where c.team_id = s.team_id and c.ritual_id = s.ritual_id
                      and c.user_id = s.participant_id and c.local_date = s.next_local_date) as checked_in
     from ritual_slots s
     join rituals r on r.team_id = s.team_id and r.id = s.ritual_id
     where s.next_at <= $1
     order by s.next_at
     limit $2
     for update of s skip locked`,
    [now, limit],
    dueSlot,
  );
}

export type OccurrenceDecision = {
  teamId: string;
  ritualId: number;
  participantId: string;
  localDate: string;
  scheduledAt: Date;
  status: 'sent' | 'missed' | 'skipped' | 'away' | 'answered';
};

/** Records decisions; returns the index of each one that is new (a second claim inserts nothing). */
export async function recordOccurrences(
  q: Queryable,
  decisions: OccurrenceDecision[],
  now: Date,
): Promise<Set<number>> {
  if (decisions.length === 0) return new Set();
  const rows = await q.query(
    `insert into ritual_occurrences (team_id, ritual_id, participant_id, local_date, scheduled_at, status, decided_at)
     select team_id, ritual_id, participant_id, local_date, scheduled_at, status, $7
     from unnest($1::text[], $2::bigint[], $3::text[], $4::date[], $5::timestamptz[], $6::text[])
       as d(team_id, ritual_id, participant_id, local_date, scheduled_at, status)
     on conflict do nothing
     returning team_id, ritual_id, participant_id, to_char(local_date, 'YYYY-MM-DD') as local_date`,
    [
      decisions.map((d) => d.teamId),
      decisions.map((d) => d.ritualId),
      decisions.map((d) => d.participantId),
      decisions.map((d) => d.localDate),
      decisions.map((d) => d.scheduledAt),
      decisions.map((d) => d.status),
      now,
    ],
    z.object({
      team_id: z.string(),
      ritual_id: z.coerce.number(),
      participant_id: z.string(),
      local_date: z.string(),
    }),
  );
  const key = (...parts: unknown[]) => parts.join('|');
  const inserted = new Set(rows.map((r) => key(r.team_id, r.ritual_id, r.participant_id, r.local_date)));
  return new Set(
    decisions.flatMap((d, i) =>
      inserted.has(key(d.teamId, d.ritualId, d.participantId, d.localDate)) ? [i] : [],
    ),
  );
}

/** Moves slots to their next occurrence (and zone, for someone who moved). */
export async function moveSlots(q: Queryable, slots: Slot[]): Promise<void> {
  if (slots.length === 0) return;
  await q.execute(
    `update ritual_slots s set zone = n.zone, next_local_date = n.next_local_date, next_at = n.next_at
     from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::date[], $6::timestamptz[])
       as n(team_id, ritual_id, participant_id, zone, next_local_date, next_at)
     where s.team_id = n.team_id and s.ritual_id = n.ritual_id and s.participant_id = n.participant_id`,
    [
      slots.map((s) => s.teamId),
      slots.map((s) => s.ritualId),
      slots.map((s) => s.participantId),
      slots.map((s) => s.zone),
      slots.map((s) => s.nextLocalDate),
      slots.map((s) => s.nextAt),
    ],
  );
}

const localSlot = z.object({
  ritual_id: z.coerce.number(),
  days: z.array(z.number()),
  time_of_day: z.string(),
  zone: z.string(),
  cadence: z.enum(CADENCES as [Cadence, ...Cadence[]]),
  starts_on: z.string().nullable(),
  created_by: z.string(),
  channel_id: z.string(),
  kind: z.string(),
});

/** The rituals in which a person has a slot in their own time zone. */
export function localRitualsOf(q: Queryable, teamId: string, userId: string) {
  return q.query(
    `select r.id as ritual_id, r.days, r.time_of_day, r.zone, r.cadence,
            to_char(r.starts_on, 'YYYY-MM-DD') as starts_on, r.created_by, r.channel_id, r.kind
     from ritual_slots s join rituals r on r.team_id = s.team_id and r.id = s.ritual_id
     where s.team_id = $1 and s.participant_id = $2 and r.zone = 'local'`,
    [teamId, userId],
    localSlot,
  );
}

export async function deleteSlotsOf(q: Queryable, teamId: string, userId: string): Promise<void> {
  await q.execute('delete from ritual_slots where team_id = $1 and participant_id = $2', [teamId, userId]);
}

export type Followup = {
  teamId: string;
  ritualId: number;
  participantId: string;
  localDate: string;
  kind: 'reminder';
  dueAt: Date;
  expiresAt: Date;
};

/** A ritual day to close at `dueAt` at the earliest: after every participant's window for it. */
export type DayClose = {
  teamId: string;
  ritualId: number;
  localDate: string;
  dueAt: Date;
  closeAfterMinutes: number;
};

/** How long after its close a day's close may still run, late, after downtime. */
const CLOSE_KEPT_FOR = '7 days';

/**
 * Plans the close of each ritual day, once per day for the whole channel (participant ''): after
 * the latest window among the participants still due that day, and never earlier than planned
 * before (people in later zones push it back). A close that has run is not planned again.
 */
export async function scheduleDayCloses(q: Queryable, closes: DayClose[]): Promise<void> {
  // One row per day: a statement may not update the same row twice.
  const byDay = new Map<string, DayClose>();
  for (const c of closes) {
    const key = `${c.teamId}|${c.ritualId}|${c.localDate}`;
    const seen = byDay.get(key);
    if (!seen || seen.dueAt < c.dueAt) byDay.set(key, c);
  }
  const days = [...byDay.values()];
  if (days.length === 0) return;
  await q.execute(
    `insert into ritual_followups (team_id, ritual_id, participant_id, local_date, kind, due_at, expires_at)
     select d.team_id, d.ritual_id, '', d.local_date, 'close', c.due_at, c.due_at + interval '${CLOSE_KEPT_FOR}'
     from unnest($1::text[], $2::bigint[], $3::date[], $4::timestamptz[], $5::integer[])
       as d(team_id, ritual_id, local_date, due_at, close_minutes)
     cross join lateral (
       select greatest(d.due_at, max(s.next_at) + make_interval(mins => d.close_minutes)) as due_at
       from ritual_slots s
       where s.team_id = d.team_id and s.ritual_id = d.ritual_id and s.next_local_date = d.local_date
     ) c
     on conflict (team_id, ritual_id, participant_id, local_date, kind) do update
       set due_at = greatest(ritual_followups.due_at, excluded.due_at), expires_at = excluded.expires_at
       where not ritual_followups.done`,
    [
      days.map((d) => d.teamId),
      days.map((d) => d.ritualId),
      days.map((d) => d.localDate),
      days.map((d) => d.dueAt),
      days.map((d) => d.closeAfterMinutes),
    ],
  );
}

export async function scheduleFollowups(q: Queryable, followups: Followup[]): Promise<void> {
  if (followups.length === 0) return;
  await q.execute(
    `insert into ritual_followups (team_id, ritual_id, participant_id, local_date, kind, due_at, expires_at)
     select * from unnest($1::text[], $2::bigint[], $3::text[], $4::date[], $5::text[], $6::timestamptz[], $7::timestamptz[])
     on conflict do nothing`,
    [
      followups.map((f) => f.teamId),
      followups.map((f) => f.ritualId),
      followups.map((f) => f.participantId),
      followups.map((f) => f.localDate),
      followups.map((f) => f.kind),
      followups.map((f) => f.dueAt),
      followups.map((f) => f.expiresAt),
    ],
  );
}

const dueFollowup = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  participant_id: z.string(),
  local_date: z.string(),
  kind: z.enum(['reminder', 'close']),
  expires_at: z.date(),
  ritual_kind: z.string(),
  channel_id: z.string(),
  questions: z.array(z.string()),
  settled: z.boolean(),
});
export type DueFollowup = z.infer<typeof dueFollowup>;

/**
 * Locks due follow-ups and marks them done in the same transaction; `settled` says whether the
 * person has already checked in, skipped or gone away, so a reminder is no longer needed.
 * Across workspaces, like the slots.
 */
export function takeDueFollowups(q: Queryable, now: Date, limit: number): Promise<DueFollowup[]> {
  return q.query(
    `with due as (
       select team_id, ritual_id, participant_id, local_date, kind from ritual_followups
       where not done and due_at <= $1
       order by due_at
       limit $2
       for update skip locked
     ), taken as (
       update ritual_followups f set done = true
       from due
       where f.team_id = due.team_id and f.ritual_id = due.ritual_id and f.participant_id = due.participant_id
         and f.local_date = due.local_date and f.kind = due.kind
       returning f.*
     )
     select t.team_id, t.ritual_id, t.participant_id, to_char(t.local_date, 'YYYY-MM-DD') as local_date,
            t.kind, t.expires_at, r.kind as ritual_kind, r.channel_id, r.questions,
            exists (select 1 from checkins c
                    where c.team_id = t.team_id and c.ritual_id = t.ritual_id
                      and c.user_id = t.participant_id and c.local_date = t.local_date)
            or exists (select 1 from away_periods a
                       where (a.team_id = t.team_id or a.team_id in (${sharedWith('t.team_id')}))
                         and a.user_id = t.participant_id
                         and t.local_date <= a.until_date) as settled
     from taken t join rituals r on r.team_id = t.team_id and r.id = t.ritual_id`,
    [now, limit],
    dueFollowup,
  );
}

/**
 * Makes a ritual's next occurrence due now for each participant, keeping the date it is for. A slot
 * whose date is a day off is left alone: running it now would only record the day off.
 */
export function bringSlotsForward(q: Queryable, teamId: string, ritualId: number, now: Date) {
  return q.query(
    `update ritual_slots s set next_at = $3
     where s.team_id = $1 and s.ritual_id = $2
       and not exists (select 1 from ritual_skips k
                       where k.team_id = s.team_id and k.ritual_id = s.ritual_id
                         and k.local_date = s.next_local_date)
     returning s.participant_id, to_char(s.next_local_date, 'YYYY-MM-DD') as next_local_date`,
    [teamId, ritualId, now],
    z.object({ participant_id: z.string(), next_local_date: z.string() }),
  );
}

/** Gives people slots they do not have yet; a slot already there (and its next time) is kept. */
export async function addSlots(q: Queryable, slots: Slot[]): Promise<void> {
  if (slots.length === 0) return;
  await q.execute(
    `insert into ritual_slots (team_id, ritual_id, participant_id, zone, next_local_date, next_at)
     select * from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::date[], $6::timestamptz[])
     on conflict (team_id, ritual_id, participant_id) do nothing`,
    [
      slots.map((s) => s.teamId),
      slots.map((s) => s.ritualId),
      slots.map((s) => s.participantId),
      slots.map((s) => s.zone),
      slots.map((s) => s.nextLocalDate),
      slots.map((s) => s.nextAt),
    ],
  );
}

/** Someone left a channel: their slots in its rituals that follow the channel's members go. */
export async function deleteChannelMemberSlots(
  q: Queryable,
  teamId: string,
  channelId: string,
  userId: string,
): Promise<number> {
  return q.execute(
    `delete from ritual_slots s using rituals r
     where s.team_id = $1 and s.participant_id = $3
       and r.team_id = s.team_id and r.id = s.ritual_id and r.channel_id = $2 and r.participants is null`,
    [teamId, channelId, userId],
  );
}

/** When the team's next ritual occurrence is due (an unpaused ritual's earliest slot), if any. */
export async function nextDueAt(q: Queryable, teamId: string | readonly string[]): Promise<Date | undefined> {
  const [row] = await q.query(
    `select min(s.next_at) as next_at
     from ritual_slots s join rituals r on r.team_id = s.team_id and r.id = s.ritual_id
     where s.team_id = any($1::text[]) and not r.paused`,
    [setsOf(teamId)],
    z.object({ next_at: z.date().nullable() }),
  );
  return row?.next_at ?? undefined;
}

/**
 * The slots planned in the zone of the ritual's creator, in the local-time rituals `creatorId`
 * created: a channel-wide ritual's one slot, and each participant for whom neither they nor Slack
 * gave a zone (src/rituals/participants.ts assumes the creator's). They move when the creator's
 * zone does.
 */
export function slotsInCreatorZone(q: Queryable, teamId: string, creatorId: string) {
  return q.query(
    `select s.participant_id, r.id as ritual_id, r.days, r.time_of_day, r.zone, r.cadence,
            to_char(r.starts_on, 'YYYY-MM-DD') as starts_on
     from rituals r
     join ritual_slots s on s.team_id = r.team_id and s.ritual_id = r.id
     left join slack_users u on u.team_id = s.team_id and u.user_id = s.participant_id
     where r.team_id = $1 and r.created_by = $2 and r.zone = 'local' and s.participant_id <> $2
       and (s.participant_id = ''
            or (u.user_id is not null and u.tz is null
                -- a zone the person chose, here or in a workspace this shared channel joins, stays
                and not exists (
                  select 1 from person_settings p
                  where p.user_id = s.participant_id and p.time_zone is not null
                    and (p.team_id = s.team_id
                         or p.team_id in (select unnest(c.team_ids) from shared_channels c
                                          where c.channel_id = s.team_id and c.is_shared)))))`,
    [teamId, creatorId],
    z.object({
      participant_id: z.string(),
      ritual_id: z.coerce.number(),
      days: z.array(z.number()),
      time_of_day: z.string(),
      zone: z.string(),
      cadence: z.enum(CADENCES as [Cadence, ...Cadence[]]),
      starts_on: z.string().nullable(),
    }),
  );
}

/** Of these record sets, those where the person has a slot in some ritual. */
export async function setsWithSlotsOf(
  q: Queryable,
  teamIds: readonly string[],
  userId: string,
): Promise<string[]> {
  const rows = await q.query(
    `select distinct team_id from ritual_slots where team_id = any($1::text[]) and participant_id = $2`,
    [teamIds, userId],
    z.object({ team_id: z.string() }),
  );
  return rows.map((r) => r.team_id);
}
