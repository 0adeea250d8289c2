import type { Installer, StandInInstalls } from './installs.js';

/**
 * What an admin's browser does to install an app by OAuth, for code that has no browser (the tests,
 * the playground's sample history): open the app's install page, keep its state cookie, follow
 * "Add to Slack" to Slack's authorize page, click "Allow" there (StandInInstalls.approve), and come
 * back to the app's redirect URL with the cookie.
 */
export type InstallPage = { status: number; authorizeUrl: string; stateCookie: string };

/** GET <app>/slack/install: the "Add to Slack" link and the state cookie the browser keeps. */
export async function openInstallPage(appUrl: string): Promise<InstallPage> {
  const res = await fetch(`${appUrl}/slack/install`);
  const html = await res.text();
  const href = /<a href="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { status: res.status, authorizeUrl: href.replaceAll('&amp;', '&'), stateCookie: cookie };
}

/** The browser comes back from Slack to the redirect URL, with the state cookie (or another). */
export async function followRedirect(url: string, cookie: string | undefined) {
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

/** The whole install, as an admin does it: the install page, "Allow" on Slack's page, the redirect. */
export async function installByOAuth(appUrl: string, installs: StandInInstalls, installer: Installer) {
  const page = await openInstallPage(appUrl);
  const back = installs.approve(page.authorizeUrl, installer);
  return followRedirect(back, page.stateCookie);
}
