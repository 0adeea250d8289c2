import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { outboxBacklog } from '../db/repos/outbox.js';
import type { TickResult } from '../scheduler/tick.js';
import { statementName } from './statement-name.js';

/**
 * Rapport's metrics, in one prom-client Registry per app (tests start many apps in one process, so
 * never the global one). Every label value comes from a small set fixed in code: a surface, an
 * outcome, a Web API method name, a statement's verb and table. Never a team, channel or user id,
 * nor anyone's words (test/integration/metrics-cardinality.test.ts holds it to that). The names are
 * listed in docs/OPERATIONS.md.
 */
export type Metrics = ReturnType<typeof createMetrics>;

/** Where a Slack request is counted by its kind: what Bolt calls the request's surface. */
export const REQUEST_SURFACES = [
  'command',
  'event',
  'action',
  'view',
  'shortcut',
  'options',
  'url_verification',
  'other',
  'unknown',
] as const;
export type RequestSurface = (typeof REQUEST_SURFACES)[number];

/** How a Slack request ended, from what Rapport answered. */
export const REQUEST_OUTCOMES = [
  'ok',
  'user_error',
  'unhandled',
  'malformed',
  'rejected_signature',
  'rejected',
  'error',
  'no_answer',
] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/** How a Web API call ended: Slack's `ok`, its error, a 429, another HTTP status, or no answer. */
export const API_OUTCOMES = ['ok', 'error', 'rate_limited', 'http_error', 'network_error'] as const;
export type ApiOutcome = (typeof API_OUTCOMES)[number];

/** The scheduler's decisions for an occurrence (src/scheduler/tick.ts's TickResult). */
export const OCCURRENCE_DECISIONS = [
  'sent',
  'missed',
  'skipped',
  'away',
  'answered',
  'already_claimed',
] as const;

/** An occurrence sent more than this long after it was due counts as late. */
export const LATE_AFTER_S = 60;
/** How long the outbox's depth query may take before /metrics answers without it. */
const BACKLOG_TIMEOUT_MS = 1_000;
/** Statement names remembered per SQL text; Rapport's statements are far fewer. */
const STATEMENT_CACHE_MAX = 5_000;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
const DELAY_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];

export function createMetrics(deps: { db: Database; clock: Clock }) {
  const registry = new Registry();
  // The process's own (CPU, memory, event-loop lag, GC), in this registry rather than the global one.
  collectDefaultMetrics({ register: registry });

  // Slack's requests (src/http/server.ts counts each once it is answered).
  const requests = new Counter({
    name: 'rapport_slack_requests_total',
    help: 'Slack requests (events, commands, interactivity) by surface and outcome',
    labelNames: ['surface', 'outcome'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'rapport_slack_request_duration_seconds',
    help: 'Time to answer (acknowledge) a Slack request, by surface; Slack waits 3 s',
    labelNames: ['surface'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  // Web API calls (every WebClient the app builds passes its requests through `slackFetch`).
  const apiCalls = new Counter({
    name: 'rapport_slack_api_calls_total',
    help: 'Slack Web API calls (each HTTP attempt) by method and outcome; outcome="rate_limited" is a 429',
    labelNames: ['method', 'outcome'] as const,
    registers: [registry],
  });
  const apiSeconds = new Histogram({
    name: 'rapport_slack_api_call_duration_seconds',
    help: 'Slack Web API call duration by method',
    labelNames: ['method'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  // The outbox.
  const backlog = backlogReader(deps.db, deps.clock);
  new Gauge({
    name: 'rapport_outbox_waiting',
    help: 'Messages in the outbox waiting to be sent (pending, including those waiting for a retry)',
    registers: [registry],
    async collect() {
      const now = await backlog();
      if (now) this.set(now.waiting);
    },
  });
  new Gauge({
    name: 'rapport_outbox_oldest_waiting_seconds',
    help: 'Age of the oldest message waiting in the outbox (0 when none waits)',
    registers: [registry],
    async collect() {
      const now = await backlog();
      if (now) this.set(now.oldestSeconds);
    },
  });
  const deliveries = new Counter({
    name: 'rapport_outbox_deliveries_total',
    help: 'Outbox delivery attempts by outcome: sent, retried (rate limited or failing for now), failed (given up)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const sendSeconds = new Histogram({
    name: 'rapport_outbox_send_duration_seconds',
    help: 'Time one outbox delivery attempt took (its Slack calls), by outcome',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const delaySeconds = new Histogram({
    name: 'rapport_outbox_delivery_delay_seconds',
    help: 'Time from a message being queued to its being sent',
    buckets: DELAY_BUCKETS,
    registers: [registry],
  });

  // The scheduler.
  const ticks = new Counter({
    name: 'rapport_scheduler_ticks_total',
    help: 'Scheduler ticks by outcome (ok, error)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const tickSeconds = new Histogram({
    name: 'rapport_scheduler_tick_duration_seconds',
    help: 'Duration of a scheduler tick',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const lastTick = new Gauge({
    name: 'rapport_scheduler_last_tick_timestamp_seconds',
    help: 'When the last scheduler tick finished (Unix time, the app clock)',
    registers: [registry],
  });
  const occurrences = new Counter({
    name: 'rapport_scheduler_occurrences_total',
    help: 'Occurrences the scheduler claimed, by decision (missed: older than the grace period)',
    labelNames: ['decision'] as const,
    registers: [registry],
  });
  const followups = new Counter({
    name: 'rapport_scheduler_followups_total',
    help: 'Follow-ups the scheduler ran, by kind (reminded, closed)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const lateness = new Histogram({
    name: 'rapport_scheduler_occurrence_lateness_seconds',
    help: 'How long after it was due an occurrence was sent',
    buckets: DELAY_BUCKETS,
    registers: [registry],
  });
  const late = new Counter({
    name: 'rapport_scheduler_late_occurrences_total',
    help: `Occurrences sent more than ${LATE_AFTER_S} s after they were due (within the grace period)`,
    registers: [registry],
  });

  // The database.
  new Gauge({
    name: 'rapport_db_pool_connections',
    help: 'Database pool connections by state: total (open), idle, waiting (requests waiting for one)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = deps.db.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  const querySeconds = new Histogram({
    name: 'rapport_db_query_duration_seconds',
    help: 'Database statement duration by statement (verb and first table) and outcome',
    labelNames: ['statement', 'outcome'] as const,
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });
  // The labelled children, found once per SQL text: the hot path only looks one up and observes.
  type Observe = { ok: (s: number) => void; error: (s: number) => void };
  const byText = new Map<string, Observe>();
  const observeOf = (text: string): Observe => {
    let found = byText.get(text);
    if (!found) {
      const statement = statementName(text);
      const ok = querySeconds.labels(statement, 'ok');
      const error = querySeconds.labels(statement, 'error');
      found = { ok: (s) => ok.observe(s), error: (s) => error.observe(s) };
      if (byText.size < STATEMENT_CACHE_MAX) byText.set(text, found);
    }
    return found;
  };
  const unobserve = deps.db.observeQueries((text, seconds, ok) => {
    const observe = observeOf(text);
    if (ok) observe.ok(seconds);
    else observe.error(seconds);
  });

  return {
    registry,
    /** A Slack request answered: its surface, outcome, and seconds to the answer. */
    slackRequest(surface: RequestSurface, outcome: RequestOutcome, seconds: number): void {
      requests.inc({ surface, outcome });
      requestSeconds.observe({ surface }, seconds);
    },
    /** A `fetch` for WebClient's `fetch` option that counts each call by method and outcome. */
    slackFetch: observedFetch((method, outcome, seconds) => {
      apiCalls.inc({ method, outcome });
      apiSeconds.observe({ method }, seconds);
    }),
    /** One outbox delivery attempt ended; `queuedAt` when it was sent. */
    delivery(outcome: 'sent' | 'retried' | 'failed', count: number, seconds: number, queuedFor?: number[]) {
      deliveries.inc({ outcome }, count);
      sendSeconds.observe({ outcome }, seconds);
      for (const s of queuedFor ?? []) delaySeconds.observe(Math.max(0, s));
    },
    /** A scheduler tick ended (result undefined when it failed). */
    tick(result: TickCounts | undefined, seconds: number): void {
      ticks.inc({ outcome: result ? 'ok' : 'error' });
      tickSeconds.observe(seconds);
      lastTick.set(deps.clock.now().getTime() / 1000);
      if (!result) return;
      for (const decision of OCCURRENCE_DECISIONS) {
        const n = decision === 'already_claimed' ? result.alreadyClaimed : result[decision];
        if (n > 0) occurrences.inc({ decision }, n);
      }
      if (result.reminded > 0) followups.inc({ kind: 'reminded' }, result.reminded);
      if (result.closed > 0) followups.inc({ kind: 'closed' }, result.closed);
    },
    /** An occurrence was sent this many seconds after it was due. */
    occurrenceLateness(seconds: number): void {
      lateness.observe(Math.max(0, seconds));
      if (seconds > LATE_AFTER_S) late.inc();
    },
    /** Stops observing the database (the app stops; the database may serve another). */
    close(): void {
      unobserve();
    },
  };
}

/** A Web API method's name as Slack spells it (chat.postMessage, admin.users.session.list). */
const METHOD = /^[a-z]+(?:\.[a-zA-Z]+){1,4}$/;

/**
 * Wraps `fetch` for @slack/web-api's WebClient (its `fetch` option, which Bolt copies to the
 * clients it makes for each workspace): each request is one call, named by the method at the end
 * of its URL (`…/api/chat.postMessage`), ended by Slack's `ok` (read from a copy of the body, which
 * the WebClient reads as well), a 429, another status, or no answer at all.
 */
export function observedFetch(
  record: (method: string, outcome: ApiOutcome, seconds: number) => void,
  inner: typeof fetch = (...args) => globalThis.fetch(...args),
): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const last = url.slice(url.lastIndexOf('/') + 1).split('?')[0] ?? '';
    const method = METHOD.test(last) ? last : 'other';
    const done = (outcome: ApiOutcome) => record(method, outcome, (performance.now() - started) / 1000);
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      done('network_error');
      throw error;
    }
    if (response.status === 429) done('rate_limited');
    else if (response.status !== 200) done('http_error');
    else {
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => undefined);
      done((body as { ok?: unknown } | undefined)?.ok === true ? 'ok' : 'error');
    }
    return response;
  };
}

/** What a tick reports, as metrics read it. */
export type TickCounts = TickResult;

/**
 * The outbox's depth and oldest age, read once per scrape however many gauges ask (one statement),
 * and given up after BACKLOG_TIMEOUT_MS so that a slow database does not hold /metrics.
 */
function backlogReader(db: Database, clock: Clock) {
  let reading: Promise<{ waiting: number; oldestSeconds: number } | undefined> | undefined;
  return () => {
    reading ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), BACKLOG_TIMEOUT_MS);
      });
      try {
        const read = outboxBacklog(db).then(
          ({ waiting, oldest }) => ({
            waiting,
            oldestSeconds: oldest ? Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000) : 0,
          }),
          () => undefined,
        );
        return await Promise.race([read, timeout]);
      } finally {
        clearTimeout(timer);
        reading = undefined;
      }
    })();
    return reading;
  };
}
