import { createHistogram, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebClient } from '@slack/web-api';
import type { Database } from '../src/db/database.js';
import { enqueueMessages } from '../src/db/repos/outbox.js';
import { createLogger } from '../src/logger.js';
import { createBackground } from '../src/slack/background.js';
import { createOutbox, type OutboxSlack } from '../src/slack/outbox.js';
import { BOT_TOKEN, FakeSlack } from '../test/helpers/fake-slack.js';
import { createBenchDatabase } from './bench-database.js';

/**
 * `npm run bench:outbox`: how soon a message a ritual commits reaches Slack, at low load. Three
 * contenders in one run, on one database, against the Slack stand-in answering after a realistic
 * delay (BENCH_SLACK_LATENCY_MS, default 50):
 *   - the ceiling: the same chat.postMessage sent straight to the stand-in, with no outbox at all;
 *   - the outbox as Rapport runs it, woken when the message's transaction commits;
 *   - the outbox on its one-second poll alone, as every message waited before it was woken.
 * Each message is its own transaction, one every 25 ms, each to its own DM (no pacing), and is
 * timed from its commit to Slack's answer. Goal: p50 ≤ 150 ms and p99 ≤ 500 ms from commit.
 *
 * Database: a new database on BENCH_DATABASE_URL's server (dropped afterwards), or the embedded
 * engine. BENCH_MESSAGES sets how many messages each contender sends (default 200).
 */

const GOAL_P50_MS = 150;
const GOAL_P99_MS = 500;
const SPACING_MS = 25;
const TEAM = 'T0BENCHOBX';

type Latency = { p50: number; p99: number; max: number; count: number };

async function main(): Promise<void> {
  const count = Number(process.env.BENCH_MESSAGES ?? 200);
  const slackMs = Number(process.env.BENCH_SLACK_LATENCY_MS ?? 50);
  const log = createLogger({ level: 'warn' });
  const database = await createBenchDatabase(log);
  const slack = await FakeSlack.start();
  slack.slowDown(slackMs);
  const client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  try {
    const ceiling = await direct(client, count);
    const woken = await throughOutbox(database.db, client, count, 'woken');
    const polled = await throughOutbox(database.db, client, count, 'polled');
    report({ engine: database.engine, slackMs, count, ceiling, woken, polled });
  } finally {
    await slack.stop();
    await database.close();
  }
}

/** The ceiling: each message posted straight to Slack, timed from the call to its answer. */
async function direct(client: WebClient, count: number): Promise<Latency> {
  const histogram = createHistogram();
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await client.chat.postMessage({ channel: `U0DIRECT${i}`, text: `direct ${i}` });
    histogram.record(Math.max(1, Math.round((performance.now() - started) * 1000)));
    await sleep(SPACING_MS);
  }
  return summary(histogram, count);
}

/**
 * Messages committed one every SPACING_MS; the outbox delivers them woken by each commit, or by a
 * poll each second. Each is timed from its commit to Slack's answer to the outbox's call.
 */
async function throughOutbox(
  db: Database,
  client: WebClient,
  count: number,
  mode: 'woken' | 'polled',
): Promise<Latency> {
  const log = createLogger({ level: 'warn' });
  const background = createBackground(log);
  const committedAt = new Map<string, number>();
  const histogram = createHistogram();
  let answered = 0;
  // The stand-in's answer to the outbox is when the message reached Slack.
  const timed: OutboxSlack = {
    conversations: client.conversations,
    files: client.files,
    chat: new Proxy(client.chat, {
      get(target, name, receiver) {
        const method = Reflect.get(target, name, receiver) as unknown;
        if (name !== 'postMessage' || typeof method !== 'function') return method;
        return async (args: { metadata?: { event_payload?: { key?: string } } }) => {
          const result = await (method as (a: unknown) => Promise<unknown>).call(target, args);
          const at = committedAt.get(args.metadata?.event_payload?.key ?? '');
          if (at !== undefined) {
            histogram.record(Math.max(1, Math.round((performance.now() - at) * 1000)));
            answered += 1;
          }
          return result;
        };
      },
    }),
  };
  const clock = { now: () => new Date() };
  const outbox = createOutbox({
    db,
    slack: timed,
    botTokenFor: async () => BOT_TOKEN,
    clock,
    log,
    background,
  });
  let poll: NodeJS.Timeout | undefined;
  if (mode === 'woken') outbox.listen();
  else poll = setInterval(() => void outbox.deliver().catch(() => undefined), 1_000);
  try {
    for (let i = 0; i < count; i += 1) {
      const key = `bench-${mode}-${i}`;
      await db.transaction((tx) =>
        enqueueMessages(
          tx,
          [
            {
              teamId: TEAM,
              dedupeKey: key,
              channelId: `U0${mode.toUpperCase()}${i}`,
              view: 'reply',
              data: { text: key },
            },
          ],
          clock.now(),
        ),
      );
      committedAt.set(key, performance.now());
      await sleep(SPACING_MS);
    }
    for (let waited = 0; answered < count && waited < 30_000; waited += 50) await sleep(50);
  } finally {
    clearInterval(poll);
    outbox.stop();
    await background.drain();
  }
  return summary(histogram, answered);
}

function summary(histogram: ReturnType<typeof createHistogram>, count: number): Latency {
  const ms = (microseconds: number) => Math.round(microseconds / 10) / 100;
  return {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    count,
  };
}

function report(r: {
  engine: string;
  slackMs: number;
  count: number;
  ceiling: Latency;
  woken: Latency;
  polled: Latency;
}): void {
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const row = (name: string, l: Latency) =>
    `  ${name.padEnd(34)} p50 ${String(l.p50).padStart(8)} ms  p99 ${String(l.p99).padStart(8)} ms  max ${String(l.max).padStart(8)} ms  (${l.count} of ${r.count}; p50 ${ratio(l.p50, r.ceiling.p50)}, p99 ${ratio(l.p99, r.ceiling.p99)} the ceiling)`;
  const lines = [
    `Outbox: from a message's commit to Slack's answer (${r.engine} database; the stand-in answers after ${r.slackMs} ms)`,
    row('ceiling: posted straight to Slack', r.ceiling),
    row('the outbox, woken on commit', r.woken),
    row('the outbox on its 1 s poll alone', r.polled),
    r.woken.p50 <= GOAL_P50_MS && r.woken.p99 <= GOAL_P99_MS && r.woken.count === r.count
      ? `  goal met: p50 ≤ ${GOAL_P50_MS} ms and p99 ≤ ${GOAL_P99_MS} ms from commit, every message delivered`
      : `  GOAL MISSED: p50 ≤ ${GOAL_P50_MS} ms and p99 ≤ ${GOAL_P99_MS} ms from commit, every message delivered`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
