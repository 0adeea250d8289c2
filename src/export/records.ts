import type { Database } from '../db/database.js';
import type { ExportFilter } from '../db/export-filter.js';
import { recordSetsOf } from '../db/repos/shared-channels.js';
import type { ExportRecord, RecordSource } from './record-source.js';
import { kudosRecords } from './sources/kudos.js';
import { pulseResultRecords } from './sources/pulse.js';
import { checkinRecords, ritualRecords } from './sources/rituals.js';
import { RETRO_RECORD_SOURCES } from './sources/retros.js';
import { charterRecords, charterReviewRecords } from './sources/charter.js';
import { decisionRecords } from './sources/decisions.js';
import { creditRecords } from './sources/credits.js';
import { giveRecords } from './sources/gives.js';
import { healthRecords } from './sources/health.js';
import { reviewAnswerRecords } from './sources/reviews.js';
import { pairingRecords } from './sources/pairs.js';
import { pairSkillRecords } from './sources/pair-skills.js';
import { escalationRecords } from './sources/escalations.js';
import { auditRecords } from './sources/audit.js';

export type { ExportRecord } from './record-source.js';

/** Every type of record Rapport exports, in the order they are written. */
export const RECORD_SOURCES: readonly RecordSource[] = [
  kudosRecords,
  ritualRecords,
  checkinRecords,
  charterRecords,
  charterReviewRecords,
  decisionRecords,
  ...RETRO_RECORD_SOURCES,
  pulseResultRecords,
  creditRecords,
  giveRecords,
  reviewAnswerRecords,
  pairingRecords,
  pairSkillRecords,
  escalationRecords,
  healthRecords,
  auditRecords,
];

/**
 * Every record Rapport keeps, type by type, as plain objects ready to print: one workspace's (with
 * the channels it shares with other organisations, whose records are theirs too), or everyone's.
 */
export async function* exportRecords(
  db: Database,
  wanted: { teamId: string | undefined; since: Date | undefined },
): AsyncGenerator<ExportRecord> {
  const filter: ExportFilter = {
    teamIds: wanted.teamId === undefined ? undefined : await recordSetsOf(db, wanted.teamId),
    since: wanted.since,
  };
  for (const source of RECORD_SOURCES) yield* source.records(db, filter);
}
