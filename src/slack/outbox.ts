import type { webApi } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  type ClaimedMessage,
  claimReadyMessages,
  decodeData,
  enqueueMessages,
  markFailed,
  type OutboxFile,
  type OutboxMessage,
  markSent,
  OUTBOX_CHANNEL,
  retryLater,
} from '../db/repos/outbox.js';
import { RapportError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Background } from './background.js';
import { CANNOT_POST_HERE, classifySlackError, isMessageGone, slackErrorCode } from './errors.js';
import type { SlackMessage } from './views/blocks.js';
import { renderFile, renderMessage } from './views/registry.js';

/**
 * The one way Rapport speaks in Slack. Rituals queue what to say as data (db/repos/outbox.ts), in
 * the transaction that saves what it tells; this module renders each message with the view
 * registry when it delivers it, and delivers every post, thread reply, edit, DM and file.
 */

/** The Slack calls delivery makes; the client must not retry on its own (retries: 0). */
export type OutboxSlack = Pick<webApi.WebClient, 'chat' | 'conversations' | 'files'>;

export type DeliveryResult = { sent: number; retried: number; failed: number };

const METADATA_EVENT = 'rapport_outbox';
/** How long posting a file's bytes to its upload URL may take before the attempt counts as uncertain. */
const UPLOAD_TIMEOUT_MS = 30_000;
const LEASE_MS = 2 * 60 * 1000;
const MAX_ATTEMPTS = 8;
/** Messages claimed at once; a pass takes batches while they come back full or bring news. */
const BATCH_SIZE = 100;
/** A pass takes no new batch after this long (real time, not the scheduler's clock). */
const PASS_BUDGET_MS = 10_000;
/**
 * A commit wakes a pass at once, unless one began less than this ago: then the next begins this
 * long after it. At low load nothing waits; under load the outbox takes the database (the embedded
 * engine has one connection) at most ten times a second, and each pass takes what came meanwhile.
 */
const MIN_WAKE_GAP_MS = 100;
/** Batches a pass takes because its last one sent something (freeing a reply or an edit it held). */
const FOLLOW_UP_BATCHES = 2;
/** Slack calls in flight at once, each to a different conversation. */
const CONCURRENCY = 16;
/**
 * Posts only: Slack's chat.postMessage "will generally allow an app to post 1 message per second to a specific
 * channel … Generous burst behavior is also granted" (docs.slack.dev/reference/methods/
 * chat.postMessage, Rate limiting). A conversation gets messages a second apart on average, with
 * bursts of up to PER_CHANNEL_BURST (a header and its first reply go out together).
 */
const PER_CHANNEL_GAP_MS = 1_000;
const PER_CHANNEL_BURST = 3;

/**
 * When each conversation's schedule stands (epoch ms), kept across passes by the caller: a message
 * may go when that is at most (burst − 1) gaps ahead of now, and moves it one gap on.
 */
export type ConversationPacing = Map<string, number>;

type Deps = {
  db: Database;
  slack: OutboxSlack;
  /** Each message goes out with its workspace's bot token (src/slack/installations/bot-tokens.ts). */
  /** The bot token for a record set; a DM goes through the person's own workspace where it can. */
  botTokenFor: (teamId: string, hint?: { conversation?: string }) => Promise<string | undefined>;
  clock: Clock;
  log: Logger;
  /** Told of each delivery attempt (src/metrics/metrics.ts): never anything about its workspace. */
  observe?: DeliveryObserver;
};

/** An attempt's outcome, how many entries it settled, its seconds, and how long each sent one waited. */
export type DeliveryObserver = {
  delivery(outcome: keyof DeliveryResult, count: number, seconds: number, queuedFor?: number[]): void;
};

/** The client and the token of the workspace a message belongs to: every call passes `token`. */
type Bot = { slack: OutboxSlack; token: string };

export type Outbox = {
  /** One delivery pass; when a pass is under way, the next one after it. */
  deliver(): Promise<DeliveryResult>;
  /** Delivers as soon as messages are committed, on this replica or (on a server) any other. */
  listen(): void;
  /** Queues messages now, outside any ritual's transaction (a listener's note to the person who acted). */
  say(messages: OutboxMessage[]): Promise<Set<string>>;
  /**
   * A note only this person sees, where they acted (or by DM where the bot cannot post there),
   * drawn at the edge; `key` makes it said once however often Slack delivers the request.
   */
  tellPrivately(
    to: { teamId: string; channelId: string; userId: string },
    note: SlackMessage,
    key: string,
  ): Promise<void>;
  /** Forgets the conversations' pacing: for a clock set back (tests replaying a day). */
  forgetPacing(): void;
  stop(): void;
};

/** The outbox of a running app: passes never overlap, and a commit wakes one at once. */
export function createOutbox(deps: Deps & { background: Background }): Outbox {
  const log = deps.log.child({ component: 'outbox' });
  const pacing: ConversationPacing = new Map();
  let current: Promise<DeliveryResult> | undefined;
  let queued: Promise<DeliveryResult> | undefined;
  let unlisten: (() => void) | undefined;
  let waking = false;
  let lastPassAt = Number.NEGATIVE_INFINITY;
  const deliver = (): Promise<DeliveryResult> => {
    if (!current) {
      lastPassAt = performance.now();
      current = deliverOutbox({ ...deps, log, pacing }).finally(() => {
        current = undefined;
      });
      return current;
    }
    queued ??= current
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return deliver();
      });
    return queued;
  };
  /** A commit's wake-up: one pass, soon; wake-ups before it begins are all served by it. */
  const wake = () => {
    if (waking) return;
    waking = true;
    deps.background.run('outbox delivery', async () => {
      const wait = lastPassAt + MIN_WAKE_GAP_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      waking = false;
      await deliver();
    });
  };
  const say = (messages: OutboxMessage[]) => enqueueMessages(deps.db, messages, deps.clock.now());
  return {
    deliver,
    say,
    async tellPrivately(to, note, key) {
      await say([
        {
          teamId: to.teamId,
          dedupeKey: key,
          channelId: to.channelId,
          privatelyTo: to.userId,
          view: 'reply',
          data: note,
        },
      ]);
    },
    listen() {
      unlisten ??= deps.db.listen(OUTBOX_CHANNEL, wake);
    },
    forgetPacing: () => pacing.clear(),
    stop() {
      unlisten?.();
      unlisten = undefined;
    },
  };
}

/**
 * Sends what the outbox holds, one pass. The outbox, not the Web API client, decides about
 * retries: a rate limit waits for its Retry-After, a transient failure backs off, a permanent one
 * fails the message. A message whose earlier attempt may have reached Slack (a timeout, a server
 * error, a process that died mid-send) is looked up by its metadata before it is posted again, so
 * it is never posted twice.
 *
 * Conversations are served side by side, up to CONCURRENCY at once, because each Slack call takes
 * a good part of a second: one after another, a 500-person stand-up would take minutes to go out.
 * A conversation's messages go in order, paced. The pass takes another batch while batches come
 * back full, and up to FOLLOW_UP_BATCHES more when one sent something (a sent message may free an
 * edit or a reply waiting for it), for up to PASS_BUDGET_MS, so that a shutdown waiting for the
 * pass is not held up.
 */
export async function deliverOutbox(
  deps: Deps & { batchSize?: number; pacing?: ConversationPacing },
): Promise<DeliveryResult> {
  const batchSize = deps.batchSize ?? BATCH_SIZE;
  const pacing = deps.pacing ?? new Map<string, number>();
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  const startedAt = performance.now();
  const passStart = deps.clock.now().getTime();
  // An entry behind now is a conversation free again: the map holds only those still paced.
  for (const [channel, at] of pacing) if (at <= passStart) pacing.delete(channel);
  let followUps = FOLLOW_UP_BATCHES;
  for (;;) {
    const sentBefore = result.sent;
    const claimed = await deliverBatch({ ...deps, pacing }, batchSize, result);
    const sentSome = claimed > 0 && result.sent > sentBefore;
    const more = claimed === batchSize || (sentSome && followUps-- > 0);
    if (!more || performance.now() - startedAt > PASS_BUDGET_MS) return result;
  }
}

/** Claims one batch and delivers it, adding to `result`; returns how many it claimed. */
async function deliverBatch(
  deps: Deps & { pacing: ConversationPacing },
  batchSize: number,
  result: DeliveryResult,
): Promise<number> {
  const now = deps.clock.now();
  const claimed = await claimReadyMessages(deps.db, now, new Date(now.getTime() + LEASE_MS), batchSize);
  await inParallel(byConversation(claimed), CONCURRENCY, async (messages) => {
    const channel = messages[0]?.channel_id ?? '';
    let waiting = 0;
    /** The slot given to each kind of merged message paced here: they wait together, to go as one. */
    const mergeSlots = new Map<string, number>();
    for (const unit of unitsOf(messages)) {
      const [message] = unit;
      if (message.method !== 'chat.postMessage') {
        // The one-a-second limit is chat.postMessage's; edits, notes and files have their own tiers.
        result[await deliverOne(deps, unit, now)] += unit.length;
        continue;
      }
      const current = deps.clock.now().getTime();
      const at = Math.max(deps.pacing.get(channel) ?? 0, current);
      // When the conversation may next have a message: the schedule less the burst it allows.
      const free = at - (PER_CHANNEL_BURST - 1) * PER_CHANNEL_GAP_MS;
      if (free > current) {
        // Those behind it follow a gap apart, in the order claimed (asking ones first); merged
        // ones of a kind share one slot, so that they are ready together and go as one.
        const merged = message.merge_as === null ? undefined : mergeSlots.get(message.merge_as);
        const slot = merged ?? free + waiting * PER_CHANNEL_GAP_MS;
        if (merged === undefined) waiting += 1;
        if (message.merge_as !== null) mergeSlots.set(message.merge_as, slot);
        for (const m of unit) {
          await retryLater(deps.db, {
            teamId: m.team_id,
            id: m.id,
            at: new Date(slot),
            error: 'paced',
            countAttempt: false,
          });
        }
        result.retried += unit.length;
        continue;
      }
      const outcome = await deliverOne(deps, unit, now);
      result[outcome] += unit.length;
      if (outcome === 'sent') deps.pacing.set(channel, at + PER_CHANNEL_GAP_MS);
    }
  });
  return claimed.length;
}

/** Messages with the same merge view are said as one when queued within this long of the first. */
const MERGE_WINDOW_MS = 60_000;

/** One send: a message, or messages merged into one (their first, then the rest). */
type Unit = [ClaimedMessage, ...ClaimedMessage[]];

/**
 * A conversation's claimed messages as sends, in order: posts that may merge (the same merge view,
 * no thread, queued within MERGE_WINDOW_MS of the first, none tried before with an uncertain
 * outcome) are gathered at the first one's place.
 */
function unitsOf(messages: ClaimedMessage[]): Unit[] {
  const units: Unit[] = [];
  const open = new Map<string, Unit>();
  for (const message of messages) {
    // One whose earlier attempt may have reached Slack goes alone: it looks for that post first.
    const mergeable =
      message.method === 'chat.postMessage' &&
      message.parent_key === null &&
      message.message_ts_to_update === null &&
      !mayHaveReachedSlack(message);
    const mergeAs = mergeable ? message.merge_as : null;
    const unit = mergeAs === null ? undefined : open.get(mergeAs);
    if (unit && message.created_at.getTime() - unit[0].created_at.getTime() <= MERGE_WINDOW_MS) {
      unit.push(message);
      continue;
    }
    const started: Unit = [message];
    units.push(started);
    if (mergeAs !== null) open.set(mergeAs, started);
  }
  return units;
}

/** The claimed messages of each conversation, in the order they were claimed. */
function byConversation(messages: ClaimedMessage[]): ClaimedMessage[][] {
  const groups = new Map<string, ClaimedMessage[]>();
  for (const message of messages) {
    const group = groups.get(message.channel_id);
    if (group) group.push(message);
    else groups.set(message.channel_id, [message]);
  }
  return [...groups.values()];
}

/**
 * Runs `work` on every item, at most `limit` at a time. After a failure (the database, since
 * Slack's errors are handled per message) no new item starts; those under way finish, then the
 * first failure is thrown, so a pass never ends while its sends still run.
 */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/** What a claimed entry asks of Slack, rendered. */
type Send =
  | { kind: 'post'; message: Record<string, unknown>; threadTs?: string }
  | { kind: 'private'; message: Record<string, unknown>; userId: string }
  | { kind: 'edit'; message: Record<string, unknown>; ts: string }
  | { kind: 'file'; threadTs: string };

/**
 * What the entry asks for, or why it cannot be sent (the message it builds on was never posted).
 * Entries merged into it are rendered together by their merge view, with the list of their data.
 */
function sendOf(unit: Unit): Send | { kind: 'impossible'; error: string } {
  const [m] = unit;
  const render = () =>
    unit.length > 1 && m.merge_as !== null
      ? renderMessage(m.merge_as, { items: unit.map((u) => decodeData(u.payload)) })
      : m.view === null
        ? (m.payload as Record<string, unknown>)
        : renderMessage(m.view, decodeData(m.payload));
  if (m.method === 'chat.postEphemeral')
    return { kind: 'private', message: render(), userId: m.private_to ?? '' };
  if (m.method === 'files.upload') {
    return m.parent_ts ? { kind: 'file', threadTs: m.parent_ts } : { kind: 'impossible', error: 'no_thread' };
  }
  if (m.method === 'chat.update') {
    const ts = m.parent_ts ?? m.message_ts_to_update;
    if (ts) return { kind: 'edit', message: render(), ts };
    return m.or_post
      ? { kind: 'post', message: render() }
      : { kind: 'impossible', error: 'nothing_to_update' };
  }
  // A post's message_ts_to_update is the thread it replies in (OutboxMessage's threadTs).
  if (m.parent_key === null) {
    const threadTs = m.message_ts_to_update;
    return threadTs ? { kind: 'post', message: render(), threadTs } : { kind: 'post', message: render() };
  }
  return m.parent_ts
    ? { kind: 'post', message: render(), threadTs: m.parent_ts }
    : { kind: 'impossible', error: 'no_thread' };
}

async function deliverOne(deps: Deps, unit: Unit, now: Date): Promise<keyof DeliveryResult> {
  if (!deps.observe) return attemptOne(deps, unit, now);
  const started = performance.now();
  const outcome = await attemptOne(deps, unit, now);
  const at = deps.clock.now().getTime();
  deps.observe.delivery(
    outcome,
    unit.length,
    (performance.now() - started) / 1000,
    outcome === 'sent' ? unit.map((m) => (at - m.created_at.getTime()) / 1000) : undefined,
  );
  return outcome;
}

async function attemptOne(deps: Deps, unit: Unit, now: Date): Promise<keyof DeliveryResult> {
  const [message] = unit;
  const { team_id: teamId, id } = message;
  /** What happens to the first happens to every message merged into it. */
  const each = async (settle: (m: ClaimedMessage) => Promise<void>) => {
    for (const m of unit) await settle(m);
  };
  let ts: string | undefined;
  let bot: Bot | undefined;
  try {
    const send = sendOf(unit);
    if (send.kind === 'impossible') {
      await each((m) => markFailed(deps.db, m.team_id, m.id, send.error));
      return 'failed';
    }
    const token = await deps.botTokenFor(teamId, { conversation: message.channel_id });
    if (!token) {
      // The workspace uninstalled Rapport (or never installed it): nothing is sent for it.
      deps.log.warn({ teamId, outboxId: id }, 'message not sent: Rapport is not installed in its workspace');
      await each((m) => markFailed(deps.db, m.team_id, m.id, 'not_installed'));
      return 'failed';
    }
    bot = { slack: deps.slack, token };
    if (send.kind === 'private') {
      await tellPrivately(bot, { channelId: message.channel_id, userId: send.userId }, send.message);
    } else {
      ts =
        send.kind === 'file'
          ? await share(bot, message, send.threadTs)
          : send.kind === 'edit'
            ? await editOrPost(bot, message, send.message, send.ts)
            : await post(bot, unit, send.message, send.threadTs, memberBot(deps, teamId, bot));
    }
  } catch (error) {
    if (error instanceof RapportError && error.code === 'unknown_view') {
      deps.log.error({ teamId, outboxId: id, view: message.view }, 'a queued message names no known view');
      await each((m) => markFailed(deps.db, m.team_id, m.id, 'unknown_view'));
      return 'failed';
    }
    const failure = classifySlackError(error);
    if (failure.kind === 'permanent' || message.attempts >= MAX_ATTEMPTS) {
      deps.log.warn({ teamId, outboxId: id, error: failure.error }, 'message could not be delivered');
      const told =
        bot &&
        (message.method === 'chat.postMessage' || message.or_post) &&
        CANNOT_POST_HERE.has(failure.error)
          ? await sayInstead(deps, bot, message)
          : undefined;
      await each((m) =>
        markFailed(deps.db, m.team_id, m.id, told ? `${failure.error}; ${told}` : failure.error),
      );
      return 'failed';
    }
    const waitMs =
      failure.kind === 'rate_limited'
        ? failure.retryAfterS * 1000
        : Math.min(5_000 * 2 ** (message.attempts - 1), 600_000);
    await each((m) =>
      retryLater(deps.db, {
        teamId: m.team_id,
        id: m.id,
        at: new Date(now.getTime() + waitMs),
        error: failure.kind === 'uncertain' ? `uncertain: ${failure.error}` : failure.error,
        countAttempt: failure.kind !== 'rate_limited',
      }),
    );
    return 'retried';
  }
  await each((m) => markSent(deps.db, m.team_id, m.id, ts, now));
  return 'sent';
}

type Fallback = { userId: string; view: string; data: unknown; respond?: { view: string; data: unknown } };

/**
 * Where the bot may not post (a private channel it is not in, a DM between people): a command's
 * response_url may still say it in the conversation, as Slack allows wherever the command was
 * typed; otherwise the person it concerns is told privately, in the channel or by DM. Returns
 * what was done, for the entry's record.
 */
async function sayInstead(deps: Deps, bot: Bot, message: ClaimedMessage): Promise<string | undefined> {
  const fallback = decodeData(message.fallback) as Fallback | null;
  if (!fallback) return undefined;
  try {
    if (message.respond_url && fallback.respond) {
      const said = renderMessage(fallback.respond.view, fallback.respond.data);
      if (await respond(message.respond_url, { response_type: 'in_channel', ...said })) {
        return 'said through the response_url';
      }
    }
    const note = renderMessage(fallback.view, fallback.data);
    if (
      message.respond_url &&
      (await respond(message.respond_url, { response_type: 'ephemeral', ...note }))
    ) {
      return 'told privately';
    }
    await tellPrivately(bot, { channelId: message.channel_id, userId: fallback.userId }, note);
    return 'told privately';
  } catch (error) {
    deps.log.warn({ err: error, outboxId: message.id }, 'could not tell the person privately either');
    return undefined;
  }
}

/** A post to a command's response_url; false when Slack refused it. */
async function respond(url: string, body: Record<string, unknown>): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return response.ok;
}

/**
 * Tells one person something, only them: in the channel where they acted, or by DM where the bot
 * cannot post even an ephemeral message there (chat.postEphemeral is refused where the bot cannot
 * see the person or is not in the channel: docs.slack.dev/reference/methods/chat.postEphemeral).
 */
async function tellPrivately(
  { slack, token }: Bot,
  to: { channelId: string; userId: string },
  note: Record<string, unknown>,
): Promise<void> {
  try {
    await slack.chat.postEphemeral({ ...note, channel: to.channelId, user: to.userId, token } as never);
  } catch {
    await slack.chat.postMessage({ ...note, channel: to.userId, token } as never);
  }
}

/** Whether an earlier attempt may have reached Slack: it timed out, failed on Slack's side, or died. */
const mayHaveReachedSlack = (message: ClaimedMessage) =>
  message.last_error?.startsWith('uncertain') || (message.attempts > 1 && message.last_error === null);

/**
 * Posts the message, unless an earlier attempt with an uncertain outcome already did. Its metadata
 * names its entry's key, and the keys of the entries merged into it, so whichever of them is tried
 * again finds it. (An entry that may have reached Slack is never merged: unitsOf sends it alone.)
 */
async function post(
  bot: Bot,
  unit: ClaimedMessage | Unit,
  rendered: Record<string, unknown>,
  threadTs: string | undefined,
  /** Who tells a member in their own DM, when Slack refuses their group DM (the entry's bot if none). */
  botOfMember: (member: string) => Promise<Bot> = () => Promise.resolve(bot),
): Promise<string | undefined> {
  const messages = Array.isArray(unit) ? unit : [unit];
  const message = messages[0] as ClaimedMessage;
  const already = mayHaveReachedSlack(message) ? await findPosted(bot, message, threadTs) : undefined;
  if (already) return already;
  const keys = messages.map((m) => m.dedupe_key);
  const postTo = async (channel: string, by: Bot = bot) =>
    (
      await by.slack.chat.postMessage({
        ...rendered,
        token: by.token,
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        metadata: {
          event_type: METADATA_EVENT,
          event_payload: { key: message.dedupe_key, ...(keys.length > 1 ? { keys } : {}) },
        },
      } as never)
    ).ts;
  const group = groupMembers(message.channel_id);
  if (!group) return postTo(message.channel_id);
  const opened = await openGroup(bot, group);
  if (opened) return postTo(opened);
  // Slack allows no group DM between these people: each hears it in their own DM, unless an
  // earlier attempt with an uncertain outcome already told them there.
  const posted: (string | undefined)[] = [];
  for (const member of group) {
    const by = await botOfMember(member);
    const there = mayHaveReachedSlack(message) ? await findPosted(by, message, threadTs, member) : undefined;
    posted.push(there ?? (await postTo(member, by)));
  }
  return posted[0];
}

/**
 * A person's own DM goes through their own workspace's installation where it has one
 * (record-set-tokens.ts): in a shared channel, a member of the partner organisation hears from the
 * bot of their workspace, not the host's.
 */
function memberBot(deps: Deps, teamId: string, bot: Bot): (member: string) => Promise<Bot> {
  return async (member) => ({
    slack: bot.slack,
    token: (await deps.botTokenFor(teamId, { conversation: member })) ?? bot.token,
  });
}

/** The members of a group conversation the outbox opens itself ("U1,U2[,U3]"), if it is one. */
const groupMembers = (channelId: string): string[] | undefined =>
  channelId.includes(',') ? channelId.split(',') : undefined;

/**
 * Opens (or resumes) the group DM of these people: conversations.open with 2 to 8 users. Slack
 * refuses it for people of other organisations unless they are all in a channel together
 * (`invalid_user_combination`), or when one is not visible or deactivated (docs.slack.dev/
 * reference/methods/conversations.open, "Errors"; slack-api-specs web-api/slack_web_openapi_v2.json):
 * then undefined, and each member is told in their own DM instead.
 */
async function openGroup({ slack, token }: Bot, members: readonly string[]): Promise<string | undefined> {
  try {
    return (await slack.conversations.open({ users: members.join(','), token })).channel?.id;
  } catch (error) {
    if (NO_GROUP_DM.has(slackErrorCode(error) ?? '')) return undefined;
    throw error;
  }
}

/** Why Slack opens no group DM between these people (conversations.open's errors). */
const NO_GROUP_DM: ReadonlySet<string> = new Set([
  'invalid_user_combination',
  'user_not_visible',
  'user_disabled',
  'user_not_found',
  'too_many_users',
  'method_not_supported_for_channel_type',
]);

/** The conversation id of a DM posted to a user id; chat.update takes the conversation's id. */
async function conversationOf(bot: Bot, channelId: string): Promise<string | undefined> {
  const group = groupMembers(channelId);
  if (group) return openGroup(bot, group);
  return /^[UW]/.test(channelId)
    ? (await bot.slack.conversations.open({ users: channelId, token: bot.token })).channel?.id
    : channelId;
}

/** Replaces a posted message's content; doing it twice changes nothing, so no lookup is needed. */
async function edit(
  bot: Bot,
  message: ClaimedMessage,
  rendered: Record<string, unknown>,
  ts: string,
): Promise<string> {
  const channel = (await conversationOf(bot, message.channel_id)) ?? message.channel_id;
  await bot.slack.chat.update({ ...rendered, channel, ts, token: bot.token } as never);
  return ts;
}

/** Edits the message; where it was deleted and the entry may post anew, posts it. */
async function editOrPost(
  bot: Bot,
  message: ClaimedMessage,
  rendered: Record<string, unknown>,
  ts: string,
): Promise<string | undefined> {
  try {
    return await edit(bot, message, rendered, ts);
  } catch (error) {
    if (!message.or_post || !isMessageGone(error)) throw error;
    return post(bot, message, rendered, undefined);
  }
}

/**
 * Uploads the file and shares it in the thread (Slack's three-step upload), unless an earlier
 * attempt with an uncertain outcome already shared it there. Its file name is unique to the entry,
 * so the thread shows whether it did.
 */
async function share({ slack, token }: Bot, message: ClaimedMessage, threadTs: string): Promise<string> {
  const file =
    message.view === null
      ? (message.payload as never)
      : renderFile(message.view, decodeData(message.payload));
  // A DM's thread is in the conversation conversations.open names, not under the user id.
  const channel = (await conversationOf({ slack, token }, message.channel_id)) ?? message.channel_id;
  if (mayHaveReachedSlack(message)) {
    const replies = await slack.conversations.replies({
      channel,
      ts: threadTs,
      limit: 200,
      token,
    });
    const shared = replies.messages?.some((m) => m.files?.some((f) => f.name === file.filename));
    if (shared) return threadTs;
  }
  await uploadFile(slack, file, { channel_id: channel, thread_ts: threadTs }, token);
  return threadTs;
}

/**
 * Slack's three steps (docs.slack.dev/reference/methods/files.getUploadURLExternal, "Usage info"):
 * ask for an upload URL, post the bytes to it (raw bytes are accepted; Slack answers 200), then
 * complete the upload, sharing the file where it goes. Not the client's filesUploadV2: it sends the
 * description for screen readers as `alt_text` (@slack/web-api 8, WebClient.fetchAllUploadURLExternal),
 * while the method reads `alt_txt`, so a chart's description would never reach Slack.
 */
async function uploadFile(
  slack: OutboxSlack,
  file: OutboxFile,
  place: { channel_id: string; thread_ts: string },
  token: string,
): Promise<void> {
  const bytes = Buffer.from(file.base64, 'base64');
  const request: webApi.FilesGetUploadURLExternalArguments & { alt_txt: string } = {
    filename: file.filename,
    length: bytes.length,
    alt_txt: file.altText,
    token,
  };
  const { upload_url: uploadUrl, file_id: fileId } = await slack.files.getUploadURLExternal(request);
  if (!uploadUrl || !fileId) throw new Error('files.getUploadURLExternal gave no upload URL');
  const uploaded = await fetch(uploadUrl, {
    method: 'POST',
    body: new Uint8Array(bytes),
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  // Read the body, so the connection is free again; an error here may still have stored the bytes.
  await uploaded.arrayBuffer();
  if (uploaded.status !== 200) throw new Error(`the file upload answered HTTP ${uploaded.status}`);
  await slack.files.completeUploadExternal({ files: [{ id: fileId, title: file.title }], ...place, token });
}

/** The ts of the message already posted for this outbox entry, if an earlier attempt got through. */
async function findPosted(
  bot: Bot,
  message: ClaimedMessage,
  threadTs: string | undefined,
  /** Where to look, when not the entry's own conversation: a member's DM, for a group Slack refused. */
  where: string = message.channel_id,
): Promise<string | undefined> {
  const channel = await conversationOf(bot, where);
  if (!channel) return undefined;
  const { slack, token } = bot;
  const found = threadTs
    ? await slack.conversations.replies({
        channel,
        ts: threadTs,
        limit: 200,
        include_all_metadata: true,
        token,
      })
    : await slack.conversations.history({ channel, limit: 50, include_all_metadata: true, token });
  const posted = found.messages?.find((m) => {
    if (m.metadata?.event_type !== METADATA_EVENT) return false;
    const said = m.metadata.event_payload as { key?: string; keys?: unknown } | undefined;
    return (
      said?.key === message.dedupe_key ||
      (Array.isArray(said?.keys) && said.keys.includes(message.dedupe_key))
    );
  });
  return posted?.ts;
}
