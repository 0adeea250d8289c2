import type { Logger } from '../logger.js';
import type { RequestFacts } from './request-context.js';

/** One line per Slack request: what it was, for which team, how long it took, how it ended. */
export function logSlackRequest(
  log: Logger,
  facts: RequestFacts,
  startedAt: number,
  status: number | 'no_answer',
): void {
  const ms = Math.round((performance.now() - startedAt) * 10) / 10;
  const outcome =
    status === 'no_answer'
      ? 'no_answer'
      : status < 300
        ? 'ok'
        : status === 401
          ? 'rejected_signature'
          : status < 500
            ? 'rejected'
            : 'failed';
  const line = {
    type: facts.type ?? 'unknown',
    teamId: facts.teamId,
    eventId: facts.eventId,
    retryNum: facts.retryNum,
    status,
    outcome,
    ms,
  };
  if (outcome === 'failed' || outcome === 'no_answer') log.warn(line, 'slack request');
  else log.info(line, 'slack request');
}
