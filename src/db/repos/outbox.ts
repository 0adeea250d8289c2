import { z } from 'zod';
import type { Queryable } from '../database.js';

/** The channel the outbox is notified on when entries are committed (the trigger's pg_notify too). */
export const OUTBOX_CHANNEL = 'rapport_outbox';

/**
 * Something Rapport says in Slack, as data: the outbox renders `view` with `data` when it delivers
 * it. Rituals queue these inside their own transactions, so a message is said exactly when what it
 * tells is saved, and once: a second message under the same key is not queued.
 */
export type OutboxMessage = {
  teamId: string;
  dedupeKey: string;
  /** The conversation: a channel, or a user id for a DM. */
  channelId: string;
  view: string;
  data: unknown;
  /** Not before this instant (a reminder on a due date); now when unset. */
  sendAt?: Date;
  /** Edit the message already posted with this ts instead of posting a new one. */
  updateTs?: string;
  /** Edit the message that the entry with this key posts, once it is sent (its ts is not known yet). */
  updateOf?: string;
  /**
   * Edit the message that the entry with this key shows, or post anew where it shows none (never
   * posted, or deleted since); `updateTs` may name the message when that entry has none.
   */
  replaceOf?: string;
  /** Reply in the thread of the message that the entry with this key posts, once it is sent. */
  threadOf?: string;
  /**
   * Reply in the thread of this Slack message of `channelId`, one the outbox did not post (the
   * message a shortcut was used on). A post only; kept in `message_ts_to_update`, which a post has
   * no other use for.
   */
  threadTs?: string;
  /** Share a file (data renders to an OutboxFile) in the thread of the message this key posts. */
  fileInThreadOf?: string;
  /** Only this person sees it, in `channelId` (or by DM where the bot cannot post even that there). */
  privatelyTo?: string;
  /** Where the bot may not post, this person is told privately instead. */
  ifNotPosted?: {
    userId: string;
    view: string;
    data: unknown;
    /** Said through `respondUrl` in the conversation, when there is one. */
    respond?: { view: string; data: unknown };
  };
  /** Where the bot may not post, the command's response_url says it in the conversation instead. */
  respondUrl?: string;
  /**
   * It asks its reader to act (a prompt, a confirmation, a review): it goes before notifications,
   * which can wait behind it.
   */
  asks?: boolean;
  /**
   * Messages of the same conversation with the same `mergeAs` that are ready together, queued within
   * a minute of each other, are sent as one message rendered by the view `mergeAs` with
   * `{ items: [data, …] }` (kudos DMs to one person, "3 people thanked you").
   */
  mergeAs?: string;
};

/** A file the outbox uploads and shares: its bytes travel in the entry, base64-encoded. */
export type OutboxFile = { filename: string; title: string; altText: string; base64: string };

/**
 * A ritual's own table of views (view name → data), for typed messages:
 * `const view = viewsOf<KudosViews>(); view('kudos.dm', { … })`.
 */
export const viewsOf =
  <Views>() =>
  <V extends keyof Views & string>(view: V, data: Views[V]) => ({ view, data });

/** Dates survive the trip through jsonb as `{ "$date": iso }`. */
function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });
}

/** Reads back what `encode` wrote (jsonb comes back parsed; its dates are still tagged). */
export function decodeData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeData);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]?.[0] === '$date' && typeof entries[0][1] === 'string') {
      return new Date(entries[0][1]);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, decodeData(v)]));
  }
  return value;
}

/** Queues messages; one already queued under the same key is not queued again. Returns the keys queued. */
export async function enqueueMessages(
  q: Queryable,
  messages: OutboxMessage[],
  now: Date,
): Promise<Set<string>> {
  if (messages.length === 0) return new Set();
  const rows = await q.query(
    `insert into outbox (team_id, dedupe_key, channel_id, view, payload, method, message_ts_to_update,
                         parent_key, or_post, fallback, respond_url, private_to, next_attempt_at, created_at,
                         asks, merge_as)
     select team_id, dedupe_key, channel_id, view, payload,
            case when file_in_thread_of is not null then 'files.upload'
                 when privately_to is not null then 'chat.postEphemeral'
                 when update_ts is null and update_of is null and replace_of is null then 'chat.postMessage'
                 else 'chat.update' end,
            coalesce(update_ts, thread_ts), coalesce(update_of, replace_of, thread_of, file_in_thread_of),
            replace_of is not null, fallback, respond_url, privately_to,
            coalesce(send_at, $13), $13, asks, merge_as
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[],
                 $8::text[], $9::text[], $10::jsonb[], $11::text[], $12::timestamptz[], $14::text[], $15::text[],
                 $16::boolean[], $17::text[], $18::text[])
       as m(team_id, dedupe_key, channel_id, view, payload, update_ts, update_of, thread_of,
            file_in_thread_of, fallback, respond_url, send_at, privately_to, replace_of, asks, merge_as,
            thread_ts)
     on conflict (team_id, dedupe_key) do nothing
     returning dedupe_key`,
    [
      messages.map((m) => m.teamId),
      messages.map((m) => m.dedupeKey),
      messages.map((m) => m.channelId),
      messages.map((m) => m.view),
      messages.map((m) => encode(m.data ?? null)),
      messages.map((m) => m.updateTs ?? null),
      messages.map((m) => m.updateOf ?? null),
      messages.map((m) => m.threadOf ?? null),
      messages.map((m) => m.fileInThreadOf ?? null),
      messages.map((m) => (m.ifNotPosted ? encode(m.ifNotPosted) : null)),
      messages.map((m) => m.respondUrl ?? null),
      messages.map((m) => m.sendAt ?? null),
      now,
      messages.map((m) => m.privatelyTo ?? null),
      messages.map((m) => m.replaceOf ?? null),
      messages.map((m) => m.asks ?? false),
      messages.map((m) => m.mergeAs ?? null),
      messages.map((m) => m.threadTs ?? null),
    ],
    z.object({ dedupe_key: z.string() }),
  );
  if (rows.length > 0) q.notify(OUTBOX_CHANNEL);
  return new Set(rows.map((r) => r.dedupe_key));
}

/**
 * Replaces a message still waiting in the outbox (a reminder whose date or text changed), or
 * withdraws it when `message` is undefined. One already sent stays sent.
 */
export async function replaceQueuedMessage(
  q: Queryable,
  teamId: string,
  dedupeKey: string,
  message: OutboxMessage | undefined,
  now: Date,
): Promise<void> {
  await q.execute(`delete from outbox where team_id = $1 and dedupe_key = $2 and status = 'pending'`, [
    teamId,
    dedupeKey,
  ]);
  if (message) await enqueueMessages(q, [message], now);
}

/** Sends again an entry that failed (its place may have changed: the bot was invited since). */
export async function retryFailedMessage(q: Queryable, teamId: string, dedupeKey: string, now: Date) {
  const retried = await q.execute(
    `update outbox set status = 'pending', attempts = 0, last_error = null, next_attempt_at = $3
     where team_id = $1 and dedupe_key = $2 and status = 'failed'`,
    [teamId, dedupeKey, now],
  );
  if (retried > 0) q.notify(OUTBOX_CHANNEL);
  return retried > 0;
}

/** Withdraws the edits of the message `parentKey` posts that are still waiting: a newer one replaces them. */
export async function withdrawPendingEdits(q: Queryable, teamId: string, parentKey: string): Promise<void> {
  await q.execute(
    `delete from outbox
     where team_id = $1 and parent_key = $2 and method = 'chat.update' and status = 'pending'`,
    [teamId, parentKey],
  );
}

const claimed = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  dedupe_key: z.string(),
  channel_id: z.string(),
  view: z.string().nullable(),
  payload: z.unknown(),
  fallback: z.unknown(),
  respond_url: z.string().nullable(),
  private_to: z.string().nullable(),
  attempts: z.number(),
  last_error: z.string().nullable(),
  method: z.enum(['chat.postMessage', 'chat.update', 'files.upload', 'chat.postEphemeral']),
  message_ts_to_update: z.string().nullable(),
  parent_key: z.string().nullable(),
  or_post: z.boolean(),
  parent_ts: z.string().nullable(),
  asks: z.boolean(),
  merge_as: z.string().nullable(),
  created_at: z.date(),
});
export type ClaimedMessage = z.infer<typeof claimed>;

/**
 * Takes up to `limit` messages that are ready, and leases them: until `leaseUntil` no other
 * delivery takes them. If this process dies while sending, the lease runs out and the message
 * is tried again, as an uncertain one. The one outbox query across workspaces.
 *
 * Those that ask their reader to act come first. An entry that builds on the message another
 * entry posts (parent_key: an edit, a thread reply, a file) waits until that entry is settled; it then carries that message's ts, or none when it was
 * never posted.
 */
export function claimReadyMessages(q: Queryable, now: Date, leaseUntil: Date, limit: number) {
  return q.query(
    `with ready as (
       select id from outbox o
       where status = 'pending' and next_attempt_at <= $1
         and (parent_key is null or not exists (
           select 1 from outbox p
           where p.team_id = o.team_id and p.dedupe_key = o.parent_key and p.status = 'pending'))
       order by asks desc, next_attempt_at, id
       limit $3
       for update skip locked
     )
     update outbox o set attempts = o.attempts + 1, next_attempt_at = $2
     from ready where o.id = ready.id
     returning o.id, o.team_id, o.dedupe_key, o.channel_id, o.view, o.payload, o.fallback, o.respond_url,
               o.private_to, o.attempts, o.last_error, o.method, o.message_ts_to_update, o.parent_key, o.or_post,
               o.asks, o.merge_as, o.created_at,
               (select p.message_ts from outbox p
                where p.team_id = o.team_id and p.dedupe_key = o.parent_key and p.status = 'sent'
                  and p.message_ts is not null) as parent_ts`,
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
    `update outbox set status = 'sent', message_ts = $3, sent_at = $4, last_error = null, respond_url = null
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
  await q.execute(
    `update outbox set status = 'failed', last_error = $3, respond_url = null where team_id = $1 and id = $2`,
    [teamId, id, error],
  );
}

/** When the entry under this key was settled, and the ts of the message it posted or edited, if any. */
export async function postedMessage(
  q: Queryable,
  teamId: string,
  dedupeKey: string,
): Promise<{ status: string; messageTs: string | null } | undefined> {
  const [row] = await q.query(
    `select status, message_ts from outbox where team_id = $1 and dedupe_key = $2`,
    [teamId, dedupeKey],
    z.object({ status: z.string(), message_ts: z.string().nullable() }),
  );
  return row && { status: row.status, messageTs: row.message_ts };
}

/**
 * Withdraws the queued updates of a message (keys `<key>:r<revision>`) that have not gone out: a
 * newer one replaces them. One already sent stays sent.
 */
export async function withdrawQueuedUpdates(q: Queryable, teamId: string, key: string): Promise<void> {
  await q.execute(
    `delete from outbox where team_id = $1 and dedupe_key like $2 || ':r%' and status = 'pending'`,
    [teamId, key],
  );
}

/** Whether a message was ever queued under this key (a DM to a contributor, say). */
export async function isQueued(q: Queryable, teamId: string, key: string): Promise<boolean> {
  const [row] = await q.query(
    `select exists (select 1 from outbox where team_id = $1 and dedupe_key = $2) as queued`,
    [teamId, key],
    z.object({ queued: z.boolean() }),
  );
  return row?.queued ?? false;
}

const shownView = z.object({ channel_id: z.string(), view: z.string(), payload: z.unknown() });

/**
 * What the message queued under `key` shows, or will show once its edits are out: the view and data
 * of its latest edit, else its own; undefined when nothing was queued under that key.
 */
export async function latestViewOf(
  q: Queryable,
  teamId: string,
  key: string,
): Promise<{ channelId: string; view: string; data: unknown } | undefined> {
  const [row] = await q.query(
    `select channel_id, view, payload from outbox
     where team_id = $1 and view is not null
       and (dedupe_key = $2 or (parent_key = $2 and method = 'chat.update'))
     order by id desc
     limit 1`,
    [teamId, key],
    shownView,
  );
  return row && { channelId: row.channel_id, view: row.view, data: decodeData(row.payload) };
}

/**
 * The keys of the prompts posted to a person's DM, in these record sets, that ask for their time
 * zone ("Set my time zone"): the prompt views carry `{ zone: { ask: true } }`.
 */
export async function zoneQuestionsTo(
  q: Queryable,
  teamIds: readonly string[],
  userId: string,
): Promise<{ teamId: string; key: string; view: string }[]> {
  const rows = await q.query(
    `select team_id, dedupe_key, view from outbox
     where team_id = any($1::text[]) and channel_id = $2 and message_ts is not null
       and method = 'chat.postMessage' and (payload -> 'zone' ->> 'ask') = 'true'
     order by id`,
    [teamIds, userId],
    z.object({ team_id: z.string(), dedupe_key: z.string(), view: z.string() }),
  );
  return rows.map((r) => ({ teamId: r.team_id, key: r.dedupe_key, view: r.view }));
}

/** The keys of the messages of view `view` posted to a conversation (not their edits), oldest first. */
export async function postedMessagesOf(
  q: Queryable,
  teamId: string,
  channelId: string,
  view: string,
): Promise<string[]> {
  const rows = await q.query(
    `select dedupe_key from outbox
     where team_id = $1 and channel_id = $2 and view = $3
       and method = 'chat.postMessage' and message_ts is not null
     order by id`,
    [teamId, channelId, view],
    z.object({ dedupe_key: z.string() }),
  );
  return rows.map((r) => r.dedupe_key);
}

/** When the earliest pending message may next be tried, across workspaces (the playground's clock). */
export async function nextPendingAttemptAt(q: Queryable): Promise<Date | undefined> {
  const [row] = await q.query(
    `select min(next_attempt_at) as next_at from outbox where status = 'pending'`,
    [],
    z.object({ next_at: z.date().nullable() }),
  );
  return row?.next_at ?? undefined;
}

/**
 * How many messages wait in the outbox, across workspaces, and when the oldest was queued: for
 * the metrics (counts only, nothing about any workspace).
 */
export async function outboxBacklog(q: Queryable): Promise<{ waiting: number; oldest: Date | undefined }> {
  const [row] = await q.query(
    `select count(*)::int as waiting, min(created_at) as oldest from outbox where status = 'pending'`,
    [],
    z.object({ waiting: z.number(), oldest: z.date().nullable() }),
  );
  return { waiting: row?.waiting ?? 0, oldest: row?.oldest ?? undefined };
}
