import { streamActionItemsForExport } from '../../db/repos/action-items.js';
import { streamDebriefsForExport } from '../../db/repos/debriefs.js';
import { streamRetroNotesForExport, streamRetrosForExport } from '../../db/repos/retros.js';
import { type RecordSource, streamedRecords } from '../record-source.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const retroRecords = streamedRecords({
  type: 'retro',
  columns: [
    'team_id',
    'retro_id',
    'channel_id',
    'title',
    'ritual_id',
    'local_date',
    'started_by',
    'opened_at',
    'closed_at',
  ],
  rows: streamRetrosForExport,
  toRecord: (r) => ({ ...r, opened_at: r.opened_at.toISOString(), closed_at: iso(r.closed_at) }),
});

/** Notes; `author_id` only on a note whose author shared their name, and no such field otherwise. */
export const retroNoteRecords = streamedRecords({
  type: 'retro_note',
  columns: ['team_id', 'retro_id', 'note_id', 'category', 'body', 'author_id', 'created_at', 'updated_at'],
  rows: streamRetroNotesForExport,
  toRecord: ({ shared_author_id, ...n }) => ({
    team_id: n.team_id,
    retro_id: n.retro_id,
    note_id: n.note_id,
    category: n.category,
    body: n.body,
    ...(shared_author_id === null ? {} : { author_id: shared_author_id }),
    created_at: n.created_at.toISOString(),
    updated_at: n.updated_at.toISOString(),
  }),
});

export const actionItemRecords = streamedRecords({
  type: 'action_item',
  columns: [
    'team_id',
    'action_item_id',
    'channel_id',
    'retro_id',
    'owner_id',
    'body',
    'due_on',
    'created_by',
    'created_at',
    'done_at',
    'done_by',
  ],
  rows: streamActionItemsForExport,
  toRecord: (a) => ({ ...a, created_at: a.created_at.toISOString(), done_at: iso(a.done_at) }),
});

/** Debriefs; `assets` is a list, one reusable asset (with its link) a line as it was written. */
export const debriefRecords = streamedRecords({
  type: 'debrief',
  columns: [
    'team_id',
    'debrief_id',
    'channel_id',
    'project',
    'lessons',
    'assets',
    'created_by',
    'created_at',
  ],
  rows: streamDebriefsForExport,
  toRecord: (d) => ({
    ...d,
    assets: d.assets
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
    created_at: d.created_at.toISOString(),
  }),
});

/** Every retro record type, in the order they are written. */
export const RETRO_RECORD_SOURCES: readonly RecordSource[] = [
  retroRecords,
  retroNoteRecords,
  actionItemRecords,
  debriefRecords,
];
