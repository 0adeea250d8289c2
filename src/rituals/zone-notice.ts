import type { Queryable } from '../db/database.js';
import {
  claimZoneQuestions,
  type PersonOfSet,
  personKey,
  zoneSourcesOf,
} from '../db/repos/person-settings.js';
import { isTimeZone } from '../people/time-zones.js';
import type { DueOccurrence } from '../scheduler/ritual-kind.js';

/**
 * What a prompt says about the person's zone when Rapport had to assume it: the zone it assumed,
 * and whether this prompt asks them for theirs ("Set my time zone"), which the first such prompt
 * does, once.
 */
export type ZoneNotice = {
  zone: string;
  ask: boolean;
  /** The zone the person chose since: the prompt that asked says so in place of its button. */
  chosen?: string;
};

/**
 * The notice for each prompt about to be queued (in the order given), inside the scheduler's
 * transaction: none when the ritual is not in local time, or the person's zone is theirs (chosen)
 * or Slack's. Asking is claimed in the same transaction, so the question goes out on one prompt
 * only: a person's first prompt in this batch, if they were never asked. Someone Rapport has not
 * read from Slack at all is not told Slack keeps their zone from it. Two statements for the batch.
 */
export async function zoneNoticesFor(
  tx: Queryable,
  occurrences: readonly DueOccurrence[],
): Promise<(ZoneNotice | undefined)[]> {
  const assumed = occurrences.map((o) =>
    o.purpose === 'prompt' && o.personalZone && o.participantId !== '' ? o.personalZone : undefined,
  );
  const people = new Map<string, PersonOfSet>();
  for (const [i, o] of occurrences.entries()) {
    const person = { teamId: o.teamId, userId: o.participantId };
    if (assumed[i] !== undefined) people.set(personKey(person), person);
  }
  const sources = await zoneSourcesOf(tx, [...people.values()]);
  const unsure = [...people].filter(([key]) => {
    const facts = sources.get(key);
    return facts?.known === true && !isTimeZone(facts.chosen) && !isTimeZone(facts.slack);
  });
  const unsureKeys = new Set(unsure.map(([key]) => key));
  const asked = await claimZoneQuestions(
    tx,
    unsure.map(([, person]) => person),
    occurrences[0]?.scheduledAt ?? new Date(),
  );
  return occurrences.map((o, i) => {
    const zone = assumed[i];
    const key = personKey({ teamId: o.teamId, userId: o.participantId });
    if (zone === undefined || !unsureKeys.has(key)) return undefined;
    // The question goes on the person's first prompt here only.
    const ask = asked.delete(key);
    return { zone, ask };
  });
}
