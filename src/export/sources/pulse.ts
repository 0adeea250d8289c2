import { streamPulseRoundsForExport } from '../../db/repos/pulse.js';
import { MIN_RESPONSES, NOT_ENOUGH_RESPONSES } from '../../pulse/results.js';
import { streamedRecords } from '../record-source.js';

/**
 * One line per closed pulse round, in aggregate only: never a person, a single answer or a comment.
 * A round with fewer than three answers carries only the sentence that says why, not even its
 * count, the same as the channel and /pulse show.
 */
export const pulseResultRecords = streamedRecords({
  type: 'pulse_result',
  columns: ['team_id', 'ritual_id', 'channel_id', 'date', 'responses', 'means', 'note'],
  rows: streamPulseRoundsForExport,
  toRecord: (r) => {
    const shown = r.responses >= MIN_RESPONSES;
    return {
      team_id: r.team_id,
      ritual_id: r.ritual_id,
      channel_id: r.channel_id,
      date: r.date,
      responses: shown ? r.responses : null,
      means: shown
        ? Object.fromEntries(r.statements.map((s, i) => [s, Math.round((r.means[i] ?? 0) * 100) / 100]))
        : null,
      note: shown ? null : NOT_ENOUGH_RESPONSES,
    };
  },
});
