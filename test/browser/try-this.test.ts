import { beforeEach, expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { useBrowserPlayground } from '../helpers/browser.js';
import {
  becomePerson,
  messagesWith,
  openChannel,
  openPlayground,
  selectedPerson,
} from '../helpers/playground-page.js';

const playground = useBrowserPlayground();
beforeEach(() => playground.reset());

const panel = (page: Page) => page.getByRole('region', { name: 'Try this' });
const step = (page: Page, name: RegExp) => panel(page).getByRole('button', { name });

playground.test('"Try this" walks through a kudos and a stand-up, one click a step', async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Ana Lima');
  await openChannel(page, 'general');
  const box = page.getByRole('textbox', { name: 'Message' });

  // A kudos: the command is typed for you, with someone in the channel to thank.
  await step(page, /^Give a kudos/).click();
  expect(await box.inputValue()).toBe('/kudos @ben for ');
  await box.pressSequentially('the demo');
  await box.press('Enter');
  await step(page, /^✓?\s*Give a kudos.*\(done\)/).waitFor();

  // A stand-up: /rituals is typed; once it exists, the same step moves the clock to it.
  await step(page, /Set up a stand-up/).click();
  expect(await box.inputValue()).toBe('/rituals');
  await box.press('Enter');
  const form = page.getByRole('dialog', { name: 'New ritual' });
  await form.getByRole('button', { name: 'Create' }).click();
  await form.waitFor({ state: 'detached' });
  await panel(page).getByText('Next ritual moves the clock to it').waitFor();
  await step(page, /Set up a stand-up/).click();
  // Chen is in Singapore: the day's first prompt is Chen's.
  await panel(page).getByText('Chen has a stand-up prompt in Messages').waitFor();
  await step(page, /Set up a stand-up.*\(done\)/).waitFor();

  await step(page, /Answer as Chen/).click();
  await page.getByRole('heading', { level: 1, name: 'Rapport' }).waitFor();
  expect(await selectedPerson(page)).toMatch(/^Chen Wei/);
  await messagesWith(page, /Stand-up for/)
    .getByRole('button', { name: 'Answer' })
    .waitFor();
  await panel(page).getByText('You have a stand-up prompt in Messages').waitFor();
});

playground.test('"Try this" once dismissed stays away after a reload', async (page) => {
  await openPlayground(page, playground.url);
  await panel(page)
    .getByRole('button', { name: /Post \/health/ })
    .waitFor();
  await panel(page).getByRole('button', { name: 'Dismiss Try this' }).click();
  await panel(page).waitFor({ state: 'hidden' });
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  expect(await panel(page).isVisible()).toBe(false);
});
