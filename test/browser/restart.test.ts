import { expect } from '@jest/globals';
import { useBrowserPlayground } from '../helpers/browser.js';
import {
  becomePerson,
  messagesWith,
  openChannel,
  openPlayground,
  sidebar,
  typeAndSend,
} from '../helpers/playground-page.js';

const playground = useBrowserPlayground();

/**
 * The playground survives a restart as one world (issue 21): the page, the Home tab and the clock
 * are as they were, and the clock does not go back.
 */
playground.test(
  'restarted mid-walk, the page, the Home tab and the clock are as before',
  async (page) => {
    await openPlayground(page, playground.url);
    await becomePerson(page, 'Ana Lima');
    await openChannel(page, 'general');
    await typeAndSend(page, '/kudos @ben for the restart drill');
    await messagesWith(page, 'for the restart drill')
      .filter({ hasText: /gave kudos/ })
      .waitFor();
    const clock = page.getByRole('region', { name: 'Playground clock' });
    await clock.getByRole('button', { name: '+1 day' }).click();
    await clock.getByRole('button', { name: '+1 day', disabled: false }).waitFor();
    await becomePerson(page, 'Ben Okafor');
    await sidebar(page)
      .getByRole('button', { name: /Rapport · Home/ })
      .click();
    const home = page.locator('#pane-body .home');
    await home
      .getByText(/restart drill/)
      .first()
      .waitFor();
    const homeBefore = await home.innerText();
    const timeBefore = await clock.locator('time').first().getAttribute('datetime');

    await playground.restart();
    await page.reload();

    await page.getByRole('heading', { level: 1 }).waitFor();
    await home
      .getByText(/restart drill/)
      .first()
      .waitFor();
    expect(await home.innerText()).toBe(homeBefore);
    const timeAfter = await clock.locator('time').first().getAttribute('datetime');
    expect(new Date(timeAfter ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(timeBefore ?? '').getTime());
    await becomePerson(page, 'Ana Lima');
    await openChannel(page, 'general');
    await messagesWith(page, 'for the restart drill')
      .filter({ hasText: /gave kudos/ })
      .waitFor();
    await page
      .getByRole('complementary', { name: 'Activity log' })
      .getByText(/restarted/)
      .waitFor();
  },
  { timeoutMs: 120_000 },
);
