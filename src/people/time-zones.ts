import { isTimeZone } from './zone-name.js';
import type { Queryable } from '../db/database.js';
import { zoneFactsOf } from '../db/repos/person-settings.js';
import { UserError } from '../errors.js';
import type { Directory } from './directory.js';

/**
 * Where a person's zone came from: they chose it in Rapport; Slack shares it (users.info `tz`); or
 * Rapport assumed it. Slack does not always share it: "The composition of user objects can vary
 * greatly depending on the API being used, or the context of each Slack workspace. One example ...
 * is getting data for a user connected through Slack Connect" (users.info, "Response":
 * https://docs.slack.dev/reference/methods/users.info; the external member's object is in
 * https://docs.slack.dev/apis/slack-connect, "External members"), and a partner's member may come
 * without `tz`, `tz_label`, `tz_offset` or `locale`.
 */
export type ZoneSource = 'chosen' | 'slack' | 'assumed';
export type PersonZone = { zone: string; source: ZoneSource };

/** The last resort, when nothing else is known: said to the person as an assumption, never silent. */
export const LAST_RESORT_ZONE = 'UTC';

export { isTimeZone } from './zone-name.js';

/**
 * The one rule for a person's zone, everywhere: the zone they chose, else Slack's, else `assumed`
 * (which whoever uses it must be able to state to the person: see zoneNoticeFor and the Home tab).
 */
export function resolveZone(
  known: { chosen?: string | null; slack?: string | null },
  assumed: string,
): PersonZone {
  if (isTimeZone(known.chosen)) return { zone: known.chosen, source: 'chosen' };
  if (isTimeZone(known.slack)) return { zone: known.slack, source: 'slack' };
  return { zone: isTimeZone(assumed) ? assumed : LAST_RESORT_ZONE, source: 'assumed' };
}

/**
 * A person's zone, read now (not cached: a zone chosen a second ago counts on every replica). When
 * neither they nor Slack say, it is the zone their local-time rituals assumed for them (what their
 * prompts told them), else UTC, shown as an assumption on their Home tab.
 */
export async function zoneOfPerson(
  deps: { db: Queryable; directory: Directory },
  teamId: string,
  userId: string,
): Promise<PersonZone> {
  const person = await deps.directory.find(teamId, userId);
  const facts = await zoneFactsOf(deps.db, teamId, userId);
  return resolveZone({ chosen: facts.chosen, slack: person?.tz }, facts.planned ?? LAST_RESORT_ZONE);
}

/** A zone a person typed or picked, in its canonical spelling; a clear refusal for anything else. */
export function readTimeZone(input: string): string {
  const name = input.trim();
  if (name === '') throw new UserError('Pick your time zone from the list, or type one.', 'no_zone');
  if (!isTimeZone(name) || /^[+-]?\d/.test(name) || !name.includes('/')) {
    if (name.toUpperCase() === 'UTC') return 'UTC';
    throw new UserError(
      `“${name.slice(0, 60)}” isn't a time zone I know. Use a name like Europe/Paris, America/New_York or Asia/Tokyo.`,
      'invalid_zone',
    );
  }
  // The list's spelling for a name typed in another case; a valid name not in it is kept as typed
  // (ICU's list keeps some old names, Asia/Calcutta for Asia/Kolkata).
  return KNOWN_ZONES().get(name.toLowerCase()) ?? name;
}

let knownZones: Map<string, string> | undefined;
const KNOWN_ZONES = () =>
  (knownZones ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone])));
