import { z } from 'zod';
import type { Queryable } from '../database.js';

/**
 * Retention's statements (migrations/1767400000000_retention.sql). The settings and the runs are the
 * installation's (the environment sets them); what each run erased is counted by record set.
 */

/** Days to keep each kind of record; null keeps it forever. */
export type RetentionDays = {
  checkinsDays: number | null;
  notesDays: number | null;
  eventsDays: number | null;
};

const daysRow = z.object({
  checkins_days: z.number().nullable(),
  notes_days: z.number().nullable(),
  events_days: z.number().nullable(),
});
const daysOf = (r: z.infer<typeof daysRow>): RetentionDays => ({
  checkinsDays: r.checkins_days,
  notesDays: r.notes_days,
  eventsDays: r.events_days,
});

/** Makes the settings' row if there is none yet: every kind kept forever, as before retention. */
export async function ensureRetentionSettings(q: Queryable, now: Date): Promise<void> {
  await q.execute(
    `insert into retention_settings (singleton, changed_at) values (true, $1) on conflict (singleton) do nothing`,
    [now],
  );
}

/** The settings the app last ran with, locked until the transaction ends. */
export async function lockRetentionSettings(q: Queryable): Promise<RetentionDays> {
  const [row] = await q.query(
    `select checkins_days, notes_days, events_days from retention_settings where singleton for update`,
    [],
    daysRow,
  );
  if (!row) throw new Error('the retention settings row is missing');
  return daysOf(row);
}

export async function saveRetentionSettings(q: Queryable, days: RetentionDays, now: Date): Promise<void> {
  await q.execute(
    `update retention_settings set checkins_days = $1, notes_days = $2, events_days = $3, changed_at = $4
     where singleton`,
    [days.checkinsDays, days.notesDays, days.eventsDays, now],
  );
}

/** Every workspace Rapport knows (installed, with settings, or with people seen), not shared channels' sets. */
export async function knownWorkspaces(q: Queryable): Promise<string[]> {
  const rows = await q.query(
    `select team_id from (
       select team_id from slack_installations where team_id is not null
       union select team_id from workspaces
       union select distinct team_id from slack_users
     ) t
     where team_id !~ '^[CG]'
     order by team_id`,
    [],
    z.object({ team_id: z.string() }),
  );
  return rows.map((r) => r.team_id);
}

/** Claims the day's run: true only for the one transaction that inserted its row. */
export async function claimRetentionRun(
  q: Queryable,
  runDate: string,
  days: RetentionDays,
  now: Date,
): Promise<boolean> {
  const rows = await q.query(
    `insert into retention_runs (run_date, ran_at, checkins_days, notes_days, events_days)
     values ($1::date, $2, $3, $4, $5)
     on conflict (run_date) do nothing
     returning run_date`,
    [runDate, now, days.checkinsDays, days.notesDays, days.eventsDays],
    z.object({ run_date: z.unknown() }),
  );
  return rows.length === 1;
}

const perTeam = z.object({ team_id: z.string(), n: z.number() });
type PerTeam = Map<string, number>;
const mapOf = (rows: z.infer<typeof perTeam>[]): PerTeam => new Map(rows.map((r) => [r.team_id, r.n]));

/**
 * Empties the answers of every check-in last written before `before`; its day, status and blocker
 * flag stay, and they are all the health counts read. Counts, by record set, those that had text.
 */
export async function eraseCheckinAnswers(q: Queryable, before: Date, now: Date): Promise<PerTeam> {
  const rows = await q.query(
    `with target as (
       select team_id, ritual_id, user_id, local_date, answers <> '[]'::jsonb as had_text
       from checkins
       where answers_erased_at is null and updated_at < $1
       for update
     ), erased as (
       update checkins c set answers = '[]'::jsonb, answers_erased_at = $2
       from target t
       where c.team_id = t.team_id and c.ritual_id = t.ritual_id and c.user_id = t.user_id
         and c.local_date = t.local_date
       returning t.team_id, t.had_text
     )
     select team_id, count(*)::int as n from erased where had_text group by team_id`,
    [before, now],
    perTeam,
  );
  return mapOf(rows);
}

/** Empties the text of every retro note last written before `before`; the note itself stays. */
export async function eraseRetroNotes(q: Queryable, before: Date, now: Date): Promise<PerTeam> {
  const rows = await q.query(
    `with erased as (
       update retro_notes set body = '', erased_at = $2
       where erased_at is null and updated_at < $1
       returning team_id
     )
     select team_id, count(*)::int as n from erased group by team_id`,
    [before, now],
    perTeam,
  );
  return mapOf(rows);
}

/**
 * Deletes kudos reactions' states decided by events before `before`. The kudos they gave stay (in
 * `kudos`); a state only orders late or repeated deliveries of the same reaction.
 */
export async function deleteReactionStates(q: Queryable, before: Date): Promise<PerTeam> {
  const rows = await q.query(
    `with gone as (delete from kudos_reactions where event_ts < $1::numeric returning team_id)
     select team_id, count(*)::int as n from gone group by team_id`,
    [(before.getTime() / 1000).toFixed(6)],
    perTeam,
  );
  return mapOf(rows);
}

/**
 * Deletes the outbox's delivery records settled before `before` that nothing finds again: failed
 * entries, notes only one person saw, deliveries with no message of their own (through a
 * response_url, or privately), and edits a later edit of the same message replaced. A posted
 * message's own entry, and its latest edit, stay: Rapport still edits it, finds it by its ts (a
 * ditto on a kudos announcement) and never queues its key twice. Nothing waiting builds on them.
 */
export async function deleteDeliveryRecords(q: Queryable, before: Date): Promise<PerTeam> {
  const rows = await q.query(
    `with gone as (
       delete from outbox o
       where o.status <> 'pending' and coalesce(o.sent_at, o.created_at) < $1
         and (o.status = 'failed'
              or case when o.method = 'chat.update'
                      then exists (select 1 from outbox later
                                   where later.team_id = o.team_id and later.parent_key = o.parent_key
                                     and later.method = 'chat.update' and later.id > o.id)
                      else o.method = 'chat.postEphemeral' or o.message_ts is null end)
         and not exists (select 1 from outbox w
                         where w.team_id = o.team_id and w.parent_key = o.dedupe_key and w.status = 'pending')
       returning o.team_id
     )
     select team_id, count(*)::int as n from gone group by team_id`,
    [before],
    perTeam,
  );
  return mapOf(rows);
}

export type ErasedCounts = { checkins: number; notes: number; reactions: number; deliveries: number };

/** What the day's run erased in each record set where it erased anything. */
export async function insertRetentionErasures(
  q: Queryable,
  runDate: string,
  counts: ReadonlyMap<string, ErasedCounts>,
): Promise<void> {
  if (counts.size === 0) return;
  const entries = [...counts.entries()];
  await q.execute(
    `insert into retention_erasures (team_id, run_date, checkins, notes, reactions, deliveries)
     select t, $2::date, c, n, r, d
     from unnest($1::text[], $3::int[], $4::int[], $5::int[], $6::int[]) as e(t, c, n, r, d)`,
    [
      entries.map(([team]) => team),
      runDate,
      entries.map(([, c]) => c.checkins),
      entries.map(([, c]) => c.notes),
      entries.map(([, c]) => c.reactions),
      entries.map(([, c]) => c.deliveries),
    ],
  );
}

export type LastRun = { runDate: string; ranAt: Date; days: RetentionDays; erased: ErasedCounts };

/** The latest run, with what it erased in these record sets; undefined before the first run. */
export async function lastRetentionRun(
  q: Queryable,
  teamIds: readonly string[],
): Promise<LastRun | undefined> {
  const [row] = await q.query(
    `select to_char(r.run_date, 'YYYY-MM-DD') as run_date, r.ran_at, r.checkins_days, r.notes_days, r.events_days,
            coalesce(sum(e.checkins), 0)::int as checkins, coalesce(sum(e.notes), 0)::int as notes,
            coalesce(sum(e.reactions), 0)::int as reactions, coalesce(sum(e.deliveries), 0)::int as deliveries
     from (select * from retention_runs order by run_date desc limit 1) r
     left join retention_erasures e on e.run_date = r.run_date and e.team_id = any($1::text[])
     group by r.run_date, r.ran_at, r.checkins_days, r.notes_days, r.events_days`,
    [teamIds],
    daysRow.extend({
      run_date: z.string(),
      ran_at: z.date(),
      checkins: z.number(),
      notes: z.number(),
      reactions: z.number(),
      deliveries: z.number(),
    }),
  );
  return (
    row && {
      runDate: row.run_date,
      ranAt: row.ran_at,
      days: daysOf(row),
      erased: {
        checkins: row.checkins,
        notes: row.notes,
        reactions: row.reactions,
        deliveries: row.deliveries,
      },
    }
  );
}
