import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { type LevelWithSilent, type Logger, pino } from 'pino';

export type { Logger };

type Destination = { write(line: string): unknown };

/**
 * Slack's tokens by their documented prefixes (xoxb- bot, xoxp- user, xoxe- refresh, xoxe.xoxb-
 * rotating bot, xapp- app-level): the tokens of installed workspaces are not known when the logger
 * is made, so they are blanked by their shape.
 */
const SLACK_TOKEN = /\b(?:xox[a-z](?:\.xox[a-z])?|xapp)-[A-Za-z0-9-]+/g;

/**
 * A pino logger writing JSON lines. Every line passes through a scrubber that blanks the given
 * secrets and anything shaped like a Slack token, so a token can never reach the log even if a
 * library decides to print one.
 */
export function createLogger(options: {
  level: LevelWithSilent;
  secrets?: readonly string[];
  destination?: Destination;
}): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: false });
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const stream: Destination = {
    write(line: string) {
      let clean = line;
      for (const secret of secrets) clean = clean.replaceAll(secret, '[redacted]');
      return destination.write(clean.replace(SLACK_TOKEN, '[redacted]'));
    },
  };
  return pino(
    {
      level: options.level,
      base: { service: 'rapport' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'token',
          '*.token',
          'headers.authorization',
          '*.headers.authorization',
          'headers["x-slack-signature"]',
        ],
        censor: '[redacted]',
      },
    },
    stream,
  );
}

/** Bolt and the Web API client log through this adapter, so all output is one pino stream. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const emit =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (!child.isLevelEnabled(level)) return;
      const err = msg.find((m): m is Error => m instanceof Error);
      const text = msg
        .filter((m) => m !== err)
        .map((m) => (typeof m === 'string' ? m : safeJson(m)))
        .join(' ');
      if (err) child[level]({ err }, text || err.message);
      else child[level](text);
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    // The level is owned by LOG_LEVEL; Bolt's attempts to change it are ignored.
    setLevel: () => {},
    getLevel: () => {
      const level = child.level;
      if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
      if (level === 'info') return LogLevel.INFO;
      if (level === 'warn') return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
