import type { Queryable } from '../db/database.js';
import type { OutboxMessage } from '../db/repos/outbox.js';
import { skillMembersToPair } from '../db/repos/pair-skills.js';
import { insertGroups, recentRounds, startRound } from '../db/repos/pairs.js';
import { LAST_RESORT_ZONE } from '../people/time-zones.js';
import type { DueOccurrence, RitualRunner } from '../scheduler/ritual-kind.js';
import { askWhetherMet } from './pairs-kind.js';
import { groupConversation, pairsKeys, pairsView } from './pairs-views.js';
import { seniorityOf, sessionFormatFor, skillsRound } from './skills-matching.js';
import { suggestSlots } from './suggested-slots.js';

/** How far back "never paired before" looks: two years of monthly rounds. */
const HISTORY_ROUNDS = 24;

/**
 * Skill-share pairs as the scheduler runs them (kind `skills`, src/rituals/kinds.ts): the pairs'
 * round machinery (pair_rounds and pair_groups keyed by the ritual, made once by key), with a round
 * that pairs each learner with someone who offers what they want to learn (./skills-matching), each
 * pair introduced in its own conversation with who teaches what and a suggested format. Halfway,
 * the same question as coffee pairs: did you meet?
 */
async function skillsMessages(tx: Queryable, due: readonly DueOccurrence[]): Promise<OutboxMessage[]> {
  const messages: OutboxMessage[] = [];
  for (const o of due) {
    messages.push(...(o.purpose === 'prompt' ? await makeRound(tx, o) : await askWhetherMet(tx, o, true)));
  }
  return messages;
}

async function makeRound(tx: Queryable, o: DueOccurrence): Promise<OutboxMessage[]> {
  const key = { teamId: o.teamId, ritualId: o.ritualId, roundDate: o.localDate };
  if (!(await startRound(tx, { ...key, channelId: o.channelId, now: o.scheduledAt }))) return [];
  const rows = await skillMembersToPair(tx, o.teamId, o.channelId, o.localDate);
  const history = await recentRounds(tx, key, HISTORY_ROUNDS);
  const { pairs } = skillsRound({
    members: rows.map((r) => ({
      id: r.id,
      side: r.side,
      seniority: seniorityOf(r.title),
      offers: r.offers,
      wants: r.wants,
    })),
    history,
    seed: `${o.teamId}:${o.ritualId}:${o.localDate}`,
  });
  // Each group's members: the learner, then who teaches them.
  await insertGroups(
    tx,
    key,
    pairs.map((p) => [p.learner, p.offerer]),
  );
  const zoneOf = new Map(rows.map((r) => [r.id, r.zone ?? LAST_RESORT_ZONE]));
  return pairs.map((p, i) => {
    const groupNo = i + 1;
    const members = [p.learner, p.offerer];
    const slots = suggestSlots({
      zones: members.map((id) => zoneOf.get(id) ?? LAST_RESORT_ZONE),
      from: o.scheduledAt,
      count: 2,
      minutes: 30,
    });
    return {
      teamId: o.teamId,
      dedupeKey: pairsKeys.skillsIntro(o.ritualId, o.localDate, groupNo),
      channelId: groupConversation(members),
      ...pairsView('pairs.skills-intro', {
        ritualId: o.ritualId,
        roundDate: o.localDate,
        groupNo,
        channelId: o.channelId,
        members,
        teaches: [
          { teacher: p.offerer, learner: p.learner, skills: p.skills },
          ...(p.back.length > 0 ? [{ teacher: p.learner, learner: p.offerer, skills: p.back }] : []),
        ],
        format: sessionFormatFor(p.skills),
        slots: slots.map((s) => ({
          start: s.start.toISOString(),
          end: s.end.toISOString(),
          outsideHoursFor: s.outsideHoursFor,
        })),
        endsAt: o.closesAt.toISOString(),
        acrossSides: p.acrossSides,
      }),
    };
  });
}

export const skillsKind: RitualRunner = { messagesFor: skillsMessages };
