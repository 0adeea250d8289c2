import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { checkInbound, isObject, type Verdict } from './check-inbound.js';
import { factsOf } from '../../http/request-context.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** What a person sees when Slack sent Rapport an interaction it could not read. */
export const MALFORMED_REQUEST = 'That request was malformed, so nothing was changed. Please try again.';

/** What someone who reached Rapport with a command it does not have is told. */
const NO_SUCH_COMMAND = (command: string) =>
  `Rapport has no ${command.slice(0, 40) || 'such'} command. \`/kudos help\` and \`/rituals help\` show what it does.`;

/** Bodies Bolt answers itself before any listener: Slack's SSL check and the Request URL's challenge. */
const BOLT_ANSWERS = new Set(['url_verification']);

/**
 * The edge in front of Bolt's receiver for Slack's Request URL. It reads the body once (Bolt takes
 * it from `req.rawBody`, as its own bufferIncomingMessage does), and:
 * - refuses with 400 a body that is not a JSON object (`null`, an array, a string), which Bolt
 *   would otherwise take apart inside a promise nobody awaits, leaving the socket hanging;
 * - answers 200 at once, once the signature is checked, a request nothing in Rapport handles, and
 *   a malformed one (logged with the field that failed; for an interaction, the person is told
 *   through its response_url), so neither waits 3 s for Bolt's 404 nor is sent again by Slack;
 * - hands everything else to Bolt, which verifies the signature as always.
 */
export function inboundGate(
  deps: { signingSecret: string; log: Logger; path: string; bodyLimit: number },
  next: Listener,
): Listener {
  const log = deps.log.child({ component: 'inbound' });
  return (req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== deps.path) {
      next(req, res);
      return;
    }
    void readBody(req, deps.bodyLimit).then(
      (raw) => {
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        const text = raw.toString('utf8');
        const body = parseLikeBolt(text, req.headers['content-type']);
        if (body === undefined) return next(req, res);
        if (!isObject(body)) return answer(res, 400, { error: 'malformed_body' });
        if (body.ssl_check === '1' || BOLT_ANSWERS.has(String(body.type))) return next(req, res);
        const verdict = checkInbound(body);
        if (verdict.kind === 'pass') return next(req, res);
        if (!signed(deps.signingSecret, req, text)) return answer(res, 401, undefined);
        const facts = factsOf(req);
        if (facts) {
          // Named for the access log and the metrics, as describe-request.ts names what Bolt takes.
          facts.type = `${verdict.surface}:${verdict.id}`;
          facts.outcome = verdict.kind;
        }
        // A command Rapport does not have is answered in words; anything else with nothing.
        answer(
          res,
          200,
          verdict.surface === 'command'
            ? { response_type: 'ephemeral', text: NO_SUCH_COMMAND(verdict.id) }
            : undefined,
        );
        refused(log, verdict, body);
      },
      (error: unknown) => {
        const tooLarge = (error as { code?: string }).code === 'too_large';
        if (tooLarge) res.setHeader('connection', 'close');
        if (!res.headersSent)
          answer(res, tooLarge ? 413 : 400, { error: tooLarge ? 'payload_too_large' : 'unreadable_body' });
      },
    );
  };
}

/** Logs a request the edge answered itself; a person whose interaction was malformed is told. */
export function refused(
  log: Logger,
  verdict: Exclude<Verdict, { kind: 'pass' }>,
  body: Record<string, unknown>,
): void {
  if (verdict.kind === 'unhandled') {
    log.debug(
      { surface: verdict.surface, id: verdict.id },
      'a Slack request nothing handles was acknowledged',
    );
    return;
  }
  log.warn(
    { surface: verdict.surface, id: verdict.id, field: verdict.field, problem: verdict.problem },
    'a malformed Slack request was acknowledged and changed nothing',
  );
  const responseUrl = body.response_url;
  if (verdict.surface !== 'event' && typeof responseUrl === 'string' && /^https?:\/\//.test(responseUrl)) {
    void fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: MALFORMED_REQUEST }),
      signal: AbortSignal.timeout(5_000),
    }).catch((error: unknown) =>
      log.debug({ err: error }, 'the person could not be told the request was malformed'),
    );
  }
}

/** The body as Bolt's parseHTTPRequestBody reads it; undefined when it cannot (Bolt answers that). */
function parseLikeBolt(text: string, contentType: string | undefined): unknown {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const query = parseQuery(text);
      return typeof query.payload === 'string' ? JSON.parse(query.payload) : { ...query };
    }
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function signed(signingSecret: string, req: IncomingMessage, text: string): boolean {
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return false;
  return isValidSlackRequest({
    signingSecret,
    body: text,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
  });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(Object.assign(new Error('the body is too large'), { code: 'too_large' }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
