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

/** Moves the playground's clock to the next ritual until `seen` shows, as someone trying it would. */
async function nextRitualUntil(page: Page, seen: () => Promise<boolean>): Promise<void> {
  const clock = page.getByRole('region', { name: 'Playground clock' });
  for (let moves = 0; moves < 6 && !(await seen()); moves += 1) {
    const before = await clock.locator('time').first().textContent();
    await clock.getByRole('button', { name: 'Next ritual' }).click();
    await eventually(async () => (await clock.locator('time').first().textContent()) !== before);
  }
  await eventually(seen, 'the ritual never came');
}

playground.test('a stand-up set up with /rituals, answered from the DM button in the modal', async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Chen Wei');
  await openChannel(page, 'general');

  // The settings form, as it comes: a stand-up on weekdays, for everyone, at their own 09:30.
  await typeAndSend(page, '/rituals');
  const form = page.getByRole('dialog', { name: 'New ritual' });
  expect(await form.getByRole('checkbox', { name: 'Mon' }).isChecked()).toBe(true);
  expect(await form.getByRole('radio', { name: "Each person's own time zone" }).isChecked()).toBe(true);
  await form.getByRole('button', { name: 'Create' }).click();
  await form.waitFor({ state: 'detached' });

  // Chen is in Singapore, so the first prompt of the day is Chen's.
  const messages = sidebar(page).getByRole('button', { name: 'Rapport · Messages' });
  await messages.click();
  const prompt = messagesWith(page, /Stand-up for/);
  await nextRitualUntil(page, async () => (await prompt.count()) > 0);

  await prompt.getByRole('button', { name: 'Answer' }).click();
  const modal = page.getByRole('dialog', { name: 'Stand-up' });
  await modal.getByLabel('What did you get done since last time?').fill('Shipped the onboarding flow');
  await modal.getByLabel('What will you do next?').fill('Usability tests');
  await modal.getByLabel('Anything blocking you?').fill('none');
  await modal.getByRole('button', { name: 'Post' }).click();
  await modal.waitFor({ state: 'detached' });

  // The day's header is in the channel, and the answers with it.
  await openChannel(page, 'general');
  await messagesWith(page, /Stand-up · Monday/)
    .first()
    .waitFor();
  await messagesWith(page, '@chen checked in').getByText('Shipped the onboarding flow').waitFor();
});

playground.test('a health digest posted with /health post, its chart shown in the thread', async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Ana Lima');
  await openChannel(page, 'northwind-globex');
  await typeAndSend(page, '/kudos @dana for the shared roadmap');
  await becomePerson(page, 'Dana Kowalski');
  await openChannel(page, 'northwind-globex');
  // Globex has not installed Rapport: Slackbot answers Dana alone, and Rapport hears nothing.
  await typeAndSend(page, '/kudos @ana for the quick answers');
  await messagesWith(page, /\/kudos is not a valid command/)
    .filter({ hasText: 'Slackbot' })
    .waitFor();

  await becomePerson(page, 'Ana Lima');
  await openChannel(page, 'northwind-globex');
  await typeAndSend(page, '/health post');

  // The chart is shared in the digest's thread, shown under it.
  const digest = page.getByRole('article').filter({ hasText: 'Health score' });
  const thread = page.getByRole('region', { name: /^Thread/ }).filter({ has: page.getByRole('img') });
  await digest.waitFor();
  const chart = thread.getByRole('img', { name: /^Line chart of the three pillars/ });
  await chart.waitFor();
  const pixelsWide = await chart.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
  expect(pixelsWide).toBeGreaterThan(100);
});
