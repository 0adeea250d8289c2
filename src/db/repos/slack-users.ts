import { z } from 'zod';
import type { Queryable } from '../database.js';

const slackUser = z.object({
  team_id: z.string(),
  user_id: z.string(),
  home_team_id: z.string().nullable(),
  display_name: z.string(),
  is_bot: z.boolean(),
  is_deleted: z.boolean(),
  is_admin: z.boolean(),
  tz: z.string().nullable(),
  fetched_at: z.date(),
});
export type SlackUserRow = z.infer<typeof slackUser>;

export async function findSlackUser(
  q: Queryable,
  teamId: string,
  userId: string,
): Promise<SlackUserRow | undefined> {
  const [row] = await q.query(
    `select team_id, user_id, home_team_id, display_name, is_bot, is_deleted, is_admin, tz, fetched_at
     from slack_users where team_id = $1 and user_id = $2`,
    [teamId, userId],
    slackUser,
  );
  return row;
}

export async function saveSlackUser(q: Queryable, user: SlackUserRow): Promise<void> {
  await q.execute(
    `insert into slack_users
       (team_id, user_id, home_team_id, display_name, is_bot, is_deleted, is_admin, tz, fetched_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (team_id, user_id) do update set
       home_team_id = excluded.home_team_id, display_name = excluded.display_name,
       is_bot = excluded.is_bot, is_deleted = excluded.is_deleted, is_admin = excluded.is_admin,
       tz = excluded.tz, fetched_at = excluded.fetched_at`,
    [
      user.team_id,
      user.user_id,
      user.home_team_id,
      user.display_name,
      user.is_bot,
      user.is_deleted,
      user.is_admin,
      user.tz,
      user.fetched_at,
    ],
  );
}
