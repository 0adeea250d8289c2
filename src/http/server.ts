import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { logSlackRequest } from './access-log.js';
import { countSlackRequest, type HttpMetrics, METRICS_PATH, serveMetrics } from './metrics-endpoint.js';
import { type RequestFacts, trackRequest } from './request-context.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Installs by OAuth: the "Add to Slack" page, and where Slack sends the admin back. */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';
/** Commands and interactivity carry a few kilobytes, events somewhat more; nothing real is near this. */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Rapport's HTTP surface: Slack's one Request URL (events, commands and interactivity, handed to
 * Bolt's receiver), the playground's page when it runs one, the two probes an orchestrator asks: /healthz (the process is up) and
 * /readyz (the database answers), and /metrics for Prometheus (src/http/metrics-endpoint.ts).
 */
export function createHttpServer(deps: {
  slack?: Listener;
  /** Installs by OAuth are on: /slack/install and /slack/oauth_redirect go to the Slack listener. */
  installs?: boolean;
  db: Database;
  log: Logger;
  /** More routes (the playground's page): answers true when it took the request. */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * The app's metrics: served at /metrics, and told of each Slack request. A function where the
   * app is built after the server (the playground's), undefined until then.
   */
  metrics?: HttpMetrics | (() => HttpMetrics | undefined);
  /** METRICS_TOKEN: when set, /metrics asks for it as a bearer token. */
  metricsToken?: string;
}): Server {
  const log = deps.log.child({ component: 'http' });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (deps.routes?.(req, res)) return;
    if (path === '/healthz' && isRead(req)) return reply(res, 200, { status: 'ok' });
    if (path === '/readyz' && isRead(req)) {
      void deps.db
        .ping()
        .then((ok) => reply(res, ok ? 200 : 503, { status: ok ? 'ready' : 'database_unavailable' }));
      return;
    }
    const metrics = typeof deps.metrics === 'function' ? deps.metrics() : deps.metrics;
    if (path === METRICS_PATH && metrics) return serveMetrics(metrics, deps.metricsToken, req, res, log);
    if (path === SLACK_EVENTS_PATH && deps.slack) {
      if (req.method !== 'POST') return reply(res, 405, { error: 'method_not_allowed' });
      return handleSlack(deps.slack, req, res, log, metrics);
    }
    if ((path === INSTALL_PATH || path === REDIRECT_PATH) && deps.slack && deps.installs) {
      if (req.method !== 'GET') return reply(res, 405, { error: 'method_not_allowed' });
      // Bolt's receiver serves both (its InstallProvider), and answers every outcome with a page.
      return deps.slack(req, res);
    }
    return reply(res, 404, { error: 'not_found' });
  });
  // Slack waits 3 s for an answer; a connection that sends nothing for longer is not Slack.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  return server;
}

/** Slack's rule is a difference of at most five minutes either way; Bolt only checks the past. */
const MAX_CLOCK_SKEW_S = 5 * 60;

function handleSlack(
  slack: Listener,
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
  metrics: HttpMetrics | undefined,
) {
  const startedAt = performance.now();
  const retry = req.headers['x-slack-retry-num'];
  const facts: RequestFacts = { retryNum: retry === undefined ? undefined : Number(retry) };
  let logged = false;
  const done = (status: number | 'no_answer') => {
    if (logged) return;
    logged = true;
    logSlackRequest(log, facts, startedAt, status);
    countSlackRequest(metrics, facts, startedAt, status);
  };
  res.on('finish', () => done(res.statusCode));
  res.on('close', () => done(res.writableFinished ? res.statusCode : 'no_answer'));
  if (Number(req.headers['content-length']) > SLACK_BODY_LIMIT_BYTES) {
    // Refuse before reading, and close: the unread rest of the body must not be taken for a next request.
    res.setHeader('connection', 'close');
    return reply(res, 413, { error: 'payload_too_large' });
  }
  const sentAt = Number(req.headers['x-slack-request-timestamp']);
  if (sentAt - Date.now() / 1000 > MAX_CLOCK_SKEW_S) return reply(res, 401, { error: 'invalid_timestamp' });
  trackRequest(req, facts);
  try {
    slack(req, res);
  } catch (error) {
    log.error({ err: error }, 'the Slack receiver could not take the request');
    if (!res.headersSent) reply(res, 500, { error: 'internal_error' });
  }
}

function isRead(req: IncomingMessage) {
  return req.method === 'GET' || req.method === 'HEAD';
}

function reply(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
