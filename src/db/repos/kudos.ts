import { z } from 'zod';
import type { Queryable } from '../database.js';

export type NewCommandKudos = {
  teamId: string;
  giverId: string;
  channelId: string;
  commandId: string;
  reason: string;
  receiverIds: readonly string[];
  now: Date;
};

/** One kudos per recipient; a replay of the same command (same trigger_id) inserts nothing. */
export async function insertCommandKudos(q: Queryable, k: NewCommandKudos): Promise<string[]> {
  const rows = await q.query(
    `insert into kudos (team_id, giver_id, receiver_id, channel_id, source, command_id, reason, created_at)
     select $1, $2, receiver_id, $3, 'command', $4, $5, $7
     from unnest($6::text[]) as receiver_id
     on conflict (team_id, command_id, receiver_id) where source = 'command' do nothing
     returning receiver_id`,
    [k.teamId, k.giverId, k.channelId, k.commandId, k.reason, k.receiverIds, k.now],
    z.object({ receiver_id: z.string() }),
  );
  return rows.map((r) => r.receiver_id);
}

export type KudosReaction = {
  teamId: string;
  channelId: string;
  messageTs: string;
  reactorId: string;
  authorId: string;
  emoji: string;
  eventTs: string;
  now: Date;
};

const counted = z.object({ changed: z.number() });

/**
 * Records a kudos-emoji reaction and the kudos it gives, in one statement. The reaction's row only
 * changes for a newer event, and a giver gets at most one kudos per message however many kudos
 * emoji they add, so repeated or reordered deliveries never count twice.
 */
export async function recordKudosReactionAdded(q: Queryable, r: KudosReaction): Promise<boolean> {
  const [row] = await q.query(
    `with reaction as (
       insert into kudos_reactions as r
         (team_id, channel_id, message_ts, reactor_id, emoji, author_id, active, event_ts)
       values ($1, $2, $3, $4, $5, $6, true, $7)
       on conflict (team_id, channel_id, message_ts, reactor_id, emoji) do update
         set active = true, event_ts = excluded.event_ts
         where r.event_ts < excluded.event_ts and not r.active
       returning 1
     ), given as (
       insert into kudos (team_id, giver_id, receiver_id, channel_id, source, message_ts, emoji, created_at)
       select $1, $4, $6, $2, 'reaction', $3, $5, $8 from reaction
       on conflict (team_id, channel_id, message_ts, giver_id) where source = 'reaction' do update
         set retracted_at = null, emoji = excluded.emoji, created_at = excluded.created_at
         where kudos.retracted_at is not null
       returning 1
     )
     select count(*)::int as changed from given`,
    [r.teamId, r.channelId, r.messageTs, r.reactorId, r.emoji, r.authorId, r.eventTs, r.now],
    counted,
  );
  return (row?.changed ?? 0) > 0;
}

/**
 * Records that a kudos-emoji reaction was removed. The giver's kudos for the message is taken back
 * unless another kudos emoji of theirs is still on it. A removal that arrives before its addition
 * leaves a marker, so the late addition is recognised as older and ignored.
 */
export async function recordKudosReactionRemoved(q: Queryable, r: KudosReaction): Promise<boolean> {
  const [row] = await q.query(
    `with reaction as (
       insert into kudos_reactions as r
         (team_id, channel_id, message_ts, reactor_id, emoji, author_id, active, event_ts)
       values ($1, $2, $3, $4, $5, $6, false, $7)
       on conflict (team_id, channel_id, message_ts, reactor_id, emoji) do update
         set active = false, event_ts = excluded.event_ts
         where r.event_ts < excluded.event_ts and r.active
       returning 1
     ), remaining as (
       select emoji from kudos_reactions
       where team_id = $1 and channel_id = $2 and message_ts = $3 and reactor_id = $4
         and emoji <> $5 and active
       order by event_ts
       limit 1
     ), retracted as (
       update kudos set retracted_at = $8
       where team_id = $1 and source = 'reaction' and channel_id = $2 and message_ts = $3
         and giver_id = $4 and retracted_at is null
         and exists (select 1 from reaction) and not exists (select 1 from remaining)
       returning 1
     ), kept as (
       update kudos set emoji = (select emoji from remaining)
       where team_id = $1 and source = 'reaction' and channel_id = $2 and message_ts = $3
         and giver_id = $4 and retracted_at is null and emoji = $5
         and exists (select 1 from reaction) and exists (select 1 from remaining)
       returning 1
     )
     select (select count(*) from retracted)::int as changed`,
    [r.teamId, r.channelId, r.messageTs, r.reactorId, r.emoji, r.authorId, r.eventTs, r.now],
    counted,
  );
  return (row?.changed ?? 0) > 0;
}

export type KudosCounts = {
  receivedRecent: number;
  receivedAll: number;
  givenRecent: number;
  givenAll: number;
};

export async function countKudosOf(
  q: Queryable,
  teamId: string,
  userId: string,
  recentSince: Date,
): Promise<KudosCounts> {
  const [row] = await q.query(
    `select
       count(*) filter (where receiver_id = $2 and created_at >= $3)::int as received_recent,
       count(*) filter (where receiver_id = $2)::int as received_all,
       count(*) filter (where giver_id = $2 and created_at >= $3)::int as given_recent,
       count(*) filter (where giver_id = $2)::int as given_all
     from kudos
     where team_id = $1 and retracted_at is null and (receiver_id = $2 or giver_id = $2)`,
    [teamId, userId, recentSince],
    z.object({
      received_recent: z.number(),
      received_all: z.number(),
      given_recent: z.number(),
      given_all: z.number(),
    }),
  );
  return {
    receivedRecent: row?.received_recent ?? 0,
    receivedAll: row?.received_all ?? 0,
    givenRecent: row?.given_recent ?? 0,
    givenAll: row?.given_all ?? 0,
  };
}

const receivedKudos = z.object({
  giver_id: z.string(),
  channel_id: z.string(),
  source: z.enum(['command', 'reaction']),
  reason: z.string().nullable(),
  emoji: z.string().nullable(),
  created_at: z.date(),
});
export type ReceivedKudos = z.infer<typeof receivedKudos>;

export function recentKudosReceived(
  q: Queryable,
  teamId: string,
  userId: string,
  limit: number,
): Promise<ReceivedKudos[]> {
  return q.query(
    `select giver_id, channel_id, source, reason, emoji, created_at
     from kudos
     where team_id = $1 and receiver_id = $2 and retracted_at is null
     order by created_at desc, id desc
     limit $3`,
    [teamId, userId, limit],
    receivedKudos,
  );
}
