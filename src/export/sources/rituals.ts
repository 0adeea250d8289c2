import { streamRitualsForExport } from '../../db/repos/rituals.js';
import { streamCheckinsForExport } from '../../db/repos/standups.js';
import { DAY_NAMES } from '../../rituals/schedule.js';
import { streamedRecords } from '../record-source.js';

export const ritualRecords = streamedRecords({
  type: 'ritual',
  columns: ['team_id', 'ritual_id', 'channel_id', 'kind', 'schedule', 'paused', 'created_by', 'created_at'],
  rows: streamRitualsForExport,
  toRecord: (r) => ({
    team_id: r.team_id,
    ritual_id: r.ritual_id,
    channel_id: r.channel_id,
    kind: r.kind,
    schedule: {
      days: r.days.map((d) => DAY_NAMES[d - 1] ?? String(d)),
      time: r.time_of_day,
      zone: r.zone,
      cadence: r.cadence,
    },
    paused: r.paused,
    created_by: r.created_by,
    created_at: r.created_at.toISOString(),
  }),
});

export const checkinRecords = streamedRecords({
  type: 'checkin',
  columns: ['team_id', 'ritual_id', 'channel_id', 'user_id', 'date', 'answers', 'blocker', 'submitted_at'],
  rows: streamCheckinsForExport,
  toRecord: (c) => ({
    team_id: c.team_id,
    ritual_id: c.ritual_id,
    channel_id: c.channel_id,
    user_id: c.user_id,
    date: c.date,
    answers: Object.fromEntries(c.answers.map((a) => [a.question, a.answer])),
    blocker: c.blocker,
    submitted_at: c.submitted_at.toISOString(),
  }),
});
