import type { IncomingMessage } from 'node:http';
import type { Clock } from '../../src/clock.js';
import {
  type SlackCall,
  SlackStandIn,
  type WebApiHandler,
  type WebApiReply,
} from '../../src/slack-emulator/index.js';

export {
  APP_TOKEN,
  BOT_ID,
  BOT_TOKEN,
  BOT_USER_ID,
  type FakeFile,
  type FakeUser,
  type ResponseUrlPost,
  type SlackCall,
  TEAM_ID,
} from '../../src/slack-emulator/index.js';

/**
 * The tests' fake Slack: the playground's stand-in (src/slack-emulator), one model of Slack for
 * both, with the failures a test can ask for. Slack that refuses, rate-limits, fails after posting,
 * answers a method its own way, or answers slowly.
 */
export class FakeSlack extends SlackStandIn {
  private readonly failures = new Map<string, string[]>();
  private readonly rateLimits = new Map<string, number[]>();
  private readonly failuresAfterPosting = new Map<string, number[]>();
  private readonly overrides = new Map<string, WebApiHandler>();
  private delayMs = 0;

  static override start(options: { clock?: Clock } = {}): Promise<FakeSlack> {
    return super.start(options) as Promise<FakeSlack>;
  }

  /** The next calls to `method` fail with these Slack error codes, one per call. */
  failNext(method: string, ...errors: string[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...errors]);
  }

  /** The next call to `method` is refused with HTTP 429 and this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfterS: number): void {
    this.rateLimits.set(method, [...(this.rateLimits.get(method) ?? []), retryAfterS]);
  }

  /** The next call to `method` takes effect, then answers with this HTTP error: an uncertain outcome. */
  failNextAfterPosting(method: string, status = 500): void {
    this.failuresAfterPosting.set(method, [...(this.failuresAfterPosting.get(method) ?? []), status]);
  }

  /** Answers `method` with `handler` from now on (kept across resetCalls). */
  answer(method: string, handler: WebApiHandler): void {
    this.overrides.set(method, handler);
  }

  /** Every request waits this long before it is answered (or even recorded), like a slow Slack. */
  slowDown(ms: number): void {
    this.delayMs = ms;
  }

  /** Also forgets any failure or slowness a test asked for; keeps users and answers. */
  override resetCalls(): void {
    super.resetCalls();
    this.failures.clear();
    this.rateLimits.clear();
    this.failuresAfterPosting.clear();
    this.delayMs = 0;
  }

  protected override async handle(req: IncomingMessage) {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    return super.handle(req);
  }

  protected override answerCall(
    call: SlackCall,
    answer: (handler?: WebApiHandler) => WebApiReply,
  ): WebApiReply {
    const retryAfter = this.rateLimits.get(call.method)?.shift();
    if (retryAfter !== undefined) {
      return {
        status: 429,
        body: { ok: false, error: 'ratelimited' },
        headers: { 'retry-after': String(retryAfter) },
      };
    }
    const failure = this.failures.get(call.method)?.shift();
    if (failure) return { status: 200, body: { ok: false, error: failure } };
    const reply = answer(this.overrides.get(call.method));
    const afterPosting = this.failuresAfterPosting.get(call.method)?.shift();
    if (afterPosting !== undefined)
      return { status: afterPosting, body: { ok: false, error: 'internal_error' } };
    return reply;
  }
}
