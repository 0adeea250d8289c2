import { beforeEach, expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { useBrowserPlayground } from '../helpers/browser.js';
import {
  becomePerson,
  eventually,
  messagesWith,
  openPlayground,
  sidebar,
  typeAndSend,
} from '../helpers/playground-page.js';

const playground = useBrowserPlayground();
beforeEach(() => playground.reset());

/** A small phone's width, narrower than most. */
const PHONE = { width: 360, height: 740 };

/**
 * Elements reaching past the right (or left) edge of the screen, each named by its tag, id, classes
 * and text, and whether the whole page scrolls sideways. Run in the page, as a string: the tests are
 * compiled without the DOM's types.
 */
const WIDER_THAN_THE_SCREEN = `(() => {
  const width = window.innerWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width) {
    found.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + 'px wide');
  }
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right <= width + 0.5 && box.left >= -0.5) continue;
    const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
      [...element.classList].map((c) => '.' + c).join('');
    const text = (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    found.push(name + ' "' + text + '" spans ' + Math.round(box.left) + '..' + Math.round(box.right) + 'px');
  }
  return found.slice(0, 10);
})()`;

async function expectToFit(page: Page, view: string): Promise<void> {
  const wider = (await page.evaluate(WIDER_THAN_THE_SCREEN)) as string[];
  expect({ view, wider }).toEqual({ view, wider: [] });
}

/** On a phone the sidebar is a panel opened from the top bar's ☰. */
async function openFromMenu(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Channels' }).click();
  await sidebar(page).getByRole('button', { name }).click();
  await sidebar(page).waitFor({ state: 'hidden' });
}

/** Moves the playground's clock to the next ritual until `seen` shows. */
async function nextRitualUntil(page: Page, seen: () => Promise<boolean>): Promise<void> {
  const clock = page.getByRole('region', { name: 'Playground clock' });
  for (let moves = 0; moves < 6 && !(await seen()); moves += 1) {
    const before = await clock.locator('time').first().textContent();
    await clock.getByRole('button', { name: 'Next ritual' }).click();
    await eventually(async () => (await clock.locator('time').first().textContent()) !== before);
  }
  await eventually(seen, 'the ritual never came');
}

playground.test(
  'at 360 px every view fits the screen: channel, kudos, Home, forms, stand-up, retro, /health',
  async (page) => {
    await openPlayground(page, playground.url);
    await becomePerson(page, 'Chen Wei');
    await openFromMenu(page, /^\W*general\b/);
    await expectToFit(page, 'an empty channel, its composer and the clock');

    await typeAndSend(page, 'The release notes: https://example.com/releases/2026/the-long-awaited-one');
    await typeAndSend(page, '/kudos @ben @ana for the calm, careful release and its very thorough notes');
    await messagesWith(page, /gave kudos/).waitFor();
    await expectToFit(page, 'the channel with messages and a kudos');

    // A stand-up, then the form again: it now picks among the channel's rituals.
    await typeAndSend(page, '/rituals');
    const form = page.getByRole('dialog', { name: 'New ritual' });
    await form.getByRole('button', { name: 'Create' }).click();
    await form.waitFor({ state: 'detached' });
    await typeAndSend(page, '/rituals');
    const again = page.getByRole('dialog');
    await again.getByRole('combobox').first().waitFor();
    await expectToFit(page, 'the /rituals form with a ritual in the channel');
    await again.getByRole('button', { name: 'Close' }).first().click();
    await again.waitFor({ state: 'detached' });

    await openFromMenu(page, /Rapport · Home/);
    await page.getByRole('heading', { level: 1, name: 'Rapport' }).waitFor();
    await page.locator('.home').waitFor();
    await expectToFit(page, 'the Home tab');

    // Chen is in Singapore: the first stand-up prompt of the day is Chen's.
    await openFromMenu(page, /Rapport · Messages/);
    const prompt = messagesWith(page, /Stand-up for/);
    await nextRitualUntil(page, async () => (await prompt.count()) > 0);
    await expectToFit(page, 'the stand-up prompt in Messages');
    await prompt.getByRole('button', { name: 'Answer' }).click();
    const answer = page.getByRole('dialog', { name: 'Stand-up' });
    await answer.waitFor();
    await expectToFit(page, 'the stand-up form');
    await answer.getByRole('button', { name: 'Close' }).first().click();
    await answer.waitFor({ state: 'detached' });

    await openFromMenu(page, /^\W*general\b/);
    await typeAndSend(page, '/retro The quarter that was');
    const retro = messagesWith(page, /Retro: The quarter that was/).first();
    await retro.waitFor();
    await expectToFit(page, 'a retro in the channel');
    await retro.getByRole('button', { name: 'Add a note' }).click();
    const note = page.getByRole('dialog');
    await note.waitFor();
    await expectToFit(page, 'the retro note form');
    await note.getByRole('button', { name: 'Close' }).first().click();
    await note.waitFor({ state: 'detached' });

    await typeAndSend(page, '/health');
    await messagesWith(page, 'Only visible to you')
      .filter({ hasText: /health/i })
      .first()
      .waitFor();
    await expectToFit(page, 'the /health answer');
  },
  { viewport: PHONE, timeoutMs: 120_000 },
);
