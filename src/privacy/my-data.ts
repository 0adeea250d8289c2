import type { Database } from '../db/database.js';
import { profilesOf, settingsOf } from '../db/repos/erasure.js';
import { recordSetsOf } from '../db/repos/shared-channels.js';
import type { ExportRecord } from '../export/record-source.js';
import { RECORD_SOURCES } from '../export/records.js';

/**
 * Never in anyone's "my data": pulse answers and anonymous retro notes are unlinkable by design,
 * and the export's own shapes already leave them unnamed (a pulse result is an aggregate; a note
 * names its author only when they shared their name). Listed so no future field changes that.
 */
const NEVER_PERSONAL: ReadonlySet<string> = new Set(['pulse_result', 'health']);

/** True when `value` holds exactly this id somewhere: a field, a list's item, a nested record's field. */
function names(value: unknown, userId: string): boolean {
  if (value === userId) return true;
  if (Array.isArray(value)) return value.some((v) => names(v, userId));
  if (value && typeof value === 'object') return Object.values(value).some((v) => names(v, userId));
  return false;
}

/**
 * Everything Rapport holds about one person, in every record set their workspace reaches (its own
 * and its shared channels'), in the export's record types: each exported record that names them
 * (kudos they gave or got, their check-ins, credits, action items, gives, pairs and skills,
 * escalations), then what the export does not carry: the profile Rapport keeps from Slack and
 * their settings (the kudos-DM switch, the time zone they chose).
 */
export async function* personRecords(
  db: Database,
  installedTeamId: string,
  userId: string,
): AsyncGenerator<ExportRecord> {
  const teamIds = await recordSetsOf(db, installedTeamId);
  for (const source of RECORD_SOURCES) {
    if (NEVER_PERSONAL.has(source.type)) continue;
    for await (const record of source.records(db, { teamIds, since: undefined })) {
      if (names(record, userId)) yield record;
    }
  }
  for (const p of await profilesOf(db, teamIds, userId)) yield { type: 'profile', ...p };
  for (const s of await settingsOf(db, teamIds, userId)) {
    yield { type: 'person_settings', team_id: s.team_id, user_id: s.user_id, ...jsonValues(s.settings) };
  }
}

type Value = ExportRecord[string];
const jsonValues = (o: Record<string, unknown>) => JSON.parse(JSON.stringify(o)) as Record<string, Value>;
