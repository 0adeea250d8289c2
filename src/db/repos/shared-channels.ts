import { z } from 'zod';
import type { Queryable } from '../database.js';

const sharingRow = z.object({
  channel_id: z.string(),
  is_shared: z.boolean(),
  team_ids: z.array(z.string()),
  checked_at: z.date(),
  adopted_from: z.string().nullable(),
  host_team_id: z.string().nullable(),
});
export type SharingRow = z.infer<typeof sharingRow>;

/** What Rapport last learned about whether a channel is shared, and with whom. */
export async function getSharing(q: Queryable, channelId: string): Promise<SharingRow | undefined> {
  const [row] = await q.query(
    `select channel_id, is_shared, team_ids, checked_at, adopted_from, host_team_id
     from shared_channels where channel_id = $1`,
    [channelId],
    sharingRow,
  );
  return row;
}

/** Records what Slack said about the channel; returns the row as it now stands. */
export async function saveSharing(
  q: Queryable,
  input: { channelId: string; isShared: boolean; teamIds: string[]; hostTeamId: string | null; now: Date },
): Promise<SharingRow> {
  const [row] = await q.query(
    `insert into shared_channels (channel_id, is_shared, team_ids, host_team_id, checked_at)
     values ($1, $2, $3, $4, $5)
     on conflict (channel_id) do update
       set is_shared = excluded.is_shared, team_ids = excluded.team_ids,
           host_team_id = excluded.host_team_id, checked_at = excluded.checked_at
     returning channel_id, is_shared, team_ids, checked_at, adopted_from, host_team_id`,
    [input.channelId, input.isShared, input.teamIds, input.hostTeamId, input.now],
    sharingRow,
  );
  return row!;
}

/**
 * Moves what `fromTeamId` recorded about the channel before it was known to be shared into the
 * channel's own record set. Only one workspace's earlier records are adopted (the first to find
 * the channel shared); true when this call moved them.
 */
export async function adoptChannelRecords(q: Queryable, fromTeamId: string, channelId: string) {
  const claimed = await q.execute(
    `update shared_channels set adopted_from = $1
     where channel_id = $2 and is_shared and (adopted_from is null or adopted_from = $1)`,
    [fromTeamId, channelId],
  );
  if (claimed === 0) return false;
  await q.execute('select adopt_shared_channel($1, $2)', [fromTeamId, channelId]);
  return true;
}

/**
 * SQL for the workspaces a shared channel's record set (the expression `set`) is shared with: a
 * person's own settings and names there count in the channel too. None for a workspace's own set.
 */
export const sharedWith = (set: string) =>
  `select unnest(c.team_ids) from shared_channels c where c.channel_id = ${set} and c.is_shared`;

/** One record set or several, as a statement's `team_id = any($n::text[])` takes them. */
export function setsOf(teamId: string | readonly string[]): readonly string[] {
  return typeof teamId === 'string' ? [teamId] : teamId;
}

/** The tables whose rows have a global id, for finding which record set an id belongs to. */
export const RECORD_TABLES = [
  'rituals',
  'retros',
  'retro_notes',
  'action_items',
  'credits',
  'credit_contributors',
  'gives',
  'give_receivers',
  'decisions',
  'debriefs',
  'escalations',
] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

/**
 * The record set holding row `id` of `table`, among those an installation may reach: its own
 * workspace's, and those of the channels shared with it. Undefined when it may reach none.
 */
export async function recordSetOf(
  q: Queryable,
  table: RecordTable,
  id: number,
  installedTeamId: string,
): Promise<string | undefined> {
  if (!RECORD_TABLES.includes(table)) throw new Error(`not a record table: ${table}`);
  const [row] = await q.query(
    `select team_id from ${table}
     where id = $1
       and (team_id = $2
            or team_id in (select channel_id from shared_channels where is_shared and $2 = any(team_ids)))
     limit 1`,
    [id, installedTeamId],
    z.object({ team_id: z.string() }),
  );
  return row?.team_id;
}

/** Every record set an installation may reach: its workspace's, then each shared channel's. */
export async function recordSetsOf(q: Queryable, installedTeamId: string): Promise<string[]> {
  const rows = await q.query(
    `select channel_id from shared_channels where is_shared and $1 = any(team_ids) order by channel_id`,
    [installedTeamId],
    z.object({ channel_id: z.string() }),
  );
  return [installedTeamId, ...rows.map((r) => r.channel_id)];
}

/** A record set that is a shared channel's (its id, C… or G…) rather than a workspace's (T… or E…). */
export function isChannelSet(teamId: string): boolean {
  return /^[CG]/.test(teamId);
}

/** The workspace a person belongs to, as Slack last said (users.info team_id) to the first of these record sets that looked them up. */
export async function homeTeamOf(
  q: Queryable,
  teamIds: readonly string[],
  userId: string,
): Promise<string | undefined> {
  const [row] = await q.query(
    `select home_team_id from slack_users
     where team_id = any($1) and user_id = $2 and home_team_id is not null
     order by array_position($1, team_id)
     limit 1`,
    [teamIds, userId],
    z.object({ home_team_id: z.string().nullable() }),
  );
  return row?.home_team_id ?? undefined;
}
