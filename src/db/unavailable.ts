import { causeChain, RapportError } from '../errors.js';

/**
 * Postgres's SQLSTATEs that mean "not now" rather than "not this": connection exceptions (class
 * 08), the server shutting down or not yet accepting (57P01–57P03), too many connections (53300),
 * and a transaction that lost a race (40001 serialization, 40P01 deadlock). Node's socket errors
 * mean the same.
 */
const NOT_NOW = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const LOST =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection ended/i;

/**
 * Whether a failure is the database being unavailable (or a transient conflict): the one case in
 * which Slack is answered with 500 so that it sends the request again. Follows `cause` (and Bolt's
 * `original`) through the wrappers.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const current of causeChain(error)) {
    if (current instanceof RapportError && current.code === 'db_unavailable') return true;
    const { code, message, severity } = current as { code?: unknown; message?: unknown; severity?: unknown };
    if (typeof code === 'string' && (NOT_NOW.has(code) || SOCKET.has(code) || /^08/.test(code))) return true;
    // A FATAL (or PANIC) error ends the session: the server refused or dropped the connection
    // ("database … is not currently accepting connections", 55000; shutting down; terminated).
    if (severity === 'FATAL' || severity === 'PANIC') return true;
    if (typeof message === 'string' && LOST.test(message)) return true;
  }
  return false;
}
