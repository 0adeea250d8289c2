import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { PARTNER_TEAM_ID } from '../../src/playground/workspace.js';
import type { OAuthAppSettings } from '../../src/slack-emulator/index.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { followRedirect, install, OAUTH_ENV, openInstallPage, registerApp } from '../helpers/oauth.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const GLOBEX = { teamId: PARTNER_TEAM_ID, teamName: 'Globex', userId: 'U0ELICOHE1' };
const DANA = 'U0DANAKOW1';
const ELI = 'U0ELICOHE1';
const SHARED = 'C0ALLIANCE';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: OAUTH_ENV });
  registerApp(t);
  t.slack.addUser({ id: DANA, name: 'dana', team_id: PARTNER_TEAM_ID });
  t.slack.addUser({ id: ELI, name: 'eli', team_id: PARTNER_TEAM_ID });
});
afterAll(() => t.close());
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
  t.app.botTokens.forget(`T:${PARTNER_TEAM_ID}`);
  t.app.botTokens.forget('E:E0ACMEORG1');
  registerApp(t);
});

const installations = () =>
  t.database.db.query(
    `select install_key, team_id, enterprise_id, is_enterprise_install, bot_user_id, bot_token,
            bot_refresh_token, bot_token_expires_at
     from slack_installations order by install_key`,
    [],
    z.object({
      install_key: z.string(),
      team_id: z.string().nullable(),
      enterprise_id: z.string().nullable(),
      is_enterprise_install: z.boolean(),
      bot_user_id: z.string().nullable(),
      bot_token: z.string().nullable(),
      bot_refresh_token: z.string().nullable(),
      bot_token_expires_at: z.date().nullable(),
    }),
  );

const kudos = (teamId: string, from: string, to: string) =>
  t.requests.command({
    team_id: teamId,
    user_id: from,
    channel_id: SHARED,
    text: `<@${to}|someone> for the partner review`,
  });

describe('/slack/install', () => {
  test('gives an "Add to Slack" link to Slack’s authorize page, with the scopes and a state kept in a cookie', async () => {
    const page = await openInstallPage(t);
    expect(page.status).toBe(200);
    const url = new URL(page.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${t.slack.baseUrl}/oauth/v2/authorize`);
    expect(url.searchParams.get('client_id')).toBe(OAUTH_ENV.SLACK_CLIENT_ID);
    expect(url.searchParams.get('scope')?.split(',')).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read', 'team:read']),
    );
    const state = url.searchParams.get('state');
    expect(state).toBeTruthy();
    expect(page.stateCookie).toBe(`slack-app-oauth-state=${state}`);
  });

  test('a POST is refused, not served', async () => {
    const res = await fetch(`${t.url}/slack/install`, { method: 'POST' });
    expect(res.status).toBe(405);
  });
});

describe('an install by OAuth, end to end', () => {
  test('stores an encrypted installation; that workspace’s commands then run with its own token', async () => {
    const done = await install(t, GLOBEX);
    expect(done.status).toBe(200);
    expect(done.html).toContain('Rapport is installed in Globex');

    const [token, ...more] = t.slack.installs.botTokensOf({ teamId: PARTNER_TEAM_ID });
    expect(token).toMatch(/^xoxb-/);
    expect(more).toEqual([]);
    expect(t.slack.installedTeams.has(PARTNER_TEAM_ID)).toBe(true);
    // InstallProvider exchanged the code, then checked the new token (auth.test).
    expect(t.slack.callsTo('oauth.v2.access')).toHaveLength(1);
    expect(t.slack.callsTo('auth.test').map((c) => c.token)).toEqual([token]);

    const [row, ...others] = await installations();
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      install_key: `T:${PARTNER_TEAM_ID}`,
      team_id: PARTNER_TEAM_ID,
      is_enterprise_install: false,
      bot_user_id: expect.stringMatching(/^U0BOT/),
      bot_refresh_token: null,
    });
    expect(row?.bot_token).toMatch(/^rk1:/);
    expect(row?.bot_token).not.toContain(token);

    t.slack.resetCalls();
    const res = await kudos(PARTNER_TEAM_ID, DANA, ELI);
    expect(res.status).toBe(200);
    const kudosRows = await t.database.db.query(
      'select team_id, giver_id, receiver_id from kudos',
      [],
      z.object({ team_id: z.string(), giver_id: z.string(), receiver_id: z.string() }),
    );
    expect(kudosRows).toEqual([{ team_id: PARTNER_TEAM_ID, giver_id: DANA, receiver_id: ELI }]);
    // The directory (users.info) and the outbox (the announcement) used Globex's token.
    await t.slack.waitFor(() => t.slack.callsTo('chat.postMessage').length > 0);
    const calls = t.slack.calls.filter((c) => c.method !== 'oauth.v2.access');
    expect(calls.length).toBeGreaterThan(1);
    expect(new Set(calls.map((c) => c.token))).toEqual(new Set([token]));
  });

  test('the single-token workspace is not served by OAuth mode without an installation', async () => {
    const res = await kudos(TEAM_ID, DANA, ELI);
    // Answered (so Slack does not retry), and nothing is done nor sent.
    expect(res.status).toBe(200);
    expect(
      await t.database.db.query('select 1 as one from kudos', [], z.object({ one: z.number() })),
    ).toEqual([]);
    expect(t.slack.calls).toEqual([]);
  });
});

describe('a redirect that is not the one Rapport sent', () => {
  test('a forged state, a missing state, or no state cookie: a clear page, never a 5xx, nothing stored', async () => {
    const page = await openInstallPage(t);
    const back = new URL(t.slack.installs.approve(page.authorizeUrl, GLOBEX));
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged');
    const cases = [
      await followRedirect(forged.toString(), page.stateCookie),
      await followRedirect(back.toString(), undefined),
      await followRedirect(
        `${t.url}/slack/oauth_redirect?code=${back.searchParams.get('code')}`,
        page.stateCookie,
      ),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400]);
    expect(cases[0]?.html).toContain('opened in another browser');
    expect(cases[1]?.html).toContain('opened in another browser');
    expect(cases[2]?.html).toContain('had no state');
    expect(await installations()).toEqual([]);
    expect(t.slack.callsTo('oauth.v2.access')).toEqual([]);
  });

  test('a code used twice is refused by Slack and told as such', async () => {
    const page = await openInstallPage(t);
    const back = t.slack.installs.approve(page.authorizeUrl, GLOBEX);
    expect((await followRedirect(back, page.stateCookie)).status).toBe(200);
    // The browser sends the same redirect again (a reload): the state is still valid, the code is not.
    const again = await followRedirect(back, page.stateCookie);
    expect(again.status).toBe(400);
    expect(again.html).toContain('already used');
    expect(t.slack.callsTo('oauth.v2.access').map((c) => c.method)).toHaveLength(2);
    expect(t.slack.refusals).toContainEqual({ method: 'oauth.v2.access', error: 'invalid_code' });
  });

  test('wrong app credentials: Slack refuses the exchange, the admin is told to check them', async () => {
    const page = await openInstallPage(t);
    const back = t.slack.installs.approve(page.authorizeUrl, GLOBEX);
    registerApp(t);
    t.slack.installs.app = {
      ...(t.slack.installs.app as OAuthAppSettings),
      clientSecret: 'rotated-in-slack',
    };
    const res = await followRedirect(back, page.stateCookie);
    expect(res.status).toBe(400);
    expect(res.html).toContain('check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET');
    expect(t.slack.refusals).toContainEqual({ method: 'oauth.v2.access', error: 'bad_client_secret' });
    expect(await installations()).toEqual([]);
  });
});

describe('Enterprise Grid', () => {
  const ORG = 'E0ACMEORG1';
  const WORKSPACE = 'T0ACMEWS01';

  test('an org-wide install is stored by enterprise_id and serves each workspace of the organisation', async () => {
    const done = await install(t, {
      enterpriseId: ORG,
      enterpriseName: 'Acme',
      orgWide: true,
      userId: 'U0ACMEADM1',
    });
    expect(done.status).toBe(200);
    expect(await installations()).toEqual([
      expect.objectContaining({
        install_key: `E:${ORG}`,
        team_id: null,
        enterprise_id: ORG,
        is_enterprise_install: true,
      }),
    ]);
    const [token] = t.slack.installs.botTokensOf({ enterpriseId: ORG });
    expect(token).toMatch(/^xoxb-/);
    expect(await t.app.botTokens.botTokenFor(WORKSPACE, ORG)).toBe(token);

    // A command from a workspace of the organisation, as Slack sends it for an org-wide install.
    t.slack.addUser({ id: 'U0ACMEAN01', name: 'an', team_id: WORKSPACE });
    t.slack.addUser({ id: 'U0ACMEBO01', name: 'bo', team_id: WORKSPACE });
    t.slack.resetCalls();
    const body = new URLSearchParams(
      t.requests.commandBody({
        team_id: WORKSPACE,
        user_id: 'U0ACMEAN01',
        channel_id: 'C0ACME0001',
        text: '<@U0ACMEBO01|bo> for the rollout',
      }),
    );
    body.set('enterprise_id', ORG);
    body.set('is_enterprise_install', 'true');
    const res = await t.requests.post(body.toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const infos = t.slack.callsTo('users.info');
    expect(infos.length).toBeGreaterThan(0);
    expect(new Set(infos.map((c) => c.token))).toEqual(new Set([token]));
  });
});
