import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { projectPath } from '../project-path.js';
import type { Playground } from './playground.js';
import { FILES_PATH } from './playground-state.js';
import type { SlackStandIn } from '../slack-emulator/index.js';
import type { Registry } from 'prom-client';
import { healthSummary } from './health-summary.js';

const API_PATH = '/playground/api/';
/** The page's compiled scripts (tsconfig.web.json) and its own static files. */
const SCRIPTS_PATH = '/playground/web/';
const STATIC_PATH = '/playground/static/';
/** An action's body is a command, a message or a form's values: small. */
const BODY_LIMIT_BYTES = 256 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/**
 * The playground's routes beside Slack's Request URL: the page, its scripts, its JSON API, and the
 * files the bot uploaded, and the headline numbers of the app's metrics (`health`). Answers true when the request was the playground's.
 */
export function playgroundRoutes(playground: Playground, slack: SlackStandIn, metrics?: Registry) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/' && isRead(req)) {
      void sendFile(res, projectPath('src', 'playground', 'web'), 'index.html');
      return true;
    }
    if (path.startsWith(SCRIPTS_PATH) && isRead(req)) {
      void sendFile(res, projectPath('dist', 'web'), path.slice(SCRIPTS_PATH.length));
      return true;
    }
    if (path.startsWith(STATIC_PATH) && isRead(req)) {
      void sendFile(res, projectPath('src', 'playground', 'web'), path.slice(STATIC_PATH.length));
      return true;
    }
    if (path.startsWith(FILES_PATH) && isRead(req)) {
      const file = slack.files.get(path.slice(FILES_PATH.length));
      if (!file?.bytes) send(res, 404, 'application/json', JSON.stringify({ error: 'file_not_found' }));
      else send(res, 200, 'image/png', file.bytes);
      return true;
    }
    if (path === `${API_PATH}state` && isRead(req)) {
      const me = url.searchParams.get('as') ?? '';
      void playground.state(me).then(
        (state) => json(res, 200, state),
        (error: unknown) => json(res, 500, { error: String(error) }),
      );
      return true;
    }
    if (path === `${API_PATH}health` && isRead(req) && metrics) {
      void healthSummary(metrics).then(
        (summary) => json(res, 200, summary),
        (error: unknown) => json(res, 500, { error: String(error) }),
      );
      return true;
    }
    if (path.startsWith(API_PATH) && req.method === 'POST') {
      void readJson(req).then(
        async (body) => json(res, 200, await playground.act(path.slice(API_PATH.length), body)),
        (error: unknown) =>
          json(res, 400, { ok: false, error: error instanceof Error ? error.message : 'bad request' }),
      );
      return true;
    }
    return false;
  };
}

/** A file under `root`, never outside it. */
async function sendFile(res: ServerResponse, root: string, relative: string): Promise<void> {
  const full = resolve(root, decodeURIComponent(relative));
  if (!full.startsWith(root + sep)) return send(res, 404, 'text/plain', 'not found');
  try {
    const bytes = await readFile(full);
    send(res, 200, CONTENT_TYPES[extname(full)] ?? 'application/octet-stream', bytes);
  } catch {
    send(res, 404, 'text/plain', 'not found');
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        reject(new Error('That is too much to send at once.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolveBody(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch {
        reject(new Error('The request was not JSON.'));
      }
    });
    req.on('error', reject);
  });
}

function isRead(req: IncomingMessage) {
  return req.method === 'GET' || req.method === 'HEAD';
}

function json(res: ServerResponse, status: number, body: unknown) {
  send(res, status, 'application/json', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer) {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}
