import { z } from 'zod';
import type { Queryable } from '../database.js';

/** Who of `userIds` wants a DM when they receive kudos: everyone but those who turned it off. */
export async function kudosDmsWanted(
  q: Queryable,
  teamId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await q.query(
    `select s.user_id from person_settings s
     where s.user_id = any($2::text[]) and not s.kudos_dms
       and (s.team_id = $1
            or s.team_id in (select u.home_team_id from slack_users u
                             where u.team_id = $1 and u.user_id = s.user_id))`,
    [teamId, userIds],
    z.object({ user_id: z.string() }),
  );
  const off = new Set(rows.map((r) => r.user_id));
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
