import autocannon from 'autocannon';
import { SLACK_EVENTS_PATH } from '../src/http/server.js';
import type { SignedRequest } from './reaction-requests.js';

export type Throughput = {
  /** Requests answered 2xx per second: reactions Slack would consider delivered. */
  perSecond: number;
  acknowledged: number;
  /** Answers other than 2xx, connection errors and timeouts; any of these means a broken run. */
  failed: number;
  /** Requests in flight when the time was up: autocannon hangs up on them, unanswered. */
  cutOff: number;
  seconds: number;
};

/**
 * As many requests as the app takes from a fixed number of connections, each sent as soon as the
 * previous answer on its connection arrives (a closed loop): the app's ceiling on this machine.
 */
export async function measureThroughput(options: {
  url: string;
  connections: number;
  seconds: number;
  next: () => SignedRequest;
}): Promise<Throughput> {
  const result = await autocannon({
    url: `${options.url}${SLACK_EVENTS_PATH}`,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        // A fresh body and signature per request; autocannon would otherwise resend the first one.
        setupRequest: (request) => {
          const { body, headers } = options.next();
          return { ...request, body, headers: { ...request.headers, ...headers } };
        },
      },
    ],
  });
  const acknowledged = result['2xx'];
  return {
    perSecond: acknowledged / result.duration,
    acknowledged,
    failed: result.non2xx + result.errors, // errors include timeouts
    cutOff: result.requests.sent - acknowledged - result.non2xx,
    seconds: result.duration,
  };
}
