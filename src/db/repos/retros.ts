import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/** The outbox key of a retro's channel message: its ts is found through it once posted. */
export const retroMessageKey = (retroId: number) => `retro:${retroId}`;
export const retroSummaryKey = (retroId: number) => `retro-summary:${retroId}`;

const retroRow = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  channel_id: z.string(),
  title: z.string(),
  opened_at: z.date(),
  closed_at: z.date().nullable(),
  message_ts: z.string().nullable(),
});
export type RetroRow = z.infer<typeof retroRow>;

const RETRO_COLUMNS = `r.id, r.team_id, r.channel_id, r.title, r.opened_at, r.closed_at,
  (select o.message_ts from outbox o
   where o.team_id = r.team_id and o.dedupe_key = 'retro:' || r.id) as message_ts`;

/** A retro to start: by a person (`startedBy`) or by its ritual on `localDate`. */
export type NewRetro = {
  teamId: string;
  channelId: string;
  title: string;
  startKey: string;
  startedBy: string | null;
  ritualId?: number;
  localDate?: string;
  now: Date;
};

/** Creates a retro; a second start with the same key returns the first one, and `created: false`. */
export async function insertRetro(q: Queryable, r: NewRetro): Promise<{ retro: RetroRow; created: boolean }> {
  const inserted = await q.query(
    `insert into retros (team_id, channel_id, title, start_key, started_by, ritual_id, local_date, opened_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (team_id, start_key) do nothing
     returning id`,
    [r.teamId, r.channelId, r.title, r.startKey, r.startedBy, r.ritualId ?? null, r.localDate ?? null, r.now],
    z.object({ id: z.coerce.number() }),
  );
  const [retro] = await q.query(
    `select ${RETRO_COLUMNS} from retros r where r.team_id = $1 and r.start_key = $2`,
    [r.teamId, r.startKey],
    retroRow,
  );
  if (!retro) throw new Error('a retro just inserted is missing');
  return { retro, created: inserted.length > 0 };
}

export async function findRetro(q: Queryable, teamId: string, retroId: number) {
  const [row] = await q.query(
    `select ${RETRO_COLUMNS} from retros r where r.team_id = $1 and r.id = $2`,
    [teamId, retroId],
    retroRow,
  );
  return row;
}

/** The channel's retro still collecting notes, the latest if several are. */
export async function openRetroOfChannel(q: Queryable, teamId: string, channelId: string) {
  const [row] = await q.query(
    `select ${RETRO_COLUMNS} from retros r
     where r.team_id = $1 and r.channel_id = $2 and r.closed_at is null
     order by r.opened_at desc, r.id desc limit 1`,
    [teamId, channelId],
    retroRow,
  );
  return row;
}

export async function retroOfRitualDay(
  q: Queryable,
  d: { teamId: string; ritualId: number; localDate: string },
) {
  const [row] = await q.query(
    `select ${RETRO_COLUMNS} from retros r
     where r.team_id = $1 and r.ritual_id = $2 and r.local_date = $3`,
    [d.teamId, d.ritualId, d.localDate],
    retroRow,
  );
  return row;
}

/** Closes the retro if nobody has: true only for the one close that did it. */
export async function claimRetroClose(
  q: Queryable,
  c: { teamId: string; retroId: number; closedBy: string | null; now: Date },
): Promise<boolean> {
  const rows = await q.query(
    `update retros set closed_at = $3, closed_by = $4
     where team_id = $1 and id = $2 and closed_at is null
     returning id`,
    [c.teamId, c.retroId, c.now, c.closedBy],
    z.object({ id: z.coerce.number() }),
  );
  return rows.length > 0;
}

export const NOTE_CATEGORIES = ['went_well', 'to_improve', 'idea'] as const;
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];

/** A note as the channel may see it: the author only when they chose to share their name. */
const sharedNote = z.object({
  id: z.coerce.number(),
  category: z.enum(NOTE_CATEGORIES),
  body: z.string(),
  shared_author_id: z.string().nullable(),
});
export type SharedNote = z.infer<typeof sharedNote>;

export type NoteInput = {
  teamId: string;
  retroId: number;
  authorId: string;
  category: NoteCategory;
  body: string;
  shareName: boolean;
  submissionKey: string;
  now: Date;
};

/** Adds a note; a submission already stored (a Slack retry) adds nothing. */
export async function insertNote(q: Queryable, n: NoteInput): Promise<boolean> {
  const added = await q.execute(
    `insert into retro_notes (team_id, retro_id, category, body, author_id, share_name, submission_key, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     on conflict (team_id, submission_key) do nothing`,
    [n.teamId, n.retroId, n.category, n.body, n.authorId, n.shareName, n.submissionKey, n.now],
  );
  return added > 0;
}

/** Changes a note, only its author's. */
export async function updateOwnNote(
  q: Queryable,
  n: Omit<NoteInput, 'submissionKey'> & { noteId: number },
): Promise<boolean> {
  const changed = await q.execute(
    `update retro_notes set category = $5, body = $6, share_name = $7, updated_at = $8
     where team_id = $1 and retro_id = $2 and id = $3 and author_id = $4`,
    [n.teamId, n.retroId, n.noteId, n.authorId, n.category, n.body, n.shareName, n.now],
  );
  return changed > 0;
}

export async function deleteOwnNote(
  q: Queryable,
  d: { teamId: string; noteId: number; authorId: string },
): Promise<boolean> {
  return (
    (await q.execute(`delete from retro_notes where team_id = $1 and id = $2 and author_id = $3`, [
      d.teamId,
      d.noteId,
      d.authorId,
    ])) > 0
  );
}

const ownNote = z.object({
  id: z.coerce.number(),
  retro_id: z.coerce.number(),
  category: z.enum(NOTE_CATEGORIES),
  body: z.string(),
  share_name: z.boolean(),
});
export type OwnNote = z.infer<typeof ownNote>;

/** One person's own notes in a retro, for them alone. */
export function notesOfAuthor(q: Queryable, d: { teamId: string; retroId: number; authorId: string }) {
  return q.query(
    `select id, retro_id, category, body, share_name from retro_notes
     where team_id = $1 and retro_id = $2 and author_id = $3 order by created_at, id`,
    [d.teamId, d.retroId, d.authorId],
    ownNote,
  );
}

export async function findOwnNote(q: Queryable, d: { teamId: string; noteId: number; authorId: string }) {
  const [row] = await q.query(
    `select id, retro_id, category, body, share_name from retro_notes
     where team_id = $1 and id = $2 and author_id = $3`,
    [d.teamId, d.noteId, d.authorId],
    ownNote,
  );
  return row;
}

/** Every note of a retro as the channel sees it: the author column is null unless shared. */
export function notesOfRetro(q: Queryable, teamId: string, retroId: number): Promise<SharedNote[]> {
  return q.query(
    `select id, category, body, case when share_name then author_id end as shared_author_id
     from retro_notes where team_id = $1 and retro_id = $2 order by created_at, id`,
    [teamId, retroId],
    sharedNote,
  );
}

export async function countNotes(q: Queryable, teamId: string, retroId: number): Promise<number> {
  const [row] = await q.query(
    `select count(*)::int as n from retro_notes where team_id = $1 and retro_id = $2`,
    [teamId, retroId],
    z.object({ n: z.number() }),
  );
  return row?.n ?? 0;
}

/** Every retro; `since` keeps those opened from then. */
export function streamRetrosForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, id as retro_id, channel_id, title, ritual_id, to_char(local_date, 'YYYY-MM-DD') as local_date,
            started_by, opened_at, closed_at
     from retros
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or opened_at >= $2)
     order by team_id, opened_at, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    z.object({
      team_id: z.string(),
      retro_id: z.coerce.number(),
      channel_id: z.string(),
      title: z.string(),
      ritual_id: z.coerce.number().nullable(),
      local_date: z.string().nullable(),
      started_by: z.string().nullable(),
      opened_at: z.date(),
      closed_at: z.date().nullable(),
    }),
  );
}

/**
 * Every note. The author leaves the database only for a note whose author shared their name: for
 * an anonymous note the query itself returns null, so no later step can let it slip out.
 */
export function streamRetroNotesForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, retro_id, id as note_id, category, body,
            case when share_name then author_id end as shared_author_id, created_at, updated_at
     from retro_notes
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or created_at >= $2)
     order by team_id, retro_id, created_at, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    z.object({
      team_id: z.string(),
      retro_id: z.coerce.number(),
      note_id: z.coerce.number(),
      category: z.string(),
      body: z.string(),
      shared_author_id: z.string().nullable(),
      created_at: z.date(),
      updated_at: z.date(),
    }),
  );
}
