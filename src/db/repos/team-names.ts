import { z } from 'zod';
import type { Queryable } from '../database.js';

/** The names team.info gave for these workspaces, by team id (null: it would not say). */
export async function teamNamesOf(
  q: Queryable,
  teamId: string,
  namedTeamIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (namedTeamIds.length === 0) return new Map();
  const rows = await q.query(
    `select named_team_id, name from team_names where team_id = $1 and named_team_id = any($2::text[])`,
    [teamId, namedTeamIds],
    z.object({ named_team_id: z.string(), name: z.string().nullable() }),
  );
  return new Map(rows.map((r) => [r.named_team_id, r.name]));
}

/** Keeps what team.info said about a workspace (null: it would not say), as of `now`. */
export async function saveTeamName(
  q: Queryable,
  row: { teamId: string; namedTeamId: string; name: string | null; now: Date },
): Promise<void> {
  await q.execute(
    `insert into team_names (team_id, named_team_id, name, fetched_at) values ($1, $2, $3, $4)
     on conflict (team_id, named_team_id) do update set name = excluded.name, fetched_at = excluded.fetched_at`,
    [row.teamId, row.namedTeamId, row.name, row.now],
  );
}

/**
 * Workspaces whose name is unknown or older than `before`: each workspace the people of `teamId`
 * (or of every workspace, when null) belong to, the workspace itself, and `alsoIds` (for
 * `teamId`). A handful per workspace.
 */
export function teamNamesToFetch(
  q: Queryable,
  teamId: string | null,
  before: Date,
  limit: number,
  alsoIds: readonly string[] = [],
) {
  return q.query(
    `with seen as (
       select distinct team_id, home_team_id as named_team_id from slack_users
       where ($1::text is null or team_id = $1) and home_team_id is not null
       union
       select distinct team_id, team_id from slack_users where ($1::text is null or team_id = $1)
       union
       select $1::text, unnest($4::text[]) where $1::text is not null
     )
     select s.team_id, s.named_team_id from seen s
     left join team_names n on n.team_id = s.team_id and n.named_team_id = s.named_team_id
     where n.fetched_at is null or n.fetched_at < $2
     order by s.team_id, s.named_team_id
     limit $3`,
    [teamId, before, limit, alsoIds],
    z.object({ team_id: z.string(), named_team_id: z.string() }),
  );
}
