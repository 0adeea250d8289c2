import type { Locator, Page } from 'playwright-core';

/** How long a person would reasonably wait to see the result of what they did. */
const PATIENCE_MS = 15_000;

/** Waits until `check` holds (the page polls its server, so results appear a moment later). */
export async function eventually(
  check: () => Promise<boolean>,
  what = 'the page never showed it',
): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * What a person does on the playground page, in the words they would use: who they are, which
 * channel they open, what they type. Tests read as the person's steps and check what they see.
 */
export async function openPlayground(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  // The open conversation's name shows once the page has the workspace's state.
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** Chooses who the page is, by full name ("Ben Okafor"), and waits until the page shows them. */
export async function becomePerson(page: Page, realName: string): Promise<void> {
  const picker = page.getByLabel('You are');
  const label = (await picker.locator('option').allTextContents()).find((t) => t.startsWith(`${realName} `));
  if (!label) throw new Error(`nobody called ${realName} is offered under "You are"`);
  await picker.selectOption({ label });
  await eventually(async () => (await selectedPerson(page)) === label);
}

/** The person "You are" shows, as its option reads ("Ana Lima (@ana) · Product lead"). */
export async function selectedPerson(page: Page): Promise<string> {
  return (await page.getByLabel('You are').locator('option:checked').textContent()) ?? '';
}

export async function openChannel(page: Page, name: string): Promise<void> {
  await sidebar(page)
    .getByRole('button', { name: new RegExp(`^\\W*${name}\\b`) })
    .click();
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
}

export function sidebar(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Channels and apps' });
}

/** Types into the message box and sends with Enter, as in Slack. */
export async function typeAndSend(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  // A command's suggestions close once a space follows its name; Enter then sends.
  await box.press('Enter');
  await eventually(async () => (await box.inputValue()) === '');
}

/** Messages and replies shown in the open conversation that contain `text`. */
export function messagesWith(page: Page, text: string | RegExp): Locator {
  return page.getByRole('article').filter({ hasText: text });
}
