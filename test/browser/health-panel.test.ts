import { beforeEach, expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { useBrowserPlayground } from '../helpers/browser.js';
import {
  becomePerson,
  eventually,
  messagesWith,
  openChannel,
  openPlayground,
  typeAndSend,
} from '../helpers/playground-page.js';

const playground = useBrowserPlayground();
beforeEach(() => playground.reset());

/**
 * The playground's "Health of Rapport" panel (issue 20): a few of the app's own metrics, from the
 * registry /metrics serves, which move as the app works.
 */
const panel = (page: Page) => page.getByRole('region', { name: 'Health of Rapport' });
const number = async (page: Page, key: string) =>
  Number.parseInt((await panel(page).locator(`[data-health="${key}"]`).textContent()) ?? '', 10);

playground.test('its numbers move when the app answers a command and posts', async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Chen Wei');
  await openChannel(page, 'general');
  await eventually(async () => Number.isFinite(await number(page, 'requests')), 'the panel never showed');
  const requests = await number(page, 'requests');
  const calls = await number(page, 'api-calls');
  await panel(page).getByText('DB pool').waitFor();

  await typeAndSend(page, '/kudos @ben for keeping an eye on the numbers');
  await messagesWith(page, /gave kudos/).waitFor();
  await eventually(
    async () => (await number(page, 'requests')) > requests && (await number(page, 'api-calls')) > calls,
    'the requests and API calls never went up',
  );
  // The same numbers as /metrics.
  const text = await (await fetch(`${playground.url}/metrics`)).text();
  expect(text).toMatch(/rapport_slack_requests_total\{surface="command",outcome="ok"\} [1-9]/);
  expect(await panel(page).locator('[data-health="outbox-waiting"]').textContent()).toMatch(/^\d+/);
});

playground.test(
  'at 360 px it fits, in the Activity panel',
  async (page) => {
    await openPlayground(page, playground.url);
    await page.getByRole('button', { name: 'Activity' }).click();
    await panel(page).waitFor();
    await eventually(async () => Number.isFinite(await number(page, 'requests')), 'the panel never showed');
    // Run in the page, as a string: the tests are compiled without the DOM's types.
    const boxes = (await page.evaluate(
      `[...document.querySelectorAll('.health h2, .health dt, .health dd')].map((e) => e.getBoundingClientRect().right)`,
    )) as number[];
    expect(boxes.length).toBeGreaterThan(5);
    for (const right of boxes) expect(right).toBeLessThanOrEqual(360.5);
  },
  { viewport: { width: 360, height: 740 } },
);
