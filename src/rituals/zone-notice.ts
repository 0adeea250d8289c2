import type { Queryable } from '../db/database.js';
import { claimZoneQuestion, zoneFactsOf } from '../db/repos/person-settings.js';
import { isTimeZone } from '../people/time-zones.js';
import type { DueOccurrence } from '../scheduler/ritual-kind.js';

/**
 * What a prompt says about the person's zone when Rapport had to assume it: the zone it assumed,
 * and whether this prompt asks them for theirs ("Set my time zone"), which the first such prompt
 * does, once.
 */
export type ZoneNotice = { zone: string; ask: boolean };

/**
 * The notice for a prompt about to be queued, inside the scheduler's transaction: none when the
 * ritual is not in local time, or the person's zone is theirs (chosen) or Slack's. Asking is
 * claimed in the same transaction, so the question goes out on one prompt only. Someone Rapport has
 * not read from Slack at all is not told Slack keeps their zone from it.
 */
export async function zoneNoticeFor(tx: Queryable, o: DueOccurrence): Promise<ZoneNotice | undefined> {
  if (o.purpose !== 'prompt' || !o.personalZone || o.participantId === '') return undefined;
  const facts = await zoneFactsOf(tx, o.teamId, o.participantId);
  if (!facts.known || isTimeZone(facts.chosen) || isTimeZone(facts.slack)) return undefined;
  return {
    zone: o.personalZone,
    ask: await claimZoneQuestion(tx, o.teamId, o.participantId, o.scheduledAt),
  };
}
