import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

const auditRow = z.object({
  team_id: z.string(),
  id: z.coerce.number(),
  at: z.date(),
  actor_id: z.string(),
  action: z.string(),
  channel_id: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditRow = z.infer<typeof auditRow>;

export type AuditEntry = {
  teamId: string;
  at: Date;
  actorId: string;
  action: string;
  channelId?: string | undefined;
  /** Settings' values, classes of records and counts: never anyone's words. */
  detail?: Record<string, unknown>;
};

const COLUMNS = 'team_id, id, at, actor_id, action, channel_id, detail';

/** Writes one entry, in the transaction of the change it records. */
export async function insertAuditEntry(q: Queryable, e: AuditEntry): Promise<void> {
  await q.execute(
    `insert into audit_log (team_id, at, actor_id, action, channel_id, detail)
     values ($1, $2, $3, $4, $5, $6)`,
    [e.teamId, e.at, e.actorId, e.action, e.channelId ?? null, JSON.stringify(e.detail ?? {})],
  );
}

/** The record sets' latest entries, newest first. */
export function latestAuditEntries(
  q: Queryable,
  teamIds: readonly string[],
  limit: number,
): Promise<AuditRow[]> {
  return q.query(
    `select ${COLUMNS} from audit_log
     where team_id = any($1)
     order by at desc, id desc
     limit $2`,
    [teamIds, limit],
    auditRow,
  );
}

/** Every entry, oldest first. `since` keeps those written from that day. */
export function streamAuditEntriesForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select ${COLUMNS} from audit_log
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or at >= $2)
     order by team_id, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    auditRow,
  );
}
