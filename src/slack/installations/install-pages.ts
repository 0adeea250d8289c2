import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Installation } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { slackErrorCode } from '../errors.js';

/** What a person sees at /slack/oauth_redirect: Bolt's InstallProvider calls these when it is done. */
export type InstallCallbacks = {
  success(installation: Installation, options: unknown, req: IncomingMessage, res: ServerResponse): void;
  failure(
    error: Error & { code?: string },
    options: unknown,
    req: IncomingMessage,
    res: ServerResponse,
  ): void;
};

/**
 * Why an install did not finish, in words for the admin who tried: a state that is missing, expired
 * or from another browser (InstallProvider checks it against its signed cookie), a code Slack
 * refused (used twice, or expired), or a redirect URL Slack does not know. Each is the admin's to
 * retry, so it is a 400; only our own failures (the database) are a 503.
 */
const REASONS: Record<string, string> = {
  slack_oauth_missing_state:
    'The link had no state. Start again from the install page, in this same browser.',
  slack_oauth_invalid_state:
    'The link has expired or was opened in another browser than the install page. Start again from the install page, in this same browser.',
  slack_oauth_missing_code: 'Slack sent no authorisation code. Start again from the install page.',
  invalid_code:
    'Slack did not accept the authorisation code (it was already used, or expired). Start again from the install page.',
  bad_redirect_uri:
    "Slack refused the redirect URL: SLACK_REDIRECT_URI must be one of the app's Redirect URLs in OAuth & Permissions.",
  invalid_client_id: "Slack refused the app's credentials: check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.",
  bad_client_secret: "Slack refused the app's credentials: check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.",
  access_denied: 'The install was cancelled in Slack.',
};

export function installCallbacks(log: Logger, installPath: string): InstallCallbacks {
  const installLog = log.child({ component: 'install' });
  return {
    success(installation, _options, _req, res) {
      const where = installation.isEnterpriseInstall
        ? { enterpriseId: installation.enterprise?.id }
        : { teamId: installation.team?.id, enterpriseId: installation.enterprise?.id };
      installLog.info(where, 'Rapport was installed');
      const name = installation.isEnterpriseInstall
        ? (installation.enterprise?.name ?? 'your organisation')
        : (installation.team?.name ?? 'your workspace');
      const open =
        !installation.isEnterpriseInstall && installation.team?.id && installation.appId
          ? `slack://app?team=${encodeURIComponent(installation.team.id)}&id=${encodeURIComponent(installation.appId)}`
          : 'slack://open';
      page(
        res,
        200,
        'Rapport is installed',
        `Rapport is installed in ${escapeHtml(name)}.`,
        `<a href="${escapeHtml(open)}">Open Slack</a>`,
      );
    },
    failure(error, _options, _req, res) {
      const code = slackErrorCode(error) ?? error.code ?? 'unknown';
      const reason = REASONS[code];
      installLog.warn({ reason: code }, 'an install did not finish');
      page(
        res,
        reason ? 400 : 503,
        'Rapport was not installed',
        reason ?? 'Rapport could not finish the install just now. Try again in a moment.',
        `<a href="${escapeHtml(installPath)}">Start again</a>`,
      );
    },
  };
}

function page(res: ServerResponse, status: number, title: string, text: string, link: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><h1>${escapeHtml(title)}</h1><p>${text}</p><p>${link}</p></body></html>`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
