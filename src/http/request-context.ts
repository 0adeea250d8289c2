/**
 * What is known about the Slack request being handled, filled in as Bolt parses it and read by the
 * access log. The receiver hands it to Bolt as a custom context property (`requestFacts`), so the
 * hot path needs no async context tracking.
 */
export type RequestFacts = {
  type?: string;
  teamId?: string;
  eventId?: string;
  retryNum?: number;
};

const factsByRequest = new WeakMap<object, RequestFacts>();

/** Starts the facts of an HTTP request; Bolt's receiver later finds them by the same request. */
export function trackRequest(req: object, facts: RequestFacts): void {
  factsByRequest.set(req, facts);
}

/** For HTTPReceiver's customPropertiesExtractor: puts the request's facts into Bolt's context. */
export function requestFactsProperty(req: object): { requestFacts?: RequestFacts } {
  const facts = factsByRequest.get(req);
  return facts ? { requestFacts: facts } : {};
}
