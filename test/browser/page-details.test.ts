import { beforeEach, expect } from '@jest/globals';
import type { Page } from 'playwright-core';
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
beforeEach(() => playground.reset());

const activityLog = (page: Page) => page.getByRole('complementary', { name: 'Activity log' });

playground.test('the activity log reads in words, its times 24-hour in your own zone', async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Ana Lima');
  await openChannel(page, 'general');
  await typeAndSend(page, '/rituals');
  const form = page.getByRole('dialog', { name: 'New ritual' });
  await form.getByRole('button', { name: 'Create' }).click();
  await form.waitFor({ state: 'detached' });
  await page
    .getByRole('region', { name: 'Playground clock' })
    .getByRole('button', { name: '+1 hour' })
    .click();

  await activityLog(page).getByText('Ana Lima submitted Ritual settings').waitFor();
  await activityLog(page)
    .getByText(/^time moved to (\w{3} \d{1,2} \w{3}, )?\d\d:\d\d$/)
    .waitFor();
  const log = (await activityLog(page).textContent()) ?? '';
  expect(log).not.toMatch(/ritual_settings|\d{4}-\d\d-\d\dT|\b(AM|PM)\b/);
});

playground.test("a ritual's next run reads 24-hour, after a colon", async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Ana Lima');
  await openChannel(page, 'general');
  await typeAndSend(page, '/rituals standup mon-fri 09:30 local');
  await typeAndSend(page, '/rituals list');
  const list = messagesWith(page, /next /).last();
  await list.getByText(/next .*\d\d:\d\d/).waitFor();
  const text = (await list.textContent()) ?? '';
  expect(text).not.toMatch(/\b(AM|PM)\b/);
  expect(text).toMatch(/next run: (Today|Tomorrow|\w{3} \d+, \d{4}) at 09:30/);
});

playground.test(
  'typing @ in the composer offers the channel’s people, chosen by key or click',
  async (page) => {
    await openPlayground(page, playground.url);
    await becomePerson(page, 'Ana Lima');
    await openChannel(page, 'design-crit');
    const box = page.getByRole('textbox', { name: 'Message' });
    const people = page.getByRole('listbox', { name: 'People' });

    await box.pressSequentially('Thanks @');
    // #design-crit is Ana, Ben and Chen: nobody from Globex is offered.
    await people.getByRole('option', { name: /@chen/ }).waitFor();
    expect(await people.getByRole('option').count()).toBe(3);
    await box.pressSequentially('b');
    await people.getByRole('option', { name: /@ben Ben Okafor/ }).waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Thanks @ben ');
    await people.waitFor({ state: 'hidden' });

    await box.pressSequentially('and @C');
    await people.getByRole('option', { name: /@chen/ }).click();
    await box.pressSequentially('for the crit');
    expect(await box.inputValue()).toBe('Thanks @ben and @chen for the crit');
    await box.press('Enter');
    const sent = messagesWith(page, 'for the crit');
    await sent.locator('.bk-mention-user', { hasText: '@chen' }).waitFor();
    expect(await sent.locator('.bk-mention-user').allTextContents()).toEqual(['@ben', '@chen']);
  },
);

playground.test('a reload comes back to the open conversation, or the Home tab', async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Ben Okafor');
  await openChannel(page, 'design-crit');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /design-crit/ }).waitFor();

  await sidebar(page).getByRole('button', { name: 'Rapport · Home' }).click();
  await page.reload();
  await page.getByText('Home', { exact: true }).waitFor();
  await page.locator('.home').waitFor();
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rapport');
});
