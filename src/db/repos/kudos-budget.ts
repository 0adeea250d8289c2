import { z } from 'zod';
import type { Queryable } from '../database.js';

/**
 * Holds, until the transaction ends, the right to record kudos from this giver: their kudos are
 * counted and written one transaction at a time, so concurrent ones (or Slack's retries) can never
 * together go over the budget.
 */
export async function lockKudosGiver(q: Queryable, teamId: string, giverId: string): Promise<void> {
  await q.query(
    `select pg_advisory_xact_lock(hashtextextended('kudos-giver:' || $1 || ':' || $2, 0))::text as locked`,
    [teamId, giverId],
    z.object({ locked: z.string() }),
  );
}

/** Kudos a person gave, still standing, in [from, to). */
export async function countKudosGivenBetween(
  q: Queryable,
  teamId: string,
  giverId: string,
  from: Date,
  to: Date,
): Promise<number> {
  const [row] = await q.query(
    `select count(*)::int as given from kudos
     where team_id = $1 and giver_id = $2 and retracted_at is null and created_at >= $3 and created_at < $4`,
    [teamId, giverId, from, to],
    z.object({ given: z.number() }),
  );
  return row?.given ?? 0;
}
