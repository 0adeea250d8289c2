import { el, replaceChildren } from './dom.js';
import { formatDateTime, formatRelative } from './format.js';
import type { Page } from './page.js';

/** What loading the sample history replaces, asked before anything is. */
export const SAMPLE_REPLACES =
  'Load a sample history? It replaces everything in the playground: every message, ritual, kudos, retro and Home tab, and the activity log, with four weeks of an alliance between Northwind and Globex. What you did here cannot be brought back.';

/**
 * Playground time, which only moves when asked: rituals come due as the clock passes them, so a
 * week of stand-ups or a digest can be tried in a few clicks.
 */
export function createClockBar(
  parts: { now: HTMLElement; next: HTMLElement; buttons: HTMLElement },
  page: Page,
) {
  const button = (label: string, title: string, run: () => Promise<unknown> | undefined) => {
    const b = el('button', { type: 'button', class: 'clock-button', title }, label);
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        await run();
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  replaceChildren(
    parts.buttons,
    button('+1 hour', 'Move the clock on by an hour', () => page.send('clock', { advance: 'hour' })),
    button('+1 day', 'Move the clock on by a day', () => page.send('clock', { advance: 'day' })),
    button('Next ritual', 'Move the clock to when the next ritual is due', () =>
      page.send('clock', { advance: 'next' }),
    ),
    button('Load a sample history', 'Fill the workspace with weeks of kudos, stand-ups and retros', () =>
      window.confirm(SAMPLE_REPLACES) ? page.send('sample', {}) : undefined,
    ),
    button('Reset', 'Forget everything and start again', () =>
      window.confirm('Reset the playground? Everything in it is forgotten.')
        ? page.send('reset', {})
        : undefined,
    ),
  );
  let drawn = '';
  return {
    render(): void {
      const { state } = page;
      const tz = page.me?.tz;
      const key = JSON.stringify([state.now, state.nextRitualAt, tz]);
      if (key === drawn) return;
      drawn = key;
      const now = new Date(state.now);
      replaceChildren(
        parts.now,
        el('span', { class: 'clock-label' }, 'Playground time '),
        el('time', { datetime: state.now }, formatDateTime(now, tz)),
      );
      const next = state.nextRitualAt ? new Date(state.nextRitualAt) : null;
      replaceChildren(
        parts.next,
        el('span', { class: 'clock-label' }, 'Next ritual '),
        next
          ? el(
              'time',
              { datetime: next.toISOString() },
              `${formatDateTime(next, tz)} (${formatRelative(next, now)})`,
            )
          : 'none scheduled',
      );
    },
  };
}
