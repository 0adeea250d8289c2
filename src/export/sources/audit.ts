import { streamAuditEntriesForExport } from '../../db/repos/audit-log.js';
import { type ExportRecord, streamedRecords } from '../record-source.js';

/**
 * The audit log: every change to how Rapport runs and every erasure, oldest first, with who
 * (`actor_id`, or `rapport`), when, what (`action`, from src/audit/audit-actions.ts) and where
 * (`channel_id`, or null for the whole workspace). `detail` holds settings' values and counts, never
 * anyone's words.
 */
export const auditRecords = streamedRecords({
  type: 'audit',
  columns: ['team_id', 'id', 'at', 'actor_id', 'action', 'channel_id', 'detail'],
  rows: streamAuditEntriesForExport,
  toRecord: (r) => ({
    team_id: r.team_id,
    id: r.id,
    at: r.at.toISOString(),
    actor_id: r.actor_id,
    action: r.action,
    channel_id: r.channel_id,
    // Parsed from jsonb, so JSON values all through.
    detail: r.detail as ExportRecord['detail'],
  }),
});
