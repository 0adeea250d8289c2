import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import { insertAuditEntry, latestAuditEntries } from '../db/repos/audit-log.js';
import { recordSetsOf } from '../db/repos/shared-channels.js';
import { requireAdmin } from '../people/admins.js';
import type { Directory } from '../people/directory.js';
import type { RitualRow } from '../db/repos/rituals.js';
import {
  type AuditAction,
  type AuditDetails,
  describeAuditEntry,
  type RitualSettingsDetail,
} from './audit-actions.js';

/** How many entries `/rapport audit` shows. */
export const AUDIT_SHOWN = 20;

/**
 * Records one change, in the transaction `tx` of the change itself (so an entry exists exactly
 * when its change does), at the app's clock's time.
 */
export async function recordAudit<A extends AuditAction>(
  tx: Queryable,
  clock: Clock,
  entry: {
    /** The record set the change was made in (a workspace, or a shared channel's). */
    teamId: string;
    actorId: string;
    action: A;
    channelId?: string;
    detail: AuditDetails[A];
  },
): Promise<void> {
  await insertAuditEntry(tx, {
    teamId: entry.teamId,
    at: clock.now(),
    actorId: entry.actorId,
    action: entry.action,
    channelId: entry.channelId,
    detail: entry.detail,
  });
}

/** A ritual's settings as an entry keeps them: kind and schedule, never its questions or people. */
export function ritualDetail(row: RitualRow): RitualSettingsDetail {
  return {
    ritualId: row.id,
    kind: row.kind,
    cadence: row.cadence,
    days: row.days,
    time: row.time_of_day.slice(0, 5),
    zone: row.zone,
  };
}

/**
 * Who made a change: a person; Rapport on its own (the log's 'rapport'); or a person since erased,
 * whose id the forget-me erasure replaced with a pseudonym ("UERASED" and 16 hex digits), which
 * Slack cannot show.
 */
export type AuditActor = { kind: 'person'; userId: string } | { kind: 'rapport' } | { kind: 'erased' };

export function auditActor(actorId: string): AuditActor {
  if (actorId === 'rapport') return { kind: 'rapport' };
  if (/^UERASED[0-9A-F]{16}$/.test(actorId)) return { kind: 'erased' };
  return { kind: 'person', userId: actorId };
}

/** One line of `/rapport audit`: when, who, what in plain words, and where. */
export type AuditLine = {
  at: Date;
  actor: AuditActor;
  text: string;
  channelId: string | null;
};

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(deps: { db: Database; directory: Directory }) {
  return {
    /**
     * The latest entries of every record set the workspace reaches (its own and its shared
     * channels'), newest first; only for the workspace's admins and owners.
     */
    async latest(installedTeamId: string, userId: string): Promise<AuditLine[]> {
      await requireAdmin(deps.directory, installedTeamId, userId, 'see the audit log');
      const sets = await recordSetsOf(deps.db, installedTeamId);
      const rows = await latestAuditEntries(deps.db, sets, AUDIT_SHOWN);
      return rows.map((r) => ({
        at: r.at,
        actor: auditActor(r.actor_id),
        text: describeAuditEntry(r.action, r.detail),
        channelId: r.channel_id,
      }));
    },
  };
}
