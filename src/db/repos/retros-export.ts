import { z } from 'zod';
import type { Database } from '../database.js';
import type { ExportFilter } from './export.js';

const FILTER = `($1::text is null or team_id = $1) and ($2::timestamptz is null or created_at >= $2)`;
const params = (f: ExportFilter) => [f.teamId ?? null, f.since ?? null];

/** Every retro; `since` keeps those opened from then. */
export function streamRetrosForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, id as retro_id, channel_id, title, ritual_id, to_char(local_date, 'YYYY-MM-DD') as local_date,
            started_by, opened_at, closed_at
     from (select *, opened_at as created_at from retros) r
     where ${FILTER}
     order by team_id, opened_at, id`,
    params(filter),
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
     where ${FILTER}
     order by team_id, retro_id, created_at, id`,
    params(filter),
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

export function streamActionItemsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, id as action_item_id, channel_id, retro_id, owner_id, body,
            to_char(due_on, 'YYYY-MM-DD') as due_on, created_by, created_at, done_at, done_by
     from action_items
     where ${FILTER}
     order by team_id, created_at, id`,
    params(filter),
    z.object({
      team_id: z.string(),
      action_item_id: z.coerce.number(),
      channel_id: z.string(),
      retro_id: z.coerce.number().nullable(),
      owner_id: z.string(),
      body: z.string(),
      due_on: z.string().nullable(),
      created_by: z.string(),
      created_at: z.date(),
      done_at: z.date().nullable(),
      done_by: z.string().nullable(),
    }),
  );
}

export function streamDebriefsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, id as debrief_id, channel_id, project, lessons, assets, created_by, created_at
     from debriefs
     where ${FILTER}
     order by team_id, created_at, id`,
    params(filter),
    z.object({
      team_id: z.string(),
      debrief_id: z.coerce.number(),
      channel_id: z.string(),
      project: z.string(),
      lessons: z.string(),
      assets: z.string(),
      created_by: z.string(),
      created_at: z.date(),
    }),
  );
}
