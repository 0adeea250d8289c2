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

export type KudosReactionChange = {
  teamId: string;
  channelId: string;
  messageTs: string;
  reactorId: string;
  authorId: string;
  emoji: string;
  /** Slack's event_ts: the later event decides a reaction's state. */
  eventTs: string;
  /** True for reaction_added, false for reaction_removed. */
  active: boolean;
};

/**
 * Applies kudos-emoji reactions, added and removed, and the kudos they give or take back, in one
 * statement for any number of them.
 *
 * A reaction's row changes only for a newer event, so repeated or reordered deliveries never count
 * twice, and a removal that arrives before its addition leaves a marker the late addition loses
 * to. A giver has one kudos per message, standing while any of their kudos emoji is on it.
 */
export async function applyKudosReactions(
  q: Queryable,
  changes: readonly KudosReactionChange[],
  now: Date,
): Promise<void> {
  const column = <K extends keyof KudosReactionChange>(key: K) => changes.map((c) => c[key]);
  await q.execute(
    `with input as (
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::numeric[], $8::boolean[])
         as i(team_id, channel_id, message_ts, reactor_id, emoji, author_id, event_ts, active)
     ), latest as (
       select distinct on (team_id, channel_id, message_ts, reactor_id, emoji) *
       from input
       order by team_id, channel_id, message_ts, reactor_id, emoji, event_ts desc
     ), changed as (
       insert into kudos_reactions as r
         (team_id, channel_id, message_ts, reactor_id, emoji, author_id, active, event_ts)
       select team_id, channel_id, message_ts, reactor_id, emoji, author_id, active, event_ts from latest
       on conflict (team_id, channel_id, message_ts, reactor_id, emoji) do update
         set active = excluded.active, event_ts = excluded.event_ts
         where r.event_ts < excluded.event_ts
       returning r.team_id, r.channel_id, r.message_ts, r.reactor_id, r.emoji, r.author_id, r.active, r.event_ts
     ), after as (
       -- Every reaction of each giver and message touched, as it stands once this statement is done.
       select * from changed
       union all
       select r.team_id, r.channel_id, r.message_ts, r.reactor_id, r.emoji, r.author_id, r.active, r.event_ts
       from kudos_reactions r
       join (select distinct team_id, channel_id, message_ts, reactor_id from changed) touched
         using (team_id, channel_id, message_ts, reactor_id)
       where not exists (
         select 1 from changed c
         where c.team_id = r.team_id and c.channel_id = r.channel_id and c.message_ts = r.message_ts
           and c.reactor_id = r.reactor_id and c.emoji = r.emoji)
     ), wanted as (
       select team_id, channel_id, message_ts, reactor_id,
              (array_agg(author_id order by event_ts desc))[1] as author_id,
              (array_agg(emoji order by event_ts) filter (where active))[1] as emoji
       from after
       group by team_id, channel_id, message_ts, reactor_id
     ), given as (
       insert into kudos (team_id, giver_id, receiver_id, channel_id, source, message_ts, emoji, created_at)
       select team_id, reactor_id, author_id, channel_id, 'reaction', message_ts, emoji, $9
       from wanted where emoji is not null
       on conflict (team_id, channel_id, message_ts, giver_id) where source = 'reaction' do update
         set emoji = excluded.emoji,
             retracted_at = null,
             created_at = case when kudos.retracted_at is null then kudos.created_at else excluded.created_at end
         where kudos.retracted_at is not null or kudos.emoji <> excluded.emoji
       returning 1
     ), taken_back as (
       update kudos k set retracted_at = $9
       from wanted w
       where w.emoji is null and k.team_id = w.team_id and k.source = 'reaction'
         and k.channel_id = w.channel_id and k.message_ts = w.message_ts and k.giver_id = w.reactor_id
         and k.retracted_at is null
       returning 1
     )
     select (select count(*) from given) + (select count(*) from taken_back) as changed`,
    [
      column('teamId'),
      column('channelId'),
      column('messageTs'),
      column('reactorId'),
      column('emoji'),
      column('authorId'),
      column('eventTs'),
      column('active'),
      now,
    ],
  );
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
