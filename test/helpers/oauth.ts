import { randomBytes } from 'node:crypto';
import {
  followRedirect,
  type Installer,
  installByOAuth,
  openInstallPage as openPage,
} from '../../src/slack-emulator/index.js';
import type { TestApp } from './test-app.js';

export const CLIENT_ID = '4242424242.1717171717';
export const CLIENT_SECRET = 'test-client-secret-2b8f0c6e1d';
export const STATE_SECRET = 'test-state-secret-5a9e3c7f1b2d4e6f';
/** A fixed RAPPORT_ENCRYPTION_KEY for tests (32 bytes, base64). */
export const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
export const newKey = () => randomBytes(32).toString('base64');

/** The environment of Rapport installed by OAuth (no SLACK_BOT_TOKEN). */
export const OAUTH_ENV = {
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: STATE_SECRET,
  RAPPORT_ENCRYPTION_KEY: ENCRYPTION_KEY,
};

/** The stand-in knows the app as Slack does: its credentials and its redirect URL at the test app. */
export function registerApp(t: TestApp, settings: { tokenRotation?: boolean; tokenLifetimeS?: number } = {}) {
  t.slack.installs.app = {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUrls: [`${t.url}/slack/oauth_redirect`],
    ...settings,
  };
}

/** GET /slack/install: the "Add to Slack" link and the state cookie the browser keeps. */
export const openInstallPage = (t: TestApp) => openPage(t.url);

export { followRedirect };

/** The whole install, as an admin does it: the install page, "Allow" on Slack's page, the redirect. */
export const install = (t: TestApp, installer: Installer) =>
  installByOAuth(t.url, t.slack.installs, installer);
