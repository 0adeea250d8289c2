import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.js';
import type { RequestFacts } from './request-context.js';
import type { RequestOutcome, RequestSurface } from '../metrics/metrics.js';

export const METRICS_PATH = '/metrics';

/** What the HTTP server needs of the app's metrics. */
export type HttpMetrics = {
  registry: Registry;
  slackRequest(surface: RequestSurface, outcome: RequestOutcome, seconds: number): void;
};

/**
 * GET /metrics: the registry in Prometheus's text format. With METRICS_TOKEN set, only for
 * `Authorization: Bearer <token>`, compared in constant time (401 otherwise); unset, open.
 */
export function serveMetrics(
  metrics: HttpMetrics,
  token: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return plain(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
  }
  if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
    return plain(res, 401, 'unauthorized\n', { 'www-authenticate': 'Bearer realm="metrics"' });
  }
  metrics.registry.metrics().then(
    (text) => plain(res, 200, req.method === 'HEAD' ? '' : text, {}, metrics.registry.contentType),
    (error: unknown) => {
      log.error({ err: error }, 'could not collect the metrics');
      plain(res, 500, 'metrics unavailable\n');
    },
  );
}

/** Compares digests, so neither the token's length nor its first difference shows in the timing. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

function plain(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
  contentType = 'text/plain; charset=utf-8',
) {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** Counts a Slack request once it is answered, over HTTP or Socket Mode. */
export function countSlackRequest(
  metrics: Pick<HttpMetrics, 'slackRequest'> | undefined,
  facts: RequestFacts,
  startedAt: number,
  status: number | 'no_answer',
): void {
  metrics?.slackRequest(surfaceOf(facts), outcomeOf(facts, status), (performance.now() - startedAt) / 1000);
}

/** The surface of a request, from the name the access log gives it ("command:/kudos" → command). */
export function surfaceOf(facts: RequestFacts): RequestSurface {
  const type = facts.type;
  if (type === undefined) return 'unknown';
  const kind = type.split(':', 1)[0] ?? '';
  return SURFACES[kind] ?? 'other';
}

const SURFACES: Record<string, RequestSurface> = {
  command: 'command',
  event: 'event',
  action: 'action',
  view_submission: 'view',
  view_closed: 'view',
  view: 'view',
  shortcut: 'shortcut',
  message_action: 'shortcut',
  block_suggestion: 'options',
  url_verification: 'url_verification',
};

/** How a request ended: its status, and what the listener or the edge said of it. */
export function outcomeOf(facts: RequestFacts, status: number | 'no_answer'): RequestOutcome {
  if (status === 'no_answer') return 'no_answer';
  if (status >= 500) return 'error';
  if (status === 401) return 'rejected_signature';
  if (status >= 300) return 'rejected';
  return facts.outcome ?? 'ok';
}
