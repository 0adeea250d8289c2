import { beforeEach, expect } from '@jest/globals';
import { useBrowserPlayground } from '../helpers/browser.js';
import {
  becomePerson,
  messagesWith,
  openChannel,
  openPlayground,
  selectedPerson,
  sidebar,
  typeAndSend,
} from '../helpers/playground-page.js';

const playground = useBrowserPlayground();
beforeEach(() => playground.reset());

playground.test(
  'choosing who you are shows their title, time zone, organisation and channels',
  async (page) => {
    await openPlayground(page, playground.url);
    await becomePerson(page, 'Dana Kowalski');

    await page.getByText('Engineer · Europe/Warsaw · Globex').waitFor();
    // Dana is from the partner organisation: she is only in the shared Slack Connect channel.
    const shared = sidebar(page).getByRole('button', { name: /northwind-globex/ });
    await shared.getByText('Slack Connect').waitFor();
    await sidebar(page)
      .getByRole('button', { name: /general/ })
      .waitFor({ state: 'detached' });

    // The choice is remembered when the page is opened again.
    await page.reload();
    await page.getByText('Engineer · Europe/Warsaw · Globex').waitFor();
    expect(await selectedPerson(page)).toMatch(/^Dana Kowalski/);
  },
);

playground.test('slash commands are suggested as they are typed, with their usage', async (page) => {
  await openPlayground(page, playground.url);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('/ku');
  const suggestion = page.getByRole('option', { name: /\/kudos/ });
  await suggestion.getByText('Thank someone for their work').waitFor();
  await box.press('Tab');
  expect(await box.inputValue()).toBe('/kudos ');
  await page.getByText(/@person \[@person …\] what for/).waitFor();
  await suggestion.waitFor({ state: 'detached' });
});

playground.test('a reply in a thread is shown under its message', async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Ana Lima');
  await openChannel(page, 'general');
  await typeAndSend(page, 'Lunch at noon?');

  await becomePerson(page, 'Ben Okafor');
  await openChannel(page, 'general');
  const question = messagesWith(page, 'Lunch at noon?');
  await question.hover();
  await question.getByRole('button', { name: 'Reply in thread' }).click();
  await page.getByText('Replying in a thread').waitFor();
  await typeAndSend(page, 'Count me in');

  const thread = page.getByRole('region', { name: 'Thread: 1 reply' });
  await thread.getByRole('article', { name: 'Message from Ben Okafor' }).getByText('Count me in').waitFor();
});

playground.test('what people type is shown as text, never run as markup', async (page) => {
  await openPlayground(page, playground.url);
  await openChannel(page, 'general');
  const title = await page.title();
  await typeAndSend(page, `<img src=x onerror="document.title='taken'"> <b>bold?</b> & <script>1</script>`);

  const message = messagesWith(page, 'bold?');
  await message.waitFor();
  expect(await message.locator('img, b, script').count()).toBe(0);
  expect(await page.title()).toBe(title);
});

playground.test('a call Slack refuses is raised in the activity log', async (page) => {
  await openPlayground(page, playground.url);
  await becomePerson(page, 'Ana Lima');
  // Rapport was never invited to #random: Slack refuses what it posts there.
  await openChannel(page, 'random');
  await typeAndSend(page, '/health post');

  await page
    .getByRole('alert')
    .filter({ hasText: 'Slack refused' })
    .getByText(/not_in_channel/)
    .waitFor();
  await page
    .getByRole('complementary', { name: 'Activity log' })
    .getByText(/not_in_channel/)
    .first()
    .waitFor();
});

playground.test(
  'at phone width, channels open from the menu and messages still send',
  async (page) => {
    await openPlayground(page, playground.url);
    await page.getByRole('button', { name: 'Channels' }).click();
    await sidebar(page)
      .getByRole('button', { name: /design-crit/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /design-crit/ }).waitFor();
    // Choosing a channel closes the menu, so the conversation is in view.
    await sidebar(page).waitFor({ state: 'hidden' });
    await typeAndSend(page, 'New mockups are in Figma');
    await messagesWith(page, 'New mockups are in Figma').waitFor();
  },
  { viewport: { width: 390, height: 844 } },
);
