import { beforeEach, expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { useBrowserPlayground } from '../helpers/browser.js';
import {
  becomePerson,
  eventually,
  messagesWith,
  openChannel,
  openPlayground,
  sidebar,
  typeAndSend,
} from '../helpers/playground-page.js';

const playground = useBrowserPlayground();
beforeEach(() => playground.reset());

/** Joins the coffee pairs of the open channel with the Join button on their introduction. */
async function join(page: Page): Promise<void> {
  const intro = messagesWith(page, /Coffee pairs ·/).first();
  await intro.getByRole('button', { name: 'Join', exact: true }).click();
  await messagesWith(page, /You are in the coffee pairs/).waitFor();
}

playground.test(
  'coffee pairs: the group DM is in the sidebar under Direct messages, and "We met" there says they met',
  async (page) => {
    await openPlayground(page, playground.url);
    await becomePerson(page, 'Ana Lima');
    await openChannel(page, 'general');
    await typeAndSend(page, '/rituals pairs weekly mon 10:00 Europe/London');
    await messagesWith(page, /Coffee pairs ·/)
      .first()
      .waitFor();
    await join(page);
    await becomePerson(page, 'Ben Okafor');
    await openChannel(page, 'general');
    await join(page);

    // The round comes: Ana and Ben are paired, in a group DM of their own.
    const clock = page.getByRole('region', { name: 'Playground clock' });
    await clock.getByRole('button', { name: 'Next ritual' }).click();
    const group = sidebar(page).getByRole('button', { name: 'Ana Lima', exact: true });
    await group.waitFor();
    expect(await sidebar(page).getByRole('heading', { name: 'Direct messages' }).count()).toBe(1);
    await group.click();
    await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
    await messagesWith(page, /Coffee pairs in/)
      .getByText('To start:')
      .waitFor();

    // Halfway through the week Rapport asks whether they met.
    const question = messagesWith(page, /Did you meet\?/);
    for (let days = 0; days < 6 && (await question.count()) === 0; days += 1) {
      const before = await clock.locator('time').first().textContent();
      await clock.getByRole('button', { name: '+1 day' }).click();
      await eventually(async () => (await clock.locator('time').first().textContent()) !== before);
    }
    await question.getByRole('button', { name: 'We met' }).click();
    await messagesWith(page, /You met this round/)
      .getByText('@ben said so')
      .waitFor();
    expect(await page.getByRole('button', { name: 'We met' }).count()).toBe(0);

    // Ana sees it too, in the same conversation, named by Ben.
    await becomePerson(page, 'Ana Lima');
    await sidebar(page).getByRole('button', { name: 'Ben Okafor', exact: true }).click();
    await messagesWith(page, /You met this round/).waitFor();
    // The activity log says what Ben did, in words.
    await page
      .getByRole('complementary', { name: 'Activity log' })
      .getByText(/Ben Okafor pressed We met/)
      .first()
      .waitFor();
  },
  { timeoutMs: 120_000 },
);
