import type { webApi } from '@slack/bolt';
import { classifySlackError } from '../slack/errors.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  type ClaimedMessage,
  claimReadyMessages,
  markFailed,
  markSent,
  retryLater,
} from '../db/repos/outbox.js';
import type { OutboxFile } from '../db/repos/scheduler.js';
import type { Logger } from '../logger.js';

/** The Slack calls delivery makes; the client must not retry on its own (retries: 0). */
export type OutboxSlack = Pick<webApi.WebClient, 'chat' | 'conversations' | 'filesUploadV2'>;

export type DeliveryResult = { sent: number; retried: number; failed: number };

const METADATA_EVENT = 'rapport_outbox';
const LEASE_MS = 2 * 60 * 1000;
const MAX_ATTEMPTS = 8;
/** Messages claimed at once; a pass runs each second and takes batches while they come back full. */
const BATCH_SIZE = 100;
/** A pass takes no new batch after this long (real time, not the scheduler's clock). */
const PASS_BUDGET_MS = 10_000;
/** Slack calls in flight at once, each to a different conversation. */
const CONCURRENCY = 16;
/** Slack allows about one message per second in a conversation. */
const PER_CHANNEL_GAP_MS = 1_000;

/**
 * When each conversation may next get a message (epoch ms), kept across passes by the caller so a
 * conversation served at the end of one pass is not served again at the start of the next.
 */
export type ConversationPacing = Map<string, number>;

/**
 * Sends what the outbox holds, one pass. The outbox, not the Web API client, decides about
 * retries: a rate limit waits for its Retry-After, a transient failure backs off, a permanent one
 * fails the message. A message whose earlier attempt may have reached Slack (a timeout, a server
 * error, a process that died mid-send) is looked up by its metadata before it is posted again, so
 * it is never posted twice.
 *
 * Conversations are served side by side, up to CONCURRENCY at once, because each Slack call takes
 * a good part of a second: one after another, a 500-person stand-up would take minutes to go out.
 * A conversation gets one message at a time, a second after its last; the rest wait their turn.
 * While batches come back full the pass takes another, so a large stand-up is not held to one
 * batch a second; for up to PASS_BUDGET_MS, so that a shutdown waiting for the pass is not held up.
 */
export async function deliverOutbox(deps: {
  db: Database;
  slack: OutboxSlack;
  clock: Clock;
  log: Logger;
  batchSize?: number;
  pacing?: ConversationPacing;
}): Promise<DeliveryResult> {
  const batchSize = deps.batchSize ?? BATCH_SIZE;
  const pacing = deps.pacing ?? new Map<string, number>();
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  const startedAt = performance.now();
  // Conversations free again need no entry: the map holds only the last second's.
  const passStart = deps.clock.now().getTime();
  for (const [channel, freeAt] of pacing) {
    // An entry is never more than a gap ahead; one further ahead is from a clock set back.
    if (freeAt <= passStart || freeAt > passStart + PER_CHANNEL_GAP_MS) pacing.delete(channel);
  }
  for (;;) {
    const claimed = await deliverBatch({ ...deps, pacing }, batchSize, result);
    if (claimed < batchSize || performance.now() - startedAt > PASS_BUDGET_MS) return result;
  }
}

/** Claims one batch and delivers it, adding to `result`; returns how many it claimed. */
async function deliverBatch(
  deps: { db: Database; slack: OutboxSlack; clock: Clock; log: Logger; pacing: ConversationPacing },
  batchSize: number,
  result: DeliveryResult,
): Promise<number> {
  const now = deps.clock.now();
  const claimed = await claimReadyMessages(deps.db, now, new Date(now.getTime() + LEASE_MS), batchSize);
  await inParallel(byConversation(claimed), CONCURRENCY, async ([first, ...rest]) => {
    if (!first) return;
    let nextAt = deps.pacing.get(first.channel_id) ?? 0;
    let waiting = [first, ...rest];
    if (nextAt <= deps.clock.now().getTime()) {
      result[await deliverOne(deps, first, now)] += 1;
      // Counted from when it went, not from the claim, which may be a while ago.
      nextAt = Math.max(deps.clock.now().getTime(), now.getTime()) + PER_CHANNEL_GAP_MS;
      deps.pacing.set(first.channel_id, nextAt);
      waiting = rest;
    }
    for (const message of waiting) {
      await retryLater(deps.db, {
        teamId: message.team_id,
        id: message.id,
        at: new Date(nextAt),
        error: 'paced',
        countAttempt: false,
      });
      result.retried += 1;
      nextAt += PER_CHANNEL_GAP_MS;
    }
  });
  return claimed.length;
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

async function deliverOne(
  deps: { db: Database; slack: OutboxSlack; log: Logger },
  message: ClaimedMessage,
  now: Date,
): Promise<keyof DeliveryResult> {
  const { team_id: teamId, id } = message;
  if (message.method !== 'chat.postMessage' && !message.message_ts_to_update) {
    // An edit of a message that was never posted (its post failed), or a file for its thread.
    await markFailed(deps.db, teamId, id, 'nothing_to_update');
    return 'failed';
  }
  try {
    const ts =
      message.method === 'files.upload'
        ? await share(deps.slack, message, message.message_ts_to_update as string)
        : message.message_ts_to_update
          ? await edit(deps.slack, message, message.message_ts_to_update)
          : await post(deps.slack, message);
    await markSent(deps.db, teamId, id, ts, now);
    return 'sent';
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'permanent' || message.attempts >= MAX_ATTEMPTS) {
      deps.log.warn({ teamId, outboxId: id, error: failure.error }, 'message could not be delivered');
      await markFailed(deps.db, teamId, id, failure.error);
      return 'failed';
    }
    const waitMs =
      failure.kind === 'rate_limited'
        ? failure.retryAfterS * 1000
        : Math.min(5_000 * 2 ** (message.attempts - 1), 600_000);
    await retryLater(deps.db, {
      teamId,
      id,
      at: new Date(now.getTime() + waitMs),
      error: failure.kind === 'uncertain' ? `uncertain: ${failure.error}` : failure.error,
      countAttempt: failure.kind !== 'rate_limited',
    });
    return 'retried';
  }
}

/** Whether an earlier attempt may have reached Slack: it timed out, failed on Slack's side, or died. */
const mayHaveReachedSlack = (message: ClaimedMessage) =>
  message.last_error?.startsWith('uncertain') || (message.attempts > 1 && message.last_error === null);

/** Posts the message, unless an earlier attempt with an uncertain outcome already did. */
async function post(slack: OutboxSlack, message: ClaimedMessage): Promise<string | undefined> {
  const already = mayHaveReachedSlack(message) ? await findPosted(slack, message) : undefined;
  if (already) return already;
  const posted = await slack.chat.postMessage({
    ...(message.payload as object),
    channel: message.channel_id,
    metadata: { event_type: METADATA_EVENT, event_payload: { key: message.dedupe_key } },
  } as unknown as Parameters<OutboxSlack['chat']['postMessage']>[0]);
  return posted.ts;
}

/**
 * Replaces a posted message's content; doing it twice changes nothing, so no lookup is needed.
 * chat.update takes a DM by its conversation id, not the user id the DM was posted to.
 */
async function edit(slack: OutboxSlack, message: ClaimedMessage, ts: string): Promise<string> {
  const channel = /^[UW]/.test(message.channel_id)
    ? (await slack.conversations.open({ users: message.channel_id })).channel?.id
    : message.channel_id;
  await slack.chat.update({
    ...(message.payload as object),
    channel: channel ?? message.channel_id,
    ts,
  } as unknown as Parameters<OutboxSlack['chat']['update']>[0]);
  return ts;
}

/**
 * Uploads the file and shares it in the thread (the Web API client's three-step upload), unless an
 * earlier attempt with an uncertain outcome already shared it there. Its file name is unique to
 * the entry, so the thread shows whether it did.
 */
async function share(slack: OutboxSlack, message: ClaimedMessage, threadTs: string): Promise<string> {
  const file = message.payload as OutboxFile;
  if (mayHaveReachedSlack(message)) {
    const replies = await slack.conversations.replies({
      channel: message.channel_id,
      ts: threadTs,
      limit: 200,
    });
    const shared = replies.messages?.some((m) => m.files?.some((f) => f.name === file.filename));
    if (shared) return threadTs;
  }
  await slack.filesUploadV2({
    channel_id: message.channel_id,
    thread_ts: threadTs,
    file: Buffer.from(file.base64, 'base64'),
    filename: file.filename,
    title: file.title,
    alt_text: file.altText,
  });
  return threadTs;
}

/** The ts of the message already posted for this outbox entry, if an earlier attempt got through. */
async function findPosted(slack: OutboxSlack, message: ClaimedMessage): Promise<string | undefined> {
  const channel = /^[UW]/.test(message.channel_id)
    ? (await slack.conversations.open({ users: message.channel_id })).channel?.id
    : message.channel_id;
  if (!channel) return undefined;
  const history = await slack.conversations.history({ channel, limit: 50, include_all_metadata: true });
  const posted = history.messages?.find(
    (m) =>
      m.metadata?.event_type === METADATA_EVENT &&
      (m.metadata.event_payload as { key?: string } | undefined)?.key === message.dedupe_key,
  );
  return posted?.ts;
}
