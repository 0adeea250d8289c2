import { expect, test } from '@jest/globals';
import { authorizePage } from '../../src/slack-emulator/authorize-page.js';
import { StandInInstalls } from '../../src/slack-emulator/installs.js';

const REDIRECT = 'http://localhost:3000/slack/oauth_redirect';

function setUp() {
  const installs = new StandInInstalls('A0RAPPORT', () => 'U0BOT');
  installs.app = { clientId: '42.17', clientSecret: 'shh', redirectUrls: [REDIRECT] };
  const teams = new Map([
    ['T0RAPPORT1', 'Northwind'],
    ['T0GLOBEX01', 'Globex & Co'],
  ]);
  const page = (method: string, query: Record<string, string>, form: Record<string, string> = {}) =>
    authorizePage({
      method,
      url: new URL(`http://127.0.0.1:9/oauth/v2/authorize?${new URLSearchParams(query).toString()}`),
      form: new URLSearchParams(form),
      installs,
      teams,
      installedTeams: new Set(['T0RAPPORT1']),
    });
  return { installs, page };
}

const LINK = { client_id: '42.17', scope: 'chat:write,commands', state: 's1', redirect_uri: REDIRECT };

test("Slack's authorize page offers the workspaces, the first without the app chosen, and the scopes asked for", () => {
  const { page } = setUp();
  const shown = page('GET', LINK);
  expect(shown.status).toBe(200);
  expect(shown.html).toContain('<option value="T0GLOBEX01" selected>Globex &amp; Co</option>');
  expect(shown.html).toContain('Northwind (installed)');
  expect(shown.html).toContain('<code>chat:write</code>');
  expect(shown.html).toContain('<code>commands</code>');
});

test('"Allow" sends the browser back to the redirect URL with a code, which oauth.v2.access exchanges once', () => {
  const { installs, page } = setUp();
  const allowed = page('POST', LINK, { team: 'T0GLOBEX01' });
  expect(allowed.status).toBe(302);
  const back = new URL(allowed.location ?? '');
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe('s1');
  const code = back.searchParams.get('code') ?? '';
  const args = { client_id: '42.17', client_secret: 'shh', code, redirect_uri: REDIRECT };
  expect(installs.access(args, undefined)).toMatchObject({
    ok: true,
    team: { id: 'T0GLOBEX01', name: 'Globex & Co' },
  });
  expect(installs.access(args, undefined)).toEqual({ ok: false, error: 'invalid_code' });
});

test('a link Slack cannot honour gets an error page, never a redirect', () => {
  const { page } = setUp();
  expect(page('GET', { ...LINK, client_id: '99.99' })).toEqual(expect.objectContaining({ status: 400 }));
  const badRedirect = page(
    'POST',
    { ...LINK, redirect_uri: 'https://evil.example/steal' },
    { team: 'T0GLOBEX01' },
  );
  expect(badRedirect).toEqual(expect.objectContaining({ status: 400 }));
  expect(badRedirect.html).toContain('bad_redirect_uri');
  expect(page('POST', LINK, { team: 'T0NOBODY' })).toEqual(expect.objectContaining({ status: 400 }));
  expect(page('DELETE', LINK).status).toBe(405);
  for (const answer of [page('GET', { ...LINK, client_id: '99.99' }), badRedirect]) {
    expect(answer.location).toBeUndefined();
  }
});
