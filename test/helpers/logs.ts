import { createLogger, type Logger } from '../../src/logger.js';

export type { Logger };

export function silentLogger(): Logger {
  return createLogger({ level: 'silent' });
}

/** A real pino logger whose lines are kept for assertions (and the raw text, for secret checks). */
export function capturingLogger(options: { level?: 'debug' | 'info' | 'trace'; secrets?: string[] } = {}) {
  const raw: string[] = [];
  const log = createLogger({
    level: options.level ?? 'info',
    secrets: options.secrets,
    destination: { write: (line: string) => raw.push(line) },
  });
  return {
    log,
    raw,
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
