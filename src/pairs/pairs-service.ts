import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { markMet, pairGroup, pairMember, pairMemberCounts, savePairMember } from '../db/repos/pairs.js';
import { chosenZones } from '../db/repos/person-settings.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import { LAST_RESORT_ZONE, resolveZone } from '../people/time-zones.js';
import { createSkillsService } from './skills-service.js';

/** Who acts, where: a person in a channel's record set, through their workspace's installation. */
export type PairsActor = { teamId: string; channelId: string; userId: string; workspaceId: string };

/** How far ahead a pause may go. */
const LONGEST_PAUSE_DAYS = 366;

/**
 * Coffee pairs from a person's side: joining (nobody is paired without saying yes once), leaving,
 * pausing until a date, where they stand, and saying their group met.
 */
export function createPairsService(deps: { db: Database; clock: Clock; directory: Directory }) {
  const today = () => DateTime.fromJSDate(deps.clock.now(), { zone: 'UTC' }).toISODate() ?? '';
  /** Their answer, with their own workspace (their side) and zone as they are now. */
  const save = async (who: PairsActor, joined: boolean, pausedUntil: string | null) => {
    const person = await deps.directory.find(who.workspaceId, who.userId);
    const chosen = await chosenZones(deps.db, who.teamId, [who.userId]);
    const zone = resolveZone({ chosen: chosen.get(who.userId), slack: person?.tz }, LAST_RESORT_ZONE);
    await savePairMember(deps.db, {
      teamId: who.teamId,
      channelId: who.channelId,
      userId: who.userId,
      userTeamId: person?.homeTeamId ?? undefined,
      zone: zone.source === 'assumed' ? undefined : zone.zone,
      joined,
      pausedUntil,
      now: deps.clock.now(),
    });
  };

  return {
    /** Skill-share pairs: what a person can teach and wants to learn (`/pairs skills`). */
    skills: createSkillsService(deps),

    /** Joins the channel's pairs (ending a pause); false when they were in already. */
    async join(who: PairsActor): Promise<boolean> {
      const before = await pairMember(deps.db, who.teamId, who.channelId, who.userId);
      await save(who, true, null);
      return !(before?.joined && before.paused_until === null);
    },

    /** Leaves them; false when they were not in. */
    async leave(who: PairsActor): Promise<boolean> {
      const before = await pairMember(deps.db, who.teamId, who.channelId, who.userId);
      if (!before?.joined) return false;
      await save(who, false, null);
      return true;
    },

    /** Skips rounds until `until` (that day's round pairs them again); joins them if they were not in. */
    async pause(who: PairsActor, until: string): Promise<void> {
      const days = DateTime.fromISO(until, { zone: 'UTC' }).diff(
        DateTime.fromISO(today(), { zone: 'UTC' }),
        'days',
      ).days;
      if (days <= 0) throw new UserError(`${until} has passed: choose a day after today.`);
      if (days > LONGEST_PAUSE_DAYS)
        throw new UserError('A pause can last up to a year; `/pairs leave` stops for good.');
      await save(who, true, until);
    },

    async status(who: Pick<PairsActor, 'teamId' | 'channelId' | 'userId'>) {
      const [member, counts] = await Promise.all([
        pairMember(deps.db, who.teamId, who.channelId, who.userId),
        pairMemberCounts(deps.db, who.teamId, who.channelId, today()),
      ]);
      const state = !member?.joined
        ? ('out' as const)
        : member.paused_until && member.paused_until > today()
          ? ('paused' as const)
          : ('in' as const);
      return { state, pausedUntil: member?.paused_until ?? null, ...counts };
    },

    /**
     * A member says their group met: recorded once. What the group's message should then say,
     * or why nothing changed.
     */
    async met(k: { teamId: string; ritualId: number; roundDate: string; groupNo: number; userId: string }) {
      const group = await pairGroup(deps.db, k);
      if (!group || !group.members.includes(k.userId)) {
        throw new UserError('Only the people paired in this group can say whether it met.');
      }
      const now = deps.clock.now();
      const marked = await markMet(deps.db, { ...k, now });
      return { marked, group, at: now };
    },
  };
}

export type PairsService = ReturnType<typeof createPairsService>;
