import type { ActionRequests, ActionResult, PlaygroundState } from '../api-types.js';

export type ActionName = keyof ActionRequests;

/** The playground server's JSON API, on the page's own origin (see api-types.ts). */
export type PlaygroundApi = {
  /** The workspace as `as` sees it; with nobody (null), its people and clock but no one's channels. */
  state(as: string | null): Promise<PlaygroundState>;
  send<A extends ActionName>(action: A, body: ActionRequests[A]): Promise<ActionResult>;
};

export function createApi(base = '/playground/api'): PlaygroundApi {
  return {
    async state(as) {
      const query = as === null ? '' : `?as=${encodeURIComponent(as)}`;
      const response = await fetch(`${base}/state${query}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`the playground answered ${response.status} for its state`);
      return (await response.json()) as PlaygroundState;
    },
    async send(action, body) {
      try {
        const response = await fetch(`${base}/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const result = (await response.json().catch(() => null)) as ActionResult | null;
        if (result) return result;
        return { ok: false, error: `the playground answered ${response.status}` };
      } catch (error) {
        return { ok: false, error: `the playground did not answer (${String(error)})` };
      }
    },
  };
}
