import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { RitualRow } from '../db/repos/rituals.js';
import { replaceSlots, type Slot } from '../db/repos/scheduler.js';
import type { Directory, Person } from '../people/directory.js';
import { AUDIENCE, WHOLE_CHANNEL } from './kinds.js';
import { nextOccurrence, scheduleOf } from './schedule.js';

/** The channel's members, as Slack lists them. */
export type ChannelMembers = (teamId: string, channelId: string) => Promise<string[]>;

/** Whom a person's zone is when Slack has none for them. */
const FALLBACK_ZONE = 'UTC';

/**
 * A person's slot in a ritual: their next occurrence, in their own Slack time zone when the ritual
 * is local. None for bots, deactivated people, or a schedule with no next day.
 */
export function slotOf(ritual: RitualRow, person: Person | undefined, now: Date): Slot | undefined {
  if (!person || person.isBot || person.isDeleted) return undefined;
  const zone = ritual.zone === 'local' ? (person.tz ?? FALLBACK_ZONE) : ritual.zone;
  const next = nextOccurrence(scheduleOf(ritual), zone, now);
  if (!next) return undefined;
  return {
    teamId: ritual.team_id,
    ritualId: ritual.id,
    participantId: AUDIENCE[ritual.kind] === 'channel' ? WHOLE_CHANNEL : person.userId,
    zone,
    nextLocalDate: next.localDate,
    nextAt: next.at,
  };
}

/**
 * Gives each participant of a ritual a slot at their next occurrence: the named people, or else the
 * channel's human members (bots and deactivated people left out). With a local-time ritual each
 * slot is in the person's own Slack time zone. People who left lose their slot.
 */
export async function syncRitualSlots(
  deps: { db: Database; directory: Directory; members: ChannelMembers; clock: Clock },
  ritual: RitualRow,
): Promise<Slot[]> {
  // A channel-wide ritual has one slot, at its time in its zone ("local": its creator's).
  const candidates =
    AUDIENCE[ritual.kind] === 'channel'
      ? [ritual.created_by]
      : (ritual.participants ?? (await deps.members(ritual.team_id, ritual.channel_id)));
  const people = await Promise.all(candidates.map((id) => deps.directory.find(ritual.team_id, id)));
  const now = deps.clock.now();
  const slots = people.flatMap((person) => slotOf(ritual, person, now) ?? []);
  await replaceSlots(deps.db, ritual.team_id, ritual.id, slots);
  return slots;
}
