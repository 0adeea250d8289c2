import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type Latency = { minMs: number; maxMs: number };

type Posted = { ts: string; metadata: unknown; text: unknown };
type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** Slack refuses a second message in a conversation within this long ("1 per second per channel"). */
const CHANNEL_GAP_MS = 1_000;

/**
 * A stand-in for the Slack Web API that behaves like Slack where delivery speed is decided: every
 * call takes a random time in `latency`, and a conversation that gets a second message within a
 * second is answered HTTP 429 with Retry-After, as Slack does. It keeps what was posted, so the
 * outbox's look-up before a repost works, and counts each message's posts by its outbox key, so a
 * bench can tell a lost message from a duplicate.
 */
export class RateLimitedSlack {
  /** Accepted chat.postMessage calls per outbox key (the message's metadata). */
  readonly postsByKey = new Map<string, number>();
  readonly counts = { posted: 0, updated: 0, rateLimited: 0, lookups: 0, unknown: 0 };
  maxInFlight = 0;
  /** When the last message was accepted, by performance.now(). */
  lastPostAt = 0;
  private inFlight = 0;
  private readonly lastAcceptedAt = new Map<string, number>();
  private readonly conversations = new Map<string, Posted[]>();
  private tsCounter = 0;

  private constructor(
    private readonly server: Server,
    readonly apiUrl: string,
    readonly latency: Latency,
  ) {}

  static async start(latency: Latency): Promise<RateLimitedSlack> {
    const created: { fake?: RateLimitedSlack } = {};
    const server = createServer((req, res) => {
      void created.fake?.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    created.fake = new RateLimitedSlack(server, `http://127.0.0.1:${port}/api/`, latency);
    return created.fake;
  }

  /** Forgets everything recorded, between scenarios. */
  reset(): void {
    this.postsByKey.clear();
    this.lastAcceptedAt.clear();
    this.conversations.clear();
    Object.assign(this.counts, { posted: 0, updated: 0, rateLimited: 0, lookups: 0, unknown: 0 });
    this.maxInFlight = 0;
    this.lastPostAt = 0;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<Answer> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const method = new URL(req.url ?? '/', 'http://slack').pathname.replace(/^\/api\//, '');
      const args = Object.fromEntries(new URLSearchParams(await readBody(req)));
      // Slack decides when the request arrives; the answer takes the rest of the call's time.
      const answer = this.answer(method, args);
      const { minMs, maxMs } = this.latency;
      await sleep(minMs + Math.random() * (maxMs - minMs));
      return answer;
    } finally {
      this.inFlight -= 1;
    }
  }

  private answer(method: string, args: Record<string, string>): Answer {
    switch (method) {
      case 'chat.postMessage':
        return this.post(args);
      case 'chat.update':
        this.counts.updated += 1;
        return ok({ channel: args.channel, ts: args.ts });
      case 'conversations.open':
        return ok({ channel: { id: conversationOf(args.users ?? '') } });
      case 'conversations.history':
        this.counts.lookups += 1;
        return ok({ messages: [...(this.conversations.get(args.channel ?? '') ?? [])].reverse() });
      default:
        this.counts.unknown += 1;
        return ok({ ok: false, error: 'unknown_method' });
    }
  }

  private post(args: Record<string, string>): Answer {
    const conversation = conversationOf(args.channel ?? '');
    const now = performance.now();
    const last = this.lastAcceptedAt.get(conversation);
    if (last !== undefined && now - last < CHANNEL_GAP_MS) {
      this.counts.rateLimited += 1;
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } };
    }
    this.lastAcceptedAt.set(conversation, now);
    this.lastPostAt = now;
    this.counts.posted += 1;
    this.tsCounter += 1;
    const ts = `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
    const metadata = args.metadata ? (JSON.parse(args.metadata) as { event_payload?: { key?: string } }) : {};
    const key = metadata.event_payload?.key ?? '';
    this.postsByKey.set(key, (this.postsByKey.get(key) ?? 0) + 1);
    const posted = { ts, metadata, text: args.text };
    this.conversations.set(conversation, [...(this.conversations.get(conversation) ?? []), posted]);
    return ok({ channel: conversation, ts });
  }
}

/** A DM addressed to a user lands in their DM conversation; Slack's limit counts per conversation. */
const conversationOf = (channel: string) => (/^[UW]/.test(channel) ? `D${channel}` : channel);

const ok = (body: Record<string, unknown>): Answer => ({ status: 200, body: { ok: true, ...body } });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
