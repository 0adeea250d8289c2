import { Agent, request } from 'node:http';
import { createHistogram, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SLACK_EVENTS_PATH } from '../src/http/server.js';
import type { SignedRequest } from './reaction-requests.js';

/** Slack gives up on an answer after 3 s; a request still open after this is a failure either way. */
const REQUEST_TIMEOUT_MS = 5_000;

export type Latency = {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  acknowledged: number;
  /** Answers other than 2xx, and requests that got no answer. */
  failed: number;
  /** The rate actually sent, to show the generator kept up. */
  sentPerSecond: number;
};

/**
 * Sends requests evenly spaced at a fixed rate, whether or not earlier ones have been answered, as
 * Slack delivers events, and times each from sending to the end of its answer. autocannon's rate
 * option is not used here: it lets each connection send its whole quota for the second at once,
 * which measures bursts rather than a steady rate, and it keeps latencies in whole milliseconds.
 */
export async function measureLatencyAtRate(options: {
  url: string;
  rate: number;
  seconds: number;
  next: () => SignedRequest;
}): Promise<Latency> {
  const target = new URL(SLACK_EVENTS_PATH, options.url);
  const agent = new Agent({ keepAlive: true });
  const microseconds = createHistogram();
  let acknowledged = 0;
  let failed = 0;
  const answers: Promise<void>[] = [];
  const intervalMs = 1000 / options.rate;
  const count = Math.round(options.rate * options.seconds);
  const startedAt = performance.now();

  for (let i = 0; i < count; i += 1) {
    // Due times come from the start, so a late timer is caught up instead of lowering the rate.
    const wait = startedAt + i * intervalMs - performance.now();
    if (wait >= 1) await sleep(wait);
    const sentAt = performance.now();
    const answered = post(agent, target, options.next()).then(
      (status) => {
        if (status >= 200 && status < 300) {
          acknowledged += 1;
          microseconds.record(Math.max(1, Math.round((performance.now() - sentAt) * 1000)));
        } else {
          failed += 1;
        }
      },
      () => {
        failed += 1;
      },
    );
    answers.push(answered);
  }
  const sendingSeconds = (performance.now() - startedAt) / 1000;
  await Promise.all(answers);
  agent.destroy();

  return {
    p50Ms: microseconds.percentile(50) / 1000,
    p99Ms: microseconds.percentile(99) / 1000,
    maxMs: microseconds.max / 1000,
    acknowledged,
    failed,
    sentPerSecond: count / sendingSeconds,
  };
}

/** Resolves with the status code once the whole answer has arrived. */
function post(agent: Agent, url: URL, signed: SignedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...signed.headers, 'content-length': Buffer.byteLength(signed.body) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', reject);
    req.end(signed.body);
  });
}
