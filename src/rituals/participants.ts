import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { RitualRow } from '../db/repos/rituals.js';
import { replaceSlots, type Slot } from '../db/repos/scheduler.js';
import { chosenZones } from '../db/repos/person-settings.js';
import type { Directory, Person } from '../people/directory.js';
import { LAST_RESORT_ZONE, resolveZone } from '../people/time-zones.js';
import { AUDIENCE, WHOLE_CHANNEL } from './kinds.js';
import { nextOccurrence, scheduleOf } from './schedule.js';

/** The channel's members, as Slack lists them. */
export type ChannelMembers = (teamId: string, channelId: string) => Promise<string[]>;

/**
 * What a local-time ritual knows of its participants' zones: those they chose in Rapport, and the
 * zone it assumes for anyone whose zone neither they nor Slack gave (a partner organisation's
 * member: Slack may not share it). The assumption is the ritual creator's zone: whoever set "09:30
 * local" meant their own 09:30, and the person is told so on their first prompt, with a button to
 * set their own. Only when the creator's zone is unknown too is it UTC, told the same way.
 */
export type ZonePlan = { chosen: ReadonlyMap<string, string>; assumed: string };

/** The zone plan of a ritual for these people. */
export async function zonePlanFor(
  deps: { db: Database; directory: Directory },
  ritual: Pick<RitualRow, 'team_id' | 'zone' | 'created_by'>,
  userIds: readonly string[],
): Promise<ZonePlan> {
  if (ritual.zone !== 'local') return { chosen: new Map(), assumed: ritual.zone };
  const chosen = await chosenZones(deps.db, ritual.team_id, [...userIds, ritual.created_by]);
  const creator = await deps.directory.find(ritual.team_id, ritual.created_by);
  const assumed = resolveZone(
    { chosen: chosen.get(ritual.created_by), slack: creator?.tz },
    LAST_RESORT_ZONE,
  ).zone;
  return { chosen, assumed };
}

/** A person's zone in a ritual: its own zone, or, for a local-time ritual, the person's. */
export function participantZone(ritual: Pick<RitualRow, 'zone'>, person: Person, plan: ZonePlan): string {
  if (ritual.zone !== 'local') return ritual.zone;
  return resolveZone({ chosen: plan.chosen.get(person.userId), slack: person.tz }, plan.assumed).zone;
}

/**
 * A person's slot in a ritual: their next occurrence, in their own time zone when the ritual is
 * local. None for bots, deactivated people, or a schedule with no next day.
 */
export function slotOf(
  ritual: RitualRow,
  person: Person | undefined,
  now: Date,
  plan: ZonePlan,
): Slot | undefined {
  if (!person || person.isBot || person.isDeleted) return undefined;
  const zone = participantZone(ritual, person, plan);
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
 * slot is in the person's own time zone (see ZonePlan). People who left lose their slot.
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
  const plan = await zonePlanFor(deps, ritual, candidates);
  const now = deps.clock.now();
  const slots = people.flatMap((person) => slotOf(ritual, person, now, plan) ?? []);
  await replaceSlots(deps.db, ritual.team_id, ritual.id, slots);
  return slots;
}
