import type { Database } from '../db/database.js';
import { DAY_NAMES } from '../rituals/schedule.js';
import {
  type ExportFilter,
  streamCheckinsForExport,
  streamKudosForExport,
  streamRitualsForExport,
} from '../db/repos/export.js';

type Value = string | number | boolean | null | { [key: string]: Value } | Value[];
export type ExportRecord = { type: string } & Record<string, Value>;

/** The columns of each record type, in order; later features add their types here. */
export const RECORD_COLUMNS = {
  kudos: [
    'team_id',
    'giver_id',
    'receiver_id',
    'channel_id',
    'message_ts',
    'reason',
    'source',
    'emoji',
    'created_at',
  ],
  ritual: ['team_id', 'ritual_id', 'channel_id', 'kind', 'schedule', 'paused', 'created_by', 'created_at'],
  checkin: ['team_id', 'ritual_id', 'channel_id', 'user_id', 'date', 'answers', 'blocker', 'submitted_at'],
} as const;

/** Every record Rapport keeps, type by type, as plain objects ready to print. */
export async function* exportRecords(db: Database, filter: ExportFilter): AsyncGenerator<ExportRecord> {
  for await (const k of streamKudosForExport(db, filter)) {
    yield { type: 'kudos', ...k, created_at: k.created_at.toISOString() };
  }
  for await (const r of streamRitualsForExport(db, filter)) {
    yield {
      type: 'ritual',
      team_id: r.team_id,
      ritual_id: r.ritual_id,
      channel_id: r.channel_id,
      kind: r.kind,
      schedule: { days: r.days.map((d) => DAY_NAMES[d - 1] ?? String(d)), time: r.time_of_day, zone: r.zone },
      paused: r.paused,
      created_by: r.created_by,
      created_at: r.created_at.toISOString(),
    };
  }
  for await (const c of streamCheckinsForExport(db, filter)) {
    yield {
      type: 'checkin',
      team_id: c.team_id,
      ritual_id: c.ritual_id,
      channel_id: c.channel_id,
      user_id: c.user_id,
      date: c.date,
      answers: Object.fromEntries(c.answers.map((a) => [a.question, a.answer])),
      blocker: c.blocker,
      submitted_at: c.submitted_at.toISOString(),
    };
  }
}
