import { type App, type Logger as BoltLogger, type Receiver, ReceiverMultipleAckError } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import { logSlackRequest } from '../http/access-log.js';
import { countSlackRequest, type HttpMetrics } from '../http/metrics-endpoint.js';
import type { RequestFacts } from '../http/request-context.js';
import type { Logger } from '../logger.js';
import { checkInbound, isObject } from './inbound/check-inbound.js';
import { worthSendingAgain } from './inbound/failed-request.js';
import { refused } from './inbound/http-gate.js';

type SlackEventArgs = {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
};

/**
 * Socket Mode with the same promise as HTTP: the envelope is acknowledged only after the app has
 * finished with it (Bolt's own Socket Mode receiver acknowledges events before listeners run).
 * If a listener fails, no acknowledgement is sent and Slack delivers the envelope again.
 */
export class DurableSocketModeReceiver implements Receiver {
  readonly client: SocketModeClient;
  private app: App | undefined;
  private readonly log: Logger;
  private readonly metrics: Pick<HttpMetrics, 'slackRequest'> | undefined;

  constructor(options: {
    appToken: string;
    slackApiUrl: string;
    log: Logger;
    boltLogger: BoltLogger;
    /** Told of each envelope once answered, as the HTTP server tells of each request. */
    metrics?: Pick<HttpMetrics, 'slackRequest'>;
  }) {
    this.log = options.log.child({ component: 'socket-mode' });
    this.metrics = options.metrics;
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: options.boltLogger,
      clientOptions: { slackApiUrl: options.slackApiUrl },
    });
    this.client.on('slack_event', (args: SlackEventArgs) => this.handle(args));
  }

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<unknown> {
    return this.client.start();
  }

  async stop(): Promise<unknown> {
    await this.client.disconnect();
    return undefined;
  }

  /** The access log's line and the metrics' count for an envelope, once answered (or not). */
  private answered(facts: RequestFacts, startedAt: number, status: number): void {
    logSlackRequest(this.log, facts, startedAt, status);
    countSlackRequest(this.metrics, facts, startedAt, status);
  }

  private async handle(args: SlackEventArgs): Promise<void> {
    const startedAt = performance.now();
    const facts: RequestFacts = { retryNum: args.retry_num };
    let acked = false;
    let response: Record<string, unknown> | undefined;
    const ack = async (answer?: unknown) => {
      if (acked) throw new ReceiverMultipleAckError();
      acked = true;
      response =
        typeof answer === 'string' ? { text: answer } : (answer as Record<string, unknown> | undefined);
    };
    // The same edge as over HTTP (src/slack/inbound/): what nothing handles, or what is malformed,
    // is acknowledged and goes no further.
    const verdict = isObject(args.body) ? checkInbound(args.body) : undefined;
    if (verdict?.kind !== 'pass') {
      await args.ack();
      if (verdict) {
        facts.type = `${verdict.surface}:${verdict.id}`;
        facts.outcome = verdict.kind;
      }
      if (verdict) refused(this.log, verdict, args.body);
      else this.log.warn('a Socket Mode envelope without an object payload was acknowledged');
      this.answered(facts, startedAt, 200);
      return;
    }
    try {
      await this.app?.processEvent({
        body: args.body,
        ack,
        retryNum: args.retry_num,
        retryReason: args.retry_reason,
        customProperties: { requestFacts: facts },
      });
      await args.ack(response);
      this.answered(facts, startedAt, 200);
    } catch (error) {
      if (!worthSendingAgain(error)) {
        // Delivering it again would fail the same way (bolt.error has logged it).
        await args.ack(response);
        this.answered(facts, startedAt, 200);
        return;
      }
      this.log.error({ err: error }, 'not acknowledged, so Slack will deliver it again');
      this.answered(facts, startedAt, 500);
    }
  }
}
