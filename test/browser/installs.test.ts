import { beforeEach, expect } from '@jest/globals';
import { useBrowserPlayground } from '../helpers/browser.js';
import {
  becomePerson,
  messagesWith,
  openChannel,
  openPlayground,
  typeAndSend,
} from '../helpers/playground-page.js';

const playground = useBrowserPlayground();
beforeEach(() => playground.reset());

playground.test(
  'Globex installs Rapport from the page: before, Slackbot answers its commands; after, they reach the shared record',
  async (page) => {
    await openPlayground(page, playground.url);
    const bar = page.getByRole('region', { name: 'Rapport in your workspace' });
    await becomePerson(page, 'Ana Lima');
    await openChannel(page, 'northwind-globex');
    expect(await bar.isHidden()).toBe(true);

    await becomePerson(page, 'Dana Kowalski');
    await openChannel(page, 'northwind-globex');
    await bar.getByText('Globex has not installed Rapport').waitFor();
    await typeAndSend(page, '/kudos @ana for the sandbox keys');
    await messagesWith(page, '/kudos is not a valid command').waitFor();

    await becomePerson(page, 'Eli Cohen');
    await bar.getByRole('button', { name: 'Install Rapport for Globex' }).click();
    await bar.waitFor({ state: 'hidden' });
    await page
      .getByRole('complementary', { name: 'Activity log' })
      .getByText(/installed Rapport in Globex/)
      .waitFor();

    await becomePerson(page, 'Dana Kowalski');
    await openChannel(page, 'northwind-globex');
    expect(await bar.isHidden()).toBe(true);
    await typeAndSend(page, '/kudos @ana for the sandbox keys');
    await messagesWith(page, 'gave kudos').filter({ hasText: 'for the sandbox keys' }).waitFor();

    // The kudos is on the channel's one record: Ana, of Northwind, counts it as hers.
    await becomePerson(page, 'Ana Lima');
    await openChannel(page, 'northwind-globex');
    await typeAndSend(page, '/kudos mine');
    await messagesWith(page, 'Only visible to you')
      .filter({ hasText: 'Your kudos' })
      .getByText(/Received: 1 in the last 30 days/)
      .waitFor();
  },
);

playground.test(
  "an admin installs from Rapport's install link, through Slack's authorize page, in their browser",
  async (page) => {
    await page.goto(`${playground.url}/slack/install`);
    await page.getByRole('link', { name: 'Add to Slack' }).click();
    await page.getByRole('heading', { name: /requesting permission/ }).waitFor();
    const workspace = page.getByLabel('Workspace');
    expect(await workspace.inputValue()).toBe('T0GLOBEX01');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('heading', { name: 'Rapport is installed' }).waitFor();
    await page.getByText('Rapport is installed in Globex.').waitFor();

    await openPlayground(page, playground.url);
    await becomePerson(page, 'Fara Haddad');
    await openChannel(page, 'northwind-globex');
    await typeAndSend(page, '/kudos @ben for the load-test scripts');
    await messagesWith(page, 'gave kudos').filter({ hasText: 'for the load-test scripts' }).waitFor();
  },
);
