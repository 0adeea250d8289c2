import { createHmac } from 'node:crypto';

/**
 * Slack's request signature: v0=HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}"), hex
 * (docs.slack.dev/authentication/verifying-requests-from-slack; test/unit/signature.test.ts checks
 * it against Slack's documented example).
 */
export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The headers Slack signs a request with; `timestamp` in seconds since the epoch, now by default. */
export function signatureHeaders(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
}
