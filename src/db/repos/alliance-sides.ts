import { z } from 'zod';
import type { Queryable } from '../database.js';

/** The sides a channel declared with /health sides, each with its people, in name order. */
export async function declaredSides(q: Queryable, teamId: string, channelId: string) {
  return q.query(
    `select side, array_agg(user_id order by user_id) as user_ids
     from alliance_sides
     where team_id = $1 and channel_id = $2
     group by side
     order by side`,
    [teamId, channelId],
    z.object({ side: z.string(), user_ids: z.array(z.string()) }),
  );
}

/** Forgets the channel's declared sides: the sides are the people's workspaces again. */
export async function clearSides(q: Queryable, teamId: string, channelId: string): Promise<number> {
  return q.execute(`delete from alliance_sides where team_id = $1 and channel_id = $2`, [teamId, channelId]);
}

/** Declares sides for the channel (after clearSides, in the same transaction): one row per person. */
export async function insertSides(
  q: Queryable,
  input: {
    teamId: string;
    channelId: string;
    sides: { name: string; userIds: string[] }[];
    declaredBy: string;
    now: Date;
  },
): Promise<number> {
  const rows = input.sides.flatMap((s) => s.userIds.map((userId) => ({ userId, side: s.name })));
  return q.execute(
    `insert into alliance_sides (team_id, channel_id, user_id, side, declared_by, declared_at)
     select $1, $2, m.user_id, m.side, $5, $6
     from unnest($3::text[], $4::text[]) as m(user_id, side)`,
    [
      input.teamId,
      input.channelId,
      rows.map((r) => r.userId),
      rows.map((r) => r.side),
      input.declaredBy,
      input.now,
    ],
  );
}
