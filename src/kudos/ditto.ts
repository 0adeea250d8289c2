import type { Clock } from '../clock.js';
import { zoneOfPerson } from '../people/time-zones.js';
import type { Database } from '../db/database.js';
import { findAnnouncedKudos, insertDittoKudos, receiversOfGiverIn } from '../db/repos/kudos-announcements.js';
import { lockKudosGiver } from '../db/repos/kudos-budget.js';
import type { Directory } from '../people/directory.js';
import { type BudgetRefusal, budgetRefusal, giverDay } from './budget.js';
import { queueKudosDms } from './recipient-dms.js';

export type DittoReaction = { teamId: string; reactorId: string; channelId: string; messageTs: string };

export type DittoOutcome =
  | { kind: 'stored' }
  | { kind: 'ignored' }
  /** Nothing stored: the reactor hears why, privately. */
  | { kind: 'over_budget'; refusal: BudgetRefusal };

/**
 * A kudos emoji on Rapport's own announcement of kudos: the reactor's kudos to the same people for
 * the same reason, once per person (never to themselves, nothing new for a second ditto or for the
 * one who gave them), within the reactor's daily budget. Any other message of the bot is ignored:
 * the bot never receives kudos.
 */
export async function giveDitto(
  deps: { db: Database; directory: Directory; clock: Clock },
  r: DittoReaction,
): Promise<DittoOutcome> {
  const announcement = await findAnnouncedKudos(deps.db, r.teamId, r.channelId, r.messageTs);
  if (!announcement) return { kind: 'ignored' };
  const reactor = await deps.directory.find(r.teamId, r.reactorId);
  if (!reactor || reactor.isBot || reactor.isDeleted) return { kind: 'ignored' };
  const others = announcement.receiver_ids.filter((id) => id !== r.reactorId);
  const people = await Promise.all(others.map((id) => deps.directory.find(r.teamId, id)));
  const receivers = people.flatMap((p) =>
    p && !p.isBot && !p.isDeleted ? [{ id: p.userId, teamId: p.homeTeamId }] : [],
  );
  if (receivers.length === 0) return { kind: 'ignored' };
  // Read before the transaction: on the embedded engine it holds the only connection.
  const reactorZone = (await zoneOfPerson(deps, r.teamId, r.reactorId)).zone;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<DittoOutcome> => {
    await lockKudosGiver(tx, r.teamId, r.reactorId);
    const already = await receiversOfGiverIn(tx, r.teamId, announcement.announcement_id, r.reactorId);
    const pending = receivers.filter((p) => !already.has(p.id));
    if (pending.length === 0) return { kind: 'ignored' };
    const refusal = await budgetRefusal(tx, {
      teamId: r.teamId,
      giverId: r.reactorId,
      day: giverDay(reactorZone, now),
      wanted: pending.length,
      now,
    });
    if (refusal) return { kind: 'over_budget', refusal };
    const given = await insertDittoKudos(tx, {
      teamId: r.teamId,
      announcement,
      giver: { id: r.reactorId, teamId: reactor.homeTeamId },
      receivers: pending,
      now,
    });
    await queueKudosDms(tx, given, now, announcement.giver_id);
    return { kind: 'stored' };
  });
}
