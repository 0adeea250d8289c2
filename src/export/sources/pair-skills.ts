import { streamPairSkillsForExport } from '../../db/repos/pair-skills.js';
import { streamedRecords } from '../record-source.js';

/** Each person's skills in a channel, for skill-share pairs: what they offer and want to learn. */
export const pairSkillRecords = streamedRecords({
  type: 'pair_skills',
  columns: ['team_id', 'channel_id', 'user_id', 'offers', 'wants', 'updated_at'],
  rows: streamPairSkillsForExport,
  toRecord: (r) => r,
});
