import type { LogEntry } from '../api-types.js';
import { el, replaceChildren } from './dom.js';
import { logTextInWords } from './activity-words.js';
import { formatMessageTime } from './format.js';
import type { Page } from './page.js';

const KIND_LABELS: Record<LogEntry['kind'], string> = {
  request: 'Request',
  slack_error: 'Slack refused',
  clock: 'Clock',
  info: 'Info',
};

/**
 * What went on between the page, the app and Slack, newest first. Slack's refusals are what a
 * developer most needs to see, so a new one is also raised in the alert bar above everything.
 */
export function createActivityLog(
  parts: { list: HTMLElement; alert: HTMLElement; count: HTMLElement },
  page: Page,
) {
  let drawn = '';
  let seen: Set<string> | null = null;
  parts.alert.addEventListener('click', (event) => {
    if ((event.target as Element).closest('button')) parts.alert.hidden = true;
  });
  return {
    render(): void {
      const { log } = page.state;
      const key = JSON.stringify([log, page.state.now, page.me?.tz]);
      if (key === drawn) return;
      drawn = key;
      const tz = page.me?.tz;
      const now = new Date(page.state.now);
      replaceChildren(
        parts.list,
        log.length === 0 ? el('li', { class: 'log-empty' }, 'Nothing yet') : '',
        [...log]
          .reverse()
          .map((entry) =>
            el(
              'li',
              { class: `log-entry log-${entry.kind}` },
              el('span', { class: 'log-kind' }, KIND_LABELS[entry.kind] ?? entry.kind),
              el(
                'time',
                { class: 'log-time', datetime: entry.at },
                formatMessageTime(new Date(entry.at), now, tz),
              ),
              el('span', { class: 'log-text' }, logTextInWords(entry.text, entry.kind, now, tz)),
            ),
          ),
      );
      const refusals = log.filter((e) => e.kind === 'slack_error');
      parts.count.hidden = refusals.length === 0;
      replaceChildren(
        parts.count,
        refusals.length === 1 ? '1 Slack refusal' : `${refusals.length} Slack refusals`,
      );
      const ids = refusals.map((e) => `${e.at} ${e.text}`);
      // Refusals already in the log when the page opened are listed, not raised.
      const fresh = seen === null ? [] : refusals.filter((_, i) => !seen?.has(ids[i] ?? ''));
      seen = new Set(ids);
      const newest = fresh.at(-1);
      if (newest) {
        replaceChildren(
          parts.alert,
          el('strong', {}, 'Slack refused a call: '),
          newest.text,
          el('button', { type: 'button', class: 'link-button', 'aria-label': 'Dismiss' }, 'Dismiss'),
        );
        parts.alert.hidden = false;
      }
    },
  };
}
