import { beforeEach, expect } from '@jest/globals';
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

playground.test('kudos by command: the channel sees the thanks, the recipient hears of it', async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Ana Lima');
  await openChannel(page, 'general');

  await typeAndSend(page, '/kudos @ben for fixing the flaky build');

  const announcement = messagesWith(page, 'for fixing the flaky build').filter({ hasText: /gave kudos/ });
  await announcement.getByText('Rapport', { exact: true }).waitFor();

  await becomePerson(page, 'Ben Okafor');
  await sidebar(page).getByRole('button', { name: 'Rapport · Messages' }).click();
  await messagesWith(page, 'fixing the flaky build').first().waitFor();
});

playground.test(
  'kudos by reaction: a kudos emoji on a message counts, and the author sees it',
  async (page) => {
    await openPlayground(page, playground.url);
    await becomePerson(page, 'Ben Okafor');
    await openChannel(page, 'general');
    await typeAndSend(page, 'The flaky build is fixed: retries were hiding a race');

    await becomePerson(page, 'Ana Lima');
    await openChannel(page, 'general');
    const message = messagesWith(page, 'retries were hiding a race');
    await message.hover();
    await message.getByRole('button', { name: 'Add reaction' }).first().click();
    await page.getByRole('menuitem', { name: ':clap: (kudos)' }).click();
    const reaction = message.getByRole('button', { name: ':clap: 1' });
    await reaction.waitFor();
    expect(await reaction.getAttribute('aria-pressed')).toBe('true');

    await becomePerson(page, 'Ben Okafor');
    await openChannel(page, 'general');
    await typeAndSend(page, '/kudos mine');
    const summary = messagesWith(page, 'Only visible to you').filter({ hasText: 'Your kudos' });
    await summary.getByText(/Received: 1 in the last 30 days/).waitFor();
    await summary.getByText(/reacted .* to your message/).waitFor();
  },
);

playground.test("kudos from a message's shortcut, through the form and its errors", async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Ben Okafor');
  await openChannel(page, 'general');
  await typeAndSend(page, 'Here is the incident write-up');

  await becomePerson(page, 'Ana Lima');
  await openChannel(page, 'general');
  const message = messagesWith(page, 'Here is the incident write-up');
  await message.hover();
  await message.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Give kudos' }).click();

  const form = page.getByRole('dialog', { name: 'Give kudos' });
  const who = form.getByLabel('Who to thank');
  await who.waitFor();
  expect(await who.locator('option:checked').allTextContents()).toEqual(['ben']);
  // A required field left empty is refused before anything is sent, as in Slack.
  await form.getByRole('button', { name: 'Give kudos' }).click();
  await form.getByText('Please complete this required field.').waitFor();

  // The app refuses kudos to oneself, under the field.
  await who.selectOption({ label: 'ana' });
  await form.getByLabel('What for').fill('the clear write-up');
  await form.getByRole('button', { name: 'Give kudos' }).click();
  await form.getByText(/take yourself out/).waitFor();

  await who.selectOption({ label: 'ben' });
  await form.getByRole('button', { name: 'Give kudos' }).click();
  await form.waitFor({ state: 'detached' });
  await messagesWith(page, /gave kudos/)
    .filter({ hasText: 'the clear write-up' })
    .waitFor();
});
