import { chromium } from 'playwright-core';

/** Where Chromium is: CHROMIUM_PATH, else Debian's package (the Docker image installs it there). */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The HTML report printed to PDF by headless Chromium (through playwright-core), so the PDF is the
 * HTML page exactly, not a second drawing of it. A4, with the page's own margins.
 */
export async function renderPdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: chromiumPath() });
  try {
    const page = await browser.newPage();
    // Nothing to fetch: the page is self-contained (the chart is inline).
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
