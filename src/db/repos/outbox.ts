import { z } from 'zod';
import type { Queryable } from '../database.js';

const claimed = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  dedupe_key: z.string(),
  channel_id: z.string(),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number(),
  last_error: z.string().nullable(),
  method: z.enum(['chat.postMessage', 'chat.update', 'files.upload']),
  message_ts_to_update: z.string().nullable(),
});
export type ClaimedMessage = z.infer<typeof claimed>;

/**
 * Takes up to `limit` messages that are ready, and leases them: until `leaseUntil` no other
 * delivery takes them. If this process dies while sending, the lease runs out and the message
 * is tried again, as an uncertain one. The one outbox query across workspaces.
 *
 * An edit of the message another entry posts (update_of_key) waits until that entry is settled;
 * it then carries that message's ts, or none when it was never posted.
 */
export function claimReadyMessages(q: Queryable, now: Date, leaseUntil: Date, limit: number) {
  return q.query(
    `with ready as (
       select id from outbox o
       where status = 'pending' and next_attempt_at <= $1
         and (update_of_key is null or not exists (
           select 1 from outbox p
           where p.team_id = o.team_id and p.dedupe_key = o.update_of_key and p.status = 'pending'))
       order by next_attempt_at, id
       limit $3
       for update skip locked
     )
     update outbox o set attempts = o.attempts + 1, next_attempt_at = $2
     from ready where o.id = ready.id
     returning o.id, o.team_id, o.dedupe_key, o.channel_id, o.payload, o.attempts, o.last_error,
               o.method,
               coalesce(o.message_ts_to_update,
                        (select p.message_ts from outbox p
                         where p.team_id = o.team_id and p.dedupe_key = o.update_of_key
                           and p.status = 'sent')) as message_ts_to_update`,
    [now, leaseUntil, limit],
    claimed,
  );
}

export async function markSent(
  q: Queryable,
  teamId: string,
  id: number,
  messageTs: string | undefined,
  now: Date,
) {
  await q.execute(
    `update outbox set status = 'sent', message_ts = $3, sent_at = $4, last_error = null
     where team_id = $1 and id = $2`,
    [teamId, id, messageTs ?? null, now],
  );
}

/** Tries again at `at`; `countAttempt: false` gives back the attempt (a rate limit is not a failure). */
export async function retryLater(
  q: Queryable,
  m: { teamId: string; id: number; at: Date; error: string; countAttempt: boolean },
) {
  await q.execute(
    `update outbox set next_attempt_at = $3, last_error = $4,
       attempts = case when $5 then attempts else attempts - 1 end
     where team_id = $1 and id = $2`,
    [m.teamId, m.id, m.at, m.error, m.countAttempt],
  );
}

export async function markFailed(q: Queryable, teamId: string, id: number, error: string) {
  await q.execute(`update outbox set status = 'failed', last_error = $3 where team_id = $1 and id = $2`, [
    teamId,
    id,
    error,
  ]);
}
