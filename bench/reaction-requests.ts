import { eventEnvelope, signatureHeaders } from '../src/slack-emulator/index.js';

export type SignedRequest = { body: string; headers: Record<string, string> };

export type ReactionRequestsOptions = {
  signingSecret: string;
  /** One channel per run, so the run's kudos can be counted apart from anything else in the database. */
  channelId: string;
  /** People the fake Slack knows; reactors and authors are drawn from them. */
  userIds: readonly string[];
};

/**
 * Builds signed `reaction_added` envelopes as Slack posts them: a :clap: (a default kudos emoji)
 * from one person on another person's message. Every request names a new message, so the bot takes
 * its full path each time (both people looked up, a kudos row inserted) instead of finding a
 * duplicate. The pairs of people rotate so the users cache serves many entries, as in a real team.
 */
export function reactionRequests(options: ReactionRequestsOptions): () => SignedRequest {
  const { signingSecret, channelId, userIds } = options;
  if (userIds.length < 2) throw new Error('a kudos needs two people: pass at least two user ids');
  const runId = Date.now().toString(36).toUpperCase();
  const firstSecond = Math.floor(Date.now() / 1000);
  let sent = 0;

  return () => {
    const n = sent++;
    const ts = slackTs(firstSecond, n);
    const body = JSON.stringify(
      eventEnvelope(`Ev${runId}${n.toString(36).toUpperCase()}`, {
        type: 'reaction_added',
        user: userIds[n % userIds.length],
        item: { type: 'message', channel: channelId, ts },
        reaction: 'clap',
        item_user: userIds[partnerIndex(n, userIds.length)],
        event_ts: ts,
      }),
    );
    return signRequest(signingSecret, body, 'application/json');
  };
}

/** A request body with the headers Slack sends with it: its type, and its signature made now. */
export function signRequest(signingSecret: string, body: string, contentType: string): SignedRequest {
  return { body, headers: { 'content-type': contentType, ...signatureHeaders(signingSecret, body) } };
}

/**
 * The other person in the nth request from person n % count: never that person (offset 1 …
 * count-1), and a different partner each round through the people.
 */
export function partnerIndex(n: number, count: number): number {
  const offset = 1 + (Math.floor(n / count) % (count - 1));
  return (n + offset) % count;
}

/** A message timestamp unique within the run: seconds, then a six-digit counter. */
function slackTs(firstSecond: number, n: number): string {
  const second = firstSecond + Math.floor(n / 1_000_000);
  return `${second}.${String(n % 1_000_000).padStart(6, '0')}`;
}
