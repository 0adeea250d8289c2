import { streamEscalationsForExport } from '../../db/repos/escalations.js';
import { streamedRecords } from '../record-source.js';

/**
 * Every escalation with its history (raised, escalated, resolved). A private one's texts are not
 * exported: they were only ever for the owners of the levels it reached; its facts and history are.
 */
export const escalationRecords = streamedRecords({
  type: 'escalation',
  columns: [
    'team_id',
    'id',
    'channel_id',
    'thread_ts',
    'raised_by',
    'private',
    'issue',
    'needs_a',
    'needs_b',
    'options',
    'criteria',
    'level',
    'levels',
    'state',
    'raised_at',
    'level_due_at',
    'resolved_at',
    'resolved_by',
    'agreed_option',
    'reason',
    'decision_id',
    'history',
  ],
  rows: streamEscalationsForExport,
  toRecord: (e) => {
    const hidden = e.private;
    return {
      team_id: e.team_id,
      id: e.id,
      channel_id: e.channel_id,
      thread_ts: e.thread_ts,
      raised_by: e.raised_by,
      private: e.private,
      issue: hidden ? null : e.issue,
      needs_a: hidden ? null : e.needs_a,
      needs_b: hidden ? null : e.needs_b,
      options: hidden ? null : e.options,
      criteria: hidden ? null : e.criteria,
      level: e.level,
      levels: e.levels.map((l) => ({ level: l.level, owners: l.owners, target_minutes: l.targetMinutes })),
      state: e.state,
      raised_at: e.raised_at.toISOString(),
      level_due_at: e.level_due_at.toISOString(),
      resolved_at: e.resolved_at?.toISOString() ?? null,
      resolved_by: e.resolved_by,
      agreed_option: hidden ? null : e.agreed_option,
      reason: hidden ? null : e.reason,
      decision_id: e.decision_id,
      history: e.history,
    };
  },
});
