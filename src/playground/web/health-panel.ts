import type { HealthSummary } from '../api-types.js';
import { el, replaceChildren } from './dom.js';
import type { Page } from './page.js';

/** The panel asks for the numbers at most this often (the page redraws every second and after each action). */
const REFRESH_MS = 1500;

/**
 * "Health of Rapport": a handful of Rapport's own metrics (the registry /metrics serves), read from
 * GET /playground/api/health: Slack requests, Web API calls, the outbox, the scheduler, the pool.
 */
export function createHealthPanel(list: HTMLElement, page: Page, base = '/playground/api') {
  let asking = false;
  let askedAt = 0;
  let last: HealthSummary | null = null;

  const draw = (h: HealthSummary) => {
    const now = new Date(page.state.now);
    const item = (name: string, key: string, value: string, note?: string) =>
      el(
        'div',
        { class: 'health-item' },
        el('dt', {}, name),
        el(
          'dd',
          { 'data-health': key },
          value,
          note ? el('span', { class: 'health-note' }, ` ${note}`) : null,
        ),
      );
    replaceChildren(
      list,
      item(
        'Slack requests',
        'requests',
        String(h.requests.total),
        h.requests.failed > 0 ? `(${h.requests.failed} failed)` : undefined,
      ),
      item(
        'API calls',
        'api-calls',
        String(h.apiCalls.total),
        h.apiCalls.rateLimited > 0 ? `(${h.apiCalls.rateLimited} rate limited)` : undefined,
      ),
      item(
        'Outbox waiting',
        'outbox-waiting',
        String(h.outbox.waiting),
        h.outbox.waiting > 0 ? `(oldest ${h.outbox.oldestSeconds}s)` : undefined,
      ),
      item(
        'Last tick',
        'last-tick',
        h.ticks.lastAt ? ago(new Date(h.ticks.lastAt), now) : 'none yet',
        `(${h.ticks.total} tick${h.ticks.total === 1 ? '' : 's'})`,
      ),
      item('DB pool', 'pool', `${h.pool.total} open`, `(${h.pool.idle} idle, ${h.pool.waiting} waiting)`),
    );
  };

  return {
    render() {
      if (last) draw(last);
      if (asking || Date.now() - askedAt < REFRESH_MS) return;
      asking = true;
      askedAt = Date.now();
      void fetch(`${base}/health`, { cache: 'no-store' })
        .then(async (response) => {
          if (!response.ok) return;
          last = (await response.json()) as HealthSummary;
          draw(last);
        })
        .catch(() => undefined)
        .finally(() => {
          asking = false;
        });
    },
  };
}

/** How long ago, in playground time. */
function ago(then: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}
