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
  /**
   * How the request ended where its HTTP status does not tell: a person's mistake answered in words
   * (`user_error`), or a request the edge answered itself (`unhandled`, `malformed`). For metrics.
   */
  outcome?: 'user_error' | 'unhandled' | 'malformed';
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

/** The facts of an HTTP request being handled, for the edge that answers some requests itself. */
export function factsOf(req: object): RequestFacts | undefined {
  return factsByRequest.get(req);
}

/** Marks the request in Bolt's `context` as answered with a person's mistake (a UserError's message). */
export function markUserError(context: object | undefined): void {
  const facts = (context as { requestFacts?: RequestFacts } | undefined)?.requestFacts;
  if (facts) facts.outcome = 'user_error';
}
