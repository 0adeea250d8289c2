import type { ServerResponse } from 'node:http';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { causeChain } from '../../errors.js';
import { classifySlackError, slackErrorCode } from '../errors.js';

/**
 * Whether Slack sending a failed request again can succeed: the database was unavailable, or a
 * Web API call Rapport needed failed for a reason that passes (rate limited, Slack's own error,
 * the network). A bug, a refusal or a permanent Slack error ("invalid_auth", "channel_not_found")
 * would fail the same way every time.
 */
export function worthSendingAgain(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  const slackFailure = [...causeChain(error)].find(
    (e) =>
      slackErrorCode(e) !== undefined || String((e as { code?: unknown }).code).startsWith('slack_webapi_'),
  );
  return slackFailure !== undefined && classifySlackError(slackFailure).kind !== 'permanent';
}

/**
 * What Slack is answered when a request failed after it was understood (Bolt's receiver calls this
 * as its processEventErrorHandler): 500 only when sending it again can succeed, so that Slack does;
 * otherwise 200, with what the listener had acknowledged, if anything. Bolt's own handler answers
 * 500 to everything, which has Slack retry a refused request until it gives up.
 */
export async function answerFailedRequest(args: {
  error: Error;
  response: ServerResponse;
  storedResponse: unknown;
}): Promise<boolean> {
  const { error, response, storedResponse } = args;
  if (response.headersSent) return false;
  if (worthSendingAgain(error)) {
    response.writeHead(500);
    response.end();
    return true;
  }
  // What the listener acknowledged with, as Bolt's receiver would have answered it.
  if (storedResponse === undefined || typeof storedResponse === 'string') {
    response.writeHead(200);
    response.end(storedResponse ?? '');
  } else {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(storedResponse));
  }
  return true;
}
