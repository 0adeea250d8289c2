import { z } from 'zod';
import type { Queryable } from '../database.js';

/**
 * Who of `userIds` wants a DM when they receive kudos in record set `teamId`: everyone but those who
 * turned it off. A person's switch is theirs wherever they used it: in that workspace's Home tab,
 * or, for a shared channel's set, in the Home tab of any workspace the channel is shared with; the
 * latest switch wins.
 */
export async function kudosDmsWanted(
  q: Queryable,
  teamId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await q.query(
    `select distinct on (s.user_id) s.user_id, s.kudos_dms
     from person_settings s
     where s.user_id = any($2::text[])
       and (s.team_id = $1
            or s.team_id in (select unnest(c.team_ids) from shared_channels c
                             where c.channel_id = $1 and c.is_shared))
     order by s.user_id, s.updated_at desc`,
    [teamId, userIds],
    z.object({ user_id: z.string(), kudos_dms: z.boolean() }),
  );
  const off = new Set(rows.filter((r) => !r.kudos_dms).map((r) => r.user_id));
  return new Set(userIds.filter((id) => !off.has(id)));
}

/** Turns a person's kudos DMs on or off. */
export async function setKudosDms(q: Queryable, teamId: string, userId: string, on: boolean): Promise<void> {
  await q.execute(
    `insert into person_settings (team_id, user_id, kudos_dms, updated_at) values ($1, $2, $3, now())
     on conflict (team_id, user_id) do update set kudos_dms = excluded.kudos_dms, updated_at = now()`,
    [teamId, userId, on],
  );
}
