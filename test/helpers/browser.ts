import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { projectPath } from '../../src/project-path.js';
import { type RunningPlayground, startPlayground } from '../../src/playground/start-playground.js';
import { capturingLogger } from './logs.js';

/** Where a failing browser test leaves a picture of the page (gitignored). */
export const SCREENSHOTS_DIR = projectPath('test-results', 'screenshots');
/** The page's compiled scripts, which `npm run build` writes (npm test builds before jest runs). */
const PAGE_SCRIPT = projectPath('dist', 'web', 'src', 'playground', 'web', 'main.js');
/** Long enough for a command's round trip through the app and the page's next poll. */
const SEEN_WITHIN_MS = 15_000;

export type BrowserPlayground = {
  readonly url: string;
  /** Forgets everything the last test did: channels, messages, rituals, the clock's log. */
  reset(): Promise<void>;
  /** Stops the playground and starts it again on the same data and port, as `npm start` would. */
  restart(): Promise<void>;
  /**
   * A test with its own browser page (desktop size unless a viewport is given). When it fails, the
   * page as it was is kept in test-results/screenshots/<test name>.png.
   */
  test(name: string, run: (page: Page) => Promise<void>, options?: PageTestOptions): void;
};

export type PageTestOptions = { viewport?: { width: number; height: number }; timeoutMs?: number };

/**
 * The real playground (app, embedded Postgres, Slack stand-in, page) on a free port, and Debian's
 * headless Chromium (CHROMIUM_PATH, else /usr/bin/chromium) to use it as a person would. Call once
 * per test file, at its top level.
 */
export function useBrowserPlayground(): BrowserPlayground {
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  const logs = capturingLogger({ level: 'info' });

  beforeAll(async () => {
    if (!existsSync(PAGE_SCRIPT)) throw new Error(`${PAGE_SCRIPT} is missing: run npm run build first`);
    dataDir = await mkdtemp(join(tmpdir(), 'rapport-browser-'));
    playground = await startPlayground({ dataDir, port: 0, log: logs.log, thread: 'main' });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const urlOf = () => {
    if (!playground) throw new Error('the playground has not started');
    return playground.url;
  };
  return {
    get url() {
      return urlOf();
    },
    async restart() {
      if (!playground || !dataDir) throw new Error('the playground has not started');
      const { port } = playground;
      await playground.close();
      playground = undefined;
      playground = await startPlayground({ dataDir, port, log: logs.log, thread: 'main' });
    },
    async reset() {
      const response = await fetch(`${urlOf()}/playground/api/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as: 'U0ANALIMA1' }),
      });
      expect(await response.json()).toEqual({ ok: true });
    },
    test(name, run, options = {}) {
      test(name, () => withPage(browser, name, run, options), options.timeoutMs ?? 90_000);
    },
  };
}

async function withPage(
  browser: Browser | undefined,
  name: string,
  run: (page: Page) => Promise<void>,
  options: PageTestOptions,
): Promise<void> {
  if (!browser) throw new Error('the browser did not start');
  const context: BrowserContext = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(SEEN_WITHIN_MS);
  const page = await context.newPage();
  try {
    await run(page);
  } catch (error) {
    await keepScreenshot(page, expect.getState().currentTestName ?? name);
    throw error;
  } finally {
    await context.close();
  }
}

async function keepScreenshot(page: Page, testName: string): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const file = join(SCREENSHOTS_DIR, `${testName.replace(/[^\w.-]+/g, '-').slice(0, 150)}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  process.stderr.write(`screenshot of the failing page: ${file}\n`);
}
