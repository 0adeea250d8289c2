import type { Queryable } from '../db/database.js';
import type { GivenKudos } from '../db/repos/kudos.js';
import { kudosDmsWanted } from '../db/repos/person-settings.js';
import { enqueueMessages } from '../db/repos/outbox.js';
import { type KudosViews, kudosView } from './kudos-views.js';

/**
 * One DM per kudos, whatever happens later: a kudos taken back and given again is not told twice.
 * Several ready together for one person are said in one message (the outbox merges them).
 */
const dmKey = (kudosId: number) => `kudos-dm:${kudosId}`;

/**
 * Queues a DM to the receiver of each kudos just given, in the transaction that records them, for
 * those who have not turned kudos DMs off. The outbox sends each once.
 */
export async function queueKudosDms(
  tx: Queryable,
  given: readonly GivenKudos[],
  now: Date,
  secondOf?: string,
): Promise<void> {
  const byTeam = new Map<string, GivenKudos[]>();
  for (const k of given) byTeam.set(k.team_id, [...(byTeam.get(k.team_id) ?? []), k]);
  for (const [teamId, kudos] of byTeam) {
    const wanted = await kudosDmsWanted(tx, teamId, [...new Set(kudos.map((k) => k.receiver_id))]);
    await enqueueMessages(
      tx,
      kudos
        .filter((k) => wanted.has(k.receiver_id))
        .map((k) => ({
          teamId,
          dedupeKey: dmKey(k.id),
          channelId: k.receiver_id,
          ...kudosView('kudos.dm', { kudos: k, secondOf }),
          // Several to one person within a minute go as one ("3 people gave you kudos").
          mergeAs: 'kudos.dms' satisfies keyof KudosViews,
        })),
      now,
    );
  }
}
