import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { beforeEach, expect } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { projectPath } from '../../src/project-path.js';
import { useBrowserPlayground } from '../helpers/browser.js';
import { messagesWith, openChannel, openPlayground, typeAndSend } from '../helpers/playground-page.js';

const playground = useBrowserPlayground();
beforeEach(() => playground.reset());

/**
 * The README's picture of the playground is this page. `npm run docs:screenshot` sets
 * UPDATE_DOCS_SCREENSHOT to write it; otherwise it goes with the test results.
 */
const SCREENSHOT = process.env.UPDATE_DOCS_SCREENSHOT
  ? projectPath('docs', 'playground.png')
  : projectPath('test-results', 'playground.png');

/**
 * The thread is drawn again as its messages arrive (the digest, then its chart), so the chart
 * found a moment ago may be a detached copy: find it again until it holds still.
 */
async function scrollIntoView(element: Locator): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await element.waitFor();
    try {
      await element.scrollIntoViewIfNeeded({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 5 || !/not attached/.test(String(error))) throw error;
    }
  }
}

playground.test(
  'a sample history fills the alliance channel with weeks of rituals, and Reset empties it',
  async (page) => {
    await openPlayground(page, playground.url);
    await openChannel(page, 'northwind-globex');
    await typeAndSend(page, 'my own words, before the sample');
    await messagesWith(page, /my own words/)
      .first()
      .waitFor();
    const clock = page.getByRole('region', { name: 'Playground clock' });
    // It asks first, saying what it replaces; declined, nothing changes.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await clock.getByRole('button', { name: 'Load a sample history' }).click();
    await clock.getByRole('button', { name: 'Load a sample history', disabled: false }).waitFor();
    expect(asked).toEqual([expect.stringMatching(/^Load a sample history\? It replaces everything/)]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await messagesWith(page, /my own words/)
      .first()
      .waitFor();
    expect(await messagesWith(page, /Stand-up · /).count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await clock.getByRole('button', { name: 'Load a sample history' }).click();
    // The history is played through the app as it would have happened (a minute or two on a busy
    // machine); the button waits for it.
    const loaded = clock.getByRole('button', { name: 'Load a sample history', disabled: false });
    await loaded.waitFor({ timeout: 180_000 });
    await messagesWith(page, /Stand-up · /)
      .first()
      .waitFor();
    await messagesWith(page, /Alliance health · week to/)
      .first()
      .waitFor();
    expect(await messagesWith(page, /my own words/).count()).toBe(0);

    await typeAndSend(page, '/health post');
    const chart = page
      .getByRole('region', { name: /^Thread/ })
      .getByRole('img', { name: /^Line chart of the three pillars over [4-8] weeks/ })
      .last();
    await scrollIntoView(chart);
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    page.once('dialog', (dialog) => void dialog.accept());
    await clock.getByRole('button', { name: 'Reset' }).click();
    await page.getByText('No messages yet.').waitFor();
  },
  { timeoutMs: 240_000 },
);
