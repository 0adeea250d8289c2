import { z } from 'zod';
import type { Queryable } from '../database.js';

/**
 * The statements of a forget-me erasure (src/privacy/erasure.ts), each within one record set
 * (`team_id`). What is the person's alone is deleted; what they share with others keeps the others'
 * side, with the person's id replaced by a pseudonym in every column that may hold it.
 */

/** Serialises erasures of one person in one record set: a second click waits, then finds nothing. */
export async function lockPersonForErasure(q: Queryable, teamId: string, userId: string): Promise<void> {
  await q.query(
    'select pg_advisory_xact_lock(hashtextextended($1, 0)) is null as locked',
    [`erase:${teamId}:${userId}`],
    z.object({ locked: z.boolean().nullable() }),
  );
}

/**
 * What is the person's own and goes with them, by class: their stand-up answers, their settings
 * and chosen time zone, their cached Slack profile, their away periods, their ritual schedule (so
 * nothing is ever sent to them again), and the messages Rapport queued or sent to them alone.
 */
export const ERASED_ROWS = {
  checkins: 'delete from checkins where team_id = $1 and user_id = $2',
  person_settings: 'delete from person_settings where team_id = $1 and user_id = $2',
  slack_profile: 'delete from slack_users where team_id = $1 and user_id = $2',
  away_periods: 'delete from away_periods where team_id = $1 and user_id = $2',
  ritual_schedule: 'delete from ritual_slots where team_id = $1 and participant_id = $2',
  messages_to_them: 'delete from outbox where team_id = $1 and (channel_id = $2 or private_to = $2)',
} as const;
export type ErasedRowClass = keyof typeof ERASED_ROWS;

export function deletePersonRows(
  q: Queryable,
  teamId: string,
  userId: string,
  what: ErasedRowClass,
): Promise<number> {
  return q.execute(ERASED_ROWS[what], [teamId, userId]);
}

/** A ritual's people no longer list them, so no new prompt is planned for the pseudonym. */
export function removeFromRitualParticipants(q: Queryable, teamId: string, userId: string): Promise<number> {
  return q.execute(
    `update rituals set participants = array_remove(participants, $2)
     where team_id = $1 and $2 = any(participants)`,
    [teamId, userId],
  );
}

/**
 * Their anonymous retro notes keep their words untouched, but each gets its own random author (the
 * author was kept only so they could edit it): not the id, and not the pseudonym either, which
 * would tie the notes to the rest of the person's records.
 */
export function unlinkAnonymousNotes(q: Queryable, teamId: string, userId: string): Promise<number> {
  return q.execute(
    `update retro_notes
     set author_id = 'UERASED' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 16))
     where team_id = $1 and author_id = $2 and not share_name`,
    [teamId, userId],
  );
}

const columnRow = z.object({
  table_name: z.string(),
  column_name: z.string(),
  kind: z.enum(['text', 'text[]', 'jsonb']),
});
export type PersonColumn = z.infer<typeof columnRow>;

/**
 * Every column of the schema that may hold a person's id: text, text arrays and jsonb of the
 * tables that keep a record set (`team_id`), read from the catalogue so a table added later is
 * covered too. Not `team_id` itself, and not sealed tokens (an id inside ciphertext is chance).
 */
export function personColumns(q: Queryable): Promise<PersonColumn[]> {
  return q.query(
    `select c.table_name, c.column_name,
            case when c.data_type = 'ARRAY' then 'text[]'
                 when c.data_type = 'jsonb' then 'jsonb' else 'text' end as kind
     from information_schema.columns c
     join information_schema.tables t
       on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema = current_schema()
       and (c.data_type in ('text', 'character varying', 'jsonb')
            or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))
       and c.column_name <> 'team_id'
       and c.column_name not like '%token%'
       and exists (select 1 from information_schema.columns k
                   where k.table_schema = c.table_schema and k.table_name = c.table_name
                     and k.column_name = 'team_id')
     order by c.table_name, c.ordinal_position`,
    [],
    columnRow,
  );
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Replaces the id by the pseudonym in one table's columns, whole words only (`\m…\M`: U1 is not
 * part of U12), in plain values, in texts (a mention, a key) and inside jsonb. Returns the rows
 * changed. `pattern` is `\mU…\M`, built by the caller from an id it checked is a Slack id.
 */
export function pseudonymiseTable(
  q: Queryable,
  table: string,
  columns: readonly PersonColumn[],
  args: { teamId: string; pattern: string; pseudonym: string },
): Promise<number> {
  const set = columns.map((c) => {
    const col = ident(c.column_name);
    if (c.kind === 'jsonb') return `${col} = regexp_replace(${col}::text, $2, $3, 'g')::jsonb`;
    if (c.kind === 'text[]') {
      // An empty list stays empty (array_agg of no rows is null), a null list null.
      return `${col} = coalesce((select array_agg(regexp_replace(e, $2, $3, 'g') order by i)
                                 from unnest(${col}) with ordinality u(e, i)), ${col})`;
    }
    return `${col} = regexp_replace(${col}, $2, $3, 'g')`;
  });
  const holds = columns.map((c) => {
    const col = ident(c.column_name);
    if (c.kind === 'jsonb') return `${col}::text ~ $2`;
    if (c.kind === 'text[]') return `array_to_string(${col}, ' ') ~ $2`;
    return `${col} ~ $2`;
  });
  return q.execute(
    `update ${ident(table)} set ${set.join(', ')} where team_id = $1 and (${holds.join(' or ')})`,
    [args.teamId, args.pattern, args.pseudonym],
  );
}

const profileRow = z.object({
  team_id: z.string(),
  user_id: z.string(),
  home_team_id: z.string().nullable(),
  display_name: z.string(),
  tz: z.string().nullable(),
});

/** For "my data": what the directory keeps of them in these record sets. */
export function profilesOf(q: Queryable, teamIds: readonly string[], userId: string) {
  return q.query(
    `select team_id, user_id, home_team_id, display_name, tz from slack_users
     where team_id = any($1) and user_id = $2 order by team_id`,
    [teamIds, userId],
    profileRow,
  );
}

const settingsRow = z.object({
  team_id: z.string(),
  user_id: z.string(),
  settings: z.record(z.string(), z.unknown()),
});

/** For "my data": their settings rows (the kudos-DM switch, a chosen time zone, …), as they are. */
export function settingsOf(q: Queryable, teamIds: readonly string[], userId: string) {
  return q.query(
    `select team_id, user_id, to_jsonb(s) - 'team_id' - 'user_id' as settings from person_settings s
     where team_id = any($1) and user_id = $2 order by team_id`,
    [teamIds, userId],
    settingsRow,
  );
}
