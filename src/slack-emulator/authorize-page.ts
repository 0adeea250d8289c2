import { escapeHtml } from './block-kit/escape.js';
import type { Installer, StandInInstalls } from './installs.js';

/** Where Slack's authorize page is, beside its Web API (https://slack.com/oauth/v2/authorize). */
export const AUTHORIZE_PATH = '/oauth/v2/authorize';

export type AuthorizeAnswer = { status: number; html?: string; location?: string };

/**
 * Slack's authorize page, where an admin who followed an app's "Add to Slack" link allows it into
 * a workspace (docs.slack.dev/authentication/installing-with-oauth, "Asking for scopes": the page
 * shows the scopes asked for and a workspace picker; on "Allow" Slack sends the browser to the
 * redirect URL with a one-time `code` and the app's `state`). In the stand-in the picker lists the
 * workspaces it knows, the first one without the app chosen; "Allow" is a form posted back here.
 * A link Slack cannot honour (an unknown client_id, a redirect_uri that is not one of the app's
 * Redirect URLs) is answered with an error page, never a redirect.
 */
export function authorizePage(input: {
  method: string;
  url: URL;
  form: URLSearchParams;
  installs: StandInInstalls;
  teams: ReadonlyMap<string, string>;
  installedTeams: ReadonlySet<string>;
}): AuthorizeAnswer {
  const { url, installs } = input;
  const teams = [...input.teams];
  if (input.method === 'POST') {
    const teamId = input.form.get('team') ?? '';
    const teamName = input.teams.get(teamId);
    if (!teamName) return errorPage(400, 'Choose a workspace to install the app in.');
    const installer: Installer = { teamId, teamName, userId: input.form.get('user') ?? undefined };
    try {
      return { status: 302, location: installs.approve(url.toString(), installer) };
    } catch (error) {
      return errorPage(400, `Slack cannot install this app: ${(error as Error).message}.`);
    }
  }
  if (input.method !== 'GET') return errorPage(405, 'Method not allowed.');
  const app = installs.app;
  if (!app || url.searchParams.get('client_id') !== app.clientId) {
    return errorPage(400, 'Slack cannot install this app: invalid_client_id.');
  }
  const chosen = teams.find(([id]) => !input.installedTeams.has(id))?.[0] ?? teams[0]?.[0];
  const scopes = (url.searchParams.get('scope') ?? '').split(',').filter((s) => s !== '');
  const options = teams
    .map(
      ([id, name]) =>
        `<option value="${escapeHtml(id)}"${id === chosen ? ' selected' : ''}>${escapeHtml(name)}` +
        `${input.installedTeams.has(id) ? ' (installed)' : ''}</option>`,
    )
    .join('');
  return {
    status: 200,
    html: document(
      'Allow the app into your workspace',
      `<h1>Rapport is requesting permission to access a Slack workspace</h1>` +
        `<form method="post" action="${escapeHtml(url.pathname + url.search)}">` +
        `<p><label>Workspace <select name="team">${options}</select></label></p>` +
        `<p>What it will be able to view and do:</p>` +
        `<ul>${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>` +
        `<p><button type="submit">Allow</button></p></form>`,
    ),
  };
}

function errorPage(status: number, text: string): AuthorizeAnswer {
  return { status, html: document('Slack', `<h1>Something went wrong</h1><p>${escapeHtml(text)}</p>`) };
}

function document(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>${body}</body></html>`
  );
}
