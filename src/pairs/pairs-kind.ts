import type { Queryable } from '../db/database.js';
import type { OutboxMessage } from '../db/repos/outbox.js';
import { insertGroups, membersToPair, recentRounds, roundGroups, startRound } from '../db/repos/pairs.js';
import { LAST_RESORT_ZONE } from '../people/time-zones.js';
import type { DueOccurrence, RitualRunner } from '../scheduler/ritual-kind.js';
import { starterFor } from './conversation-starters.js';
import { pairRound } from './matching.js';
import { groupConversation, pairsKeys, pairsView } from './pairs-views.js';
import { suggestSlots } from './suggested-slots.js';

/** A pair is not made again within this many rounds, where another arrangement exists. */
export const NO_REPEAT_WITHIN = 6;
/** How far back "never paired" and "longest since" look: half a year of weekly rounds. */
const HISTORY_ROUNDS = 26;

/**
 * Coffee pairs as the scheduler runs them (kind `pairs`, src/rituals/kinds.ts). A round's
 * occurrence comes due once for the channel: the round is made once (its key), its groups drawn
 * from those who joined and are not paused, across the sides wherever they allow, and each group
 * introduced in its own conversation. Its reminder, halfway, asks each group that has not said
 * so whether it met.
 */
async function pairsMessages(tx: Queryable, due: readonly DueOccurrence[]): Promise<OutboxMessage[]> {
  const messages: OutboxMessage[] = [];
  for (const o of due) {
    messages.push(...(o.purpose === 'prompt' ? await makeRound(tx, o) : await askWhetherMet(tx, o)));
  }
  return messages;
}

async function makeRound(tx: Queryable, o: DueOccurrence): Promise<OutboxMessage[]> {
  const key = { teamId: o.teamId, ritualId: o.ritualId, roundDate: o.localDate };
  if (!(await startRound(tx, { ...key, channelId: o.channelId, now: o.scheduledAt }))) return [];
  const members = await membersToPair(tx, o.teamId, o.channelId, o.localDate);
  const history = await recentRounds(tx, key, HISTORY_ROUNDS);
  const seed = `${o.teamId}:${o.ritualId}:${o.localDate}`;
  const { groups } = pairRound({ members, history, seed, noRepeatWithin: NO_REPEAT_WITHIN });
  await insertGroups(tx, key, groups);
  const sideOf = new Map(members.map((m) => [m.id, m.side]));
  const zoneOf = new Map(members.map((m) => [m.id, m.zone ?? LAST_RESORT_ZONE]));
  return groups.map((group, i) => {
    const groupNo = i + 1;
    const slots = suggestSlots({
      zones: group.map((id) => zoneOf.get(id) ?? LAST_RESORT_ZONE),
      from: o.scheduledAt,
      count: 2,
      minutes: 30,
    });
    return {
      teamId: o.teamId,
      dedupeKey: pairsKeys.intro(o.ritualId, o.localDate, groupNo),
      channelId: groupConversation(group),
      ...pairsView('pairs.intro', {
        ritualId: o.ritualId,
        roundDate: o.localDate,
        groupNo,
        channelId: o.channelId,
        members: group,
        starter: starterFor(`${o.teamId}:${o.ritualId}`, history.length + 1),
        slots: slots.map((s) => ({
          start: s.start.toISOString(),
          end: s.end.toISOString(),
          outsideHoursFor: s.outsideHoursFor,
        })),
        endsAt: o.closesAt.toISOString(),
        acrossSides: new Set(group.map((id) => sideOf.get(id))).size > 1,
      }),
    };
  });
}

/** Halfway through a round (coffee pairs, or skill-share pairs with `skills`): each group not yet met is asked. */
export async function askWhetherMet(
  tx: Queryable,
  o: DueOccurrence,
  skills = false,
): Promise<OutboxMessage[]> {
  const key = { teamId: o.teamId, ritualId: o.ritualId, roundDate: o.localDate };
  const groups = await roundGroups(tx, key);
  return groups
    .filter((g) => !g.met)
    .map((g) => ({
      teamId: o.teamId,
      dedupeKey: pairsKeys.check(o.ritualId, o.localDate, g.group_no),
      channelId: groupConversation(g.members),
      // It asks them something: before notifications waiting for the same people.
      asks: true,
      ...pairsView('pairs.check', {
        ritualId: o.ritualId,
        roundDate: o.localDate,
        groupNo: g.group_no,
        channelId: o.channelId,
        members: g.members,
        ...(skills ? { skills } : {}),
      }),
    }));
}

export const pairsKind: RitualRunner = { messagesFor: pairsMessages };
