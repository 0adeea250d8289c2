import { setsOf } from './shared-channels.js';
import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

export type Answer = { question: string; answer: string };

const checkinRow = z.object({
  status: z.enum(['answered', 'skipped']),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
  blocker: z.boolean(),
});
export type CheckinRow = z.infer<typeof checkinRow>;

type Key = { teamId: string; ritualId: number; userId: string; localDate: string };

export async function findCheckin(q: Queryable, k: Key): Promise<CheckinRow | undefined> {
  const [row] = await q.query(
    `select status, answers, blocker from checkins
     where team_id = $1 and ritual_id = $2 and user_id = $3 and local_date = $4`,
    [k.teamId, k.ritualId, k.userId, k.localDate],
    checkinRow,
  );
  return row;
}

/** Saves answers, replacing earlier ones for the day. */
export async function saveAnswers(
  q: Queryable,
  k: Key & { answers: Answer[]; blocker: boolean; now: Date },
): Promise<void> {
  await q.execute(
    `insert into checkins (team_id, ritual_id, user_id, local_date, status, answers, blocker, submitted_at, updated_at)
     values ($1, $2, $3, $4, 'answered', $5, $6, $7, $7)
     on conflict (team_id, ritual_id, user_id, local_date) do update
       set status = 'answered', answers = excluded.answers, blocker = excluded.blocker, updated_at = excluded.updated_at`,
    [k.teamId, k.ritualId, k.userId, k.localDate, JSON.stringify(k.answers), k.blocker, k.now],
  );
}

/** Records a skipped day, unless the person already answered it; true if recorded. */
export async function saveSkip(q: Queryable, k: Key & { now: Date }): Promise<boolean> {
  return (
    (await q.execute(
      `insert into checkins (team_id, ritual_id, user_id, local_date, status, submitted_at, updated_at)
       values ($1, $2, $3, $4, 'skipped', $5, $5)
       on conflict (team_id, ritual_id, user_id, local_date) do nothing`,
      [k.teamId, k.ritualId, k.userId, k.localDate, k.now],
    )) > 0
  );
}

/**
 * Opens the day's row if it is not there yet, and locks it until the transaction ends: answers
 * and the close of one day take turns, so the summary counts every answer saved before it.
 */
export async function lockStandupDay(
  q: Queryable,
  d: { teamId: string; ritualId: number; localDate: string; channelId: string; now: Date },
): Promise<{ closed: boolean }> {
  await q.execute(
    `insert into standup_days (team_id, ritual_id, local_date, channel_id, created_at)
     values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [d.teamId, d.ritualId, d.localDate, d.channelId, d.now],
  );
  const [row] = await q.query(
    `select closed_at is not null as closed from standup_days
     where team_id = $1 and ritual_id = $2 and local_date = $3
     for update`,
    [d.teamId, d.ritualId, d.localDate],
    z.object({ closed: z.boolean() }),
  );
  return row ?? { closed: false };
}

export async function markStandupDayClosed(
  q: Queryable,
  d: { teamId: string; ritualId: number; localDate: string; now: Date },
): Promise<void> {
  await q.execute(
    `update standup_days set closed_at = $4 where team_id = $1 and ritual_id = $2 and local_date = $3`,
    [d.teamId, d.ritualId, d.localDate, d.now],
  );
}

export async function isStandupDayClosed(
  q: Queryable,
  d: { teamId: string; ritualId: number; localDate: string },
): Promise<boolean> {
  const [row] = await q.query(
    `select closed_at is not null as closed from standup_days
     where team_id = $1 and ritual_id = $2 and local_date = $3`,
    [d.teamId, d.ritualId, d.localDate],
    z.object({ closed: z.boolean() }),
  );
  return row?.closed ?? false;
}

const dayPerson = z.object({
  user_id: z.string(),
  occurrence: z.string().nullable(),
  checkin: z.enum(['answered', 'skipped']).nullable(),
  blocker: z.boolean(),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
  blocker_since: z.string().nullable(),
});
export type DayPerson = z.infer<typeof dayPerson>;

/**
 * Everyone a stand-up day concerns: the participants the scheduler decided about (with how), and
 * anyone who checked in. For a blocker, `blocker_since` is the first date of the unbroken run of
 * answered check-ins by that person that raised one before this day (null if the run starts today).
 */
export function standupDayPeople(
  q: Queryable,
  d: { teamId: string; ritualId: number; localDate: string },
): Promise<DayPerson[]> {
  return q.query(
    `with occurrences as (
       select participant_id as user_id, status from ritual_occurrences
       where team_id = $1 and ritual_id = $2 and local_date = $3 and participant_id <> ''
     ), answers as (
       select user_id, status, blocker, answers from checkins
       where team_id = $1 and ritual_id = $2 and local_date = $3
     )
     select coalesce(o.user_id, a.user_id) as user_id, o.status as occurrence, a.status as checkin,
            coalesce(a.blocker, false) as blocker, coalesce(a.answers, '[]'::jsonb) as answers,
            case when a.blocker then (
              select to_char(min(b.local_date), 'YYYY-MM-DD') from checkins b
              where b.team_id = $1 and b.ritual_id = $2 and b.user_id = a.user_id
                and b.status = 'answered' and b.blocker and b.local_date < $3
                and b.local_date > coalesce((
                  select max(n.local_date) from checkins n
                  where n.team_id = $1 and n.ritual_id = $2 and n.user_id = a.user_id
                    and n.status = 'answered' and not n.blocker and n.local_date < $3
                ), '-infinity'::date)
            ) end as blocker_since
     from occurrences o full join answers a on a.user_id = o.user_id
     order by 1`,
    [d.teamId, d.ritualId, d.localDate],
    dayPerson,
  );
}

export async function setAway(q: Queryable, a: { teamId: string; userId: string; until: string; now: Date }) {
  await q.execute(
    `insert into away_periods (team_id, user_id, until_date, created_at) values ($1, $2, $3, $4)
     on conflict (team_id, user_id) do update set until_date = excluded.until_date, created_at = excluded.created_at`,
    [a.teamId, a.userId, a.until, a.now],
  );
}

/** Ends an away period; true if there was one. */
export async function clearAway(q: Queryable, teamId: string, userId: string): Promise<boolean> {
  return (
    (await q.execute('delete from away_periods where team_id = $1 and user_id = $2', [teamId, userId])) > 0
  );
}

/** The last day a person is away (YYYY-MM-DD), if they are away from `today` on. */
export async function awayUntil(
  q: Queryable,
  teamId: string | readonly string[],
  userId: string,
  today: string,
): Promise<string | undefined> {
  const [row] = await q.query(
    `select to_char(until_date, 'YYYY-MM-DD') as until from away_periods
     where team_id = any($1::text[]) and user_id = $2 and until_date >= $3::date`,
    [setsOf(teamId), userId, today],
    z.object({ until: z.string() }),
  );
  return row?.until;
}

const participation = z.object({
  ritual_id: z.coerce.number(),
  channel_id: z.string(),
  zone: z.string(),
  open_date: z.string().nullable(),
});

/**
 * The stand-ups a person takes part in, with the zone their days are counted in and, when a prompt
 * they were sent is still open at `now` (a window may cross midnight), the date it belongs to.
 */
export function standupsOf(q: Queryable, teamId: string, userId: string, now: Date) {
  return q.query(
    `select r.id as ritual_id, r.channel_id, s.zone,
            (select to_char(o.local_date, 'YYYY-MM-DD') from ritual_occurrences o
             where o.team_id = s.team_id and o.ritual_id = s.ritual_id and o.participant_id = s.participant_id
               and o.status = 'sent' and o.scheduled_at + make_interval(mins => r.close_after_minutes) > $3
             order by o.local_date desc
             limit 1) as open_date
     from ritual_slots s join rituals r on r.team_id = s.team_id and r.id = s.ritual_id
     where s.team_id = $1 and s.participant_id = $2 and r.kind = 'standup'
     order by r.id`,
    [teamId, userId, now],
    participation,
  );
}

const checkinLine = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  channel_id: z.string(),
  user_id: z.string(),
  date: z.string(),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
  blocker: z.boolean(),
  submitted_at: z.date(),
});

/** Every answered check-in (skipped days have no answers to export), by day. */
export function streamCheckinsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select c.team_id, c.ritual_id, r.channel_id, c.user_id, to_char(c.local_date, 'YYYY-MM-DD') as date,
            c.answers, c.blocker, c.submitted_at
     from checkins c
     join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
     where c.status = 'answered'
       and ($1::text[] is null or c.team_id = any($1))
       and ($2::timestamptz is null or c.submitted_at >= $2)
     order by c.team_id, c.local_date, c.ritual_id, c.user_id`,
    [filter.teamIds ?? null, filter.since ?? null],
    checkinLine,
  );
}
