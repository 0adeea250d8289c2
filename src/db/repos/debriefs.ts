import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

const debriefRow = z.object({
  id: z.coerce.number(),
  channel_id: z.string(),
  project: z.string(),
  lessons: z.string(),
  assets: z.string(),
  created_by: z.string(),
  created_at: z.date(),
});
export type DebriefRow = z.infer<typeof debriefRow>;

const COLUMNS = 'id, channel_id, project, lessons, assets, created_by, created_at';

/** Keeps a debrief; a retried submission keeps nothing new and returns undefined. */
export async function insertDebrief(
  q: Queryable,
  d: {
    teamId: string;
    channelId: string;
    project: string;
    lessons: string;
    assets: string;
    createdBy: string;
    submissionKey: string;
    now: Date;
  },
): Promise<DebriefRow | undefined> {
  const [row] = await q.query(
    `insert into debriefs (team_id, channel_id, project, lessons, assets, created_by, submission_key, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (team_id, submission_key) do nothing
     returning ${COLUMNS}`,
    [d.teamId, d.channelId, d.project, d.lessons, d.assets, d.createdBy, d.submissionKey, d.now],
    debriefRow,
  );
  return row;
}

/** The channel's archive: its debriefs, newest first. */
export function debriefsOfChannel(q: Queryable, teamId: string, channelId: string, limit: number) {
  return q.query(
    `select ${COLUMNS} from debriefs where team_id = $1 and channel_id = $2
     order by created_at desc, id desc limit $3`,
    [teamId, channelId, limit],
    debriefRow,
  );
}

/** A debrief as exported: its workspace, its id as `debrief_id`, then the rest of its row. */
const exportLine = z.object({
  team_id: z.string(),
  debrief_id: z.coerce.number(),
  ...debriefRow.omit({ id: true }).shape,
});

/** Every debrief; `since` keeps those written from then. */
export function streamDebriefsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, id as debrief_id, channel_id, project, lessons, assets, created_by, created_at
     from debriefs
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or created_at >= $2)
     order by team_id, created_at, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    exportLine,
  );
}
