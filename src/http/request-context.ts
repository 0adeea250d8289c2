import { AsyncLocalStorage } from 'node:async_hooks';

/** What is known about the Slack request being handled, filled in as Bolt parses it. */
export type RequestFacts = {
  type?: string;
  teamId?: string;
  eventId?: string;
  retryNum?: number;
};

export const requestContext = new AsyncLocalStorage<RequestFacts>();

export function describeRequest(facts: RequestFacts): void {
  const store = requestContext.getStore();
  if (store) Object.assign(store, facts);
}
