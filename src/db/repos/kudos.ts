import { setsOf } from './shared-channels.js';
import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/** A kudos just recorded, as the DM to its receiver needs it. */
export const givenKudos = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  giver_id: z.string(),
  receiver_id: z.string(),
  channel_id: z.string(),
  source: z.enum(['command', 'reaction', 'shortcut', 'ditto']),
  reason: z.string().nullable(),
  emoji: z.string().nullable(),
  message_ts: z.string().nullable(),
});
export type GivenKudos = z.infer<typeof givenKudos>;
export const GIVEN_COLUMNS =
  'id, team_id, giver_id, receiver_id, channel_id, source, reason, emoji, message_ts';

/** How kudos with a reason were given, with the key that makes a second delivery record nothing. */
export type KudosRequest =
  | { source: 'command'; /** The command's trigger_id. */ commandId: string }
  | { source: 'shortcut'; /** The form's one-time key. */ submissionId: string; messageTs: string };

export type Side = { id: string; teamId: string | null };

export type NewKudos = {
  teamId: string;
  giver: Side;
  channelId: string;
  reason: string;
  announcementId: number;
  request: KudosRequest;
  receivers: readonly Side[];
  now: Date;
};

/** One kudos per receiver, all in one statement; a second delivery of the same request inserts nothing. */
export function insertKudos(q: Queryable, k: NewKudos): Promise<GivenKudos[]> {
  const r = k.request;
  return q.query(
    `insert into kudos (team_id, giver_id, giver_team_id, receiver_id, receiver_team_id, channel_id, source,
                        command_id, submission_id, message_ts, reason, announcement_id, created_at)
     select $1, $2, $3, receiver_id, receiver_team_id, $4, $5, $6, $7, $8, $9, $10, $11
     from unnest($12::text[], $13::text[]) as r(receiver_id, receiver_team_id)
     on conflict do nothing
     returning ${GIVEN_COLUMNS}`,
    [
      k.teamId,
      k.giver.id,
      k.giver.teamId,
      k.channelId,
      r.source,
      r.source === 'command' ? r.commandId : null,
      r.source === 'shortcut' ? r.submissionId : null,
      r.source === 'shortcut' ? r.messageTs : null,
      k.reason,
      k.announcementId,
      k.now,
      k.receivers.map((x) => x.id),
      k.receivers.map((x) => x.teamId),
    ],
    givenKudos,
  );
}

/** Who already got kudos from this request (a command or a form), if it was recorded before. */
export async function receiversOfRequest(q: Queryable, teamId: string, request: KudosRequest) {
  const rows = await q.query(
    request.source === 'command'
      ? `select receiver_id from kudos where team_id = $1 and source = 'command' and command_id = $2 order by id`
      : `select receiver_id from kudos where team_id = $1 and source = 'shortcut' and submission_id = $2 order by id`,
    [teamId, request.source === 'command' ? request.commandId : request.submissionId],
    z.object({ receiver_id: z.string() }),
  );
  return rows.map((r) => r.receiver_id);
}

/** Whether this giver's reaction kudos for this message stands (so another emoji on it adds nothing). */
export async function reactionKudosStands(
  q: Queryable,
  k: { teamId: string; channelId: string; messageTs: string; giverId: string },
): Promise<boolean> {
  const rows = await q.query(
    `select 1 as found from kudos
     where team_id = $1 and source = 'reaction' and channel_id = $2 and message_ts = $3 and giver_id = $4
       and retracted_at is null`,
    [k.teamId, k.channelId, k.messageTs, k.giverId],
    z.object({ found: z.number() }),
  );
  return rows.length > 0;
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
  /** The workspaces of reactor and author, when known (additions); kept with a new kudos. */
  reactorTeamId?: string | null;
  authorTeamId?: string | null;
};

/**
 * Applies kudos-emoji reactions, added and removed, and the kudos they give or take back, in one
 * statement for any number of them.
 *
 * A reaction's row changes only for a newer event, so repeated or reordered deliveries never count
 * twice, and a removal that arrives before its addition leaves a marker the late addition loses
 * to. A giver has one kudos per message, standing while any of their kudos emoji is on it.
 * Returns the kudos given, given back, or whose emoji changed.
 */
export function applyKudosReactions(
  q: Queryable,
  changes: readonly KudosReactionChange[],
  now: Date,
): Promise<GivenKudos[]> {
  const column = <K extends keyof KudosReactionChange>(key: K) => changes.map((c) => c[key] ?? null);
  return q.query(
    `with input as (
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::numeric[], $8::boolean[], $10::text[], $11::text[])
         as i(team_id, channel_id, message_ts, reactor_id, emoji, author_id, event_ts, active,
              reactor_team_id, author_team_id)
     ), sides as (
       select distinct on (team_id, channel_id, message_ts, reactor_id)
              team_id, channel_id, message_ts, reactor_id, reactor_team_id, author_team_id
       from input
       order by team_id, channel_id, message_ts, reactor_id, (reactor_team_id is null), event_ts desc
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
       insert into kudos (team_id, giver_id, giver_team_id, receiver_id, receiver_team_id, channel_id, source,
                          message_ts, emoji, created_at)
       select w.team_id, w.reactor_id, s.reactor_team_id, w.author_id, s.author_team_id, w.channel_id, 'reaction',
              w.message_ts, w.emoji, $9
       from wanted w left join sides s using (team_id, channel_id, message_ts, reactor_id)
       where w.emoji is not null
       on conflict (team_id, channel_id, message_ts, giver_id) where source = 'reaction' do update
         set emoji = excluded.emoji,
             retracted_at = null,
             created_at = case when kudos.retracted_at is null then kudos.created_at else excluded.created_at end,
             giver_team_id = coalesce(kudos.giver_team_id, excluded.giver_team_id),
             receiver_team_id = coalesce(kudos.receiver_team_id, excluded.receiver_team_id)
         where kudos.retracted_at is not null or kudos.emoji <> excluded.emoji
       returning ${GIVEN_COLUMNS}
     ), taken_back as (
       update kudos k set retracted_at = $9
       from wanted w
       where w.emoji is null and k.team_id = w.team_id and k.source = 'reaction'
         and k.channel_id = w.channel_id and k.message_ts = w.message_ts and k.giver_id = w.reactor_id
         and k.retracted_at is null
       returning 1
     )
     -- taken_back runs whether or not it is read: data-modifying WITH clauses always run to completion.
     select ${GIVEN_COLUMNS} from given`,
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
      column('reactorTeamId'),
      column('authorTeamId'),
    ],
    givenKudos,
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
  teamId: string | readonly string[],
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
     where team_id = any($1::text[]) and retracted_at is null and (receiver_id = $2 or giver_id = $2)`,
    [setsOf(teamId), userId, recentSince],
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
  source: z.enum(['command', 'reaction', 'shortcut', 'ditto']),
  reason: z.string().nullable(),
  emoji: z.string().nullable(),
  created_at: z.date(),
});
export type ReceivedKudos = z.infer<typeof receivedKudos>;

export function recentKudosReceived(
  q: Queryable,
  teamId: string | readonly string[],
  userId: string,
  limit: number,
): Promise<ReceivedKudos[]> {
  return q.query(
    `select giver_id, channel_id, source, reason, emoji, created_at
     from kudos
     where team_id = any($1::text[]) and receiver_id = $2 and retracted_at is null
     order by created_at desc, id desc
     limit $3`,
    [setsOf(teamId), userId, limit],
    receivedKudos,
  );
}

const kudosLine = z.object({
  team_id: z.string(),
  giver_id: z.string(),
  giver_team_id: z.string().nullable(),
  receiver_id: z.string(),
  receiver_team_id: z.string().nullable(),
  channel_id: z.string(),
  message_ts: z.string().nullable(),
  reason: z.string().nullable(),
  source: z.enum(['command', 'reaction', 'shortcut', 'ditto']),
  emoji: z.string().nullable(),
  created_at: z.date(),
});

/** Every kudos still standing (taken-back ones are left out), oldest first. */
export function streamKudosForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, giver_id, giver_team_id, receiver_id, receiver_team_id, channel_id, message_ts, reason,
            source, emoji, created_at
     from kudos
     where retracted_at is null
       and ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or created_at >= $2)
     order by team_id, created_at, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    kudosLine,
  );
}
