import { randomBytes } from 'node:crypto';

/**
 * Installs by OAuth, as Slack runs them for a distributed app: its authorize page, oauth.v2.access
 * (code exchange and token rotation), and the tokens it has issued. Sources beside each rule:
 * docs.slack.dev/reference/methods/oauth.v2.access ("Arguments", "Errors"), docs.slack.dev/
 * authentication/installing-with-oauth, docs.slack.dev/authentication/using-token-rotation, and
 * the fixtures ../shared/slack-fixtures/web-api/openapi-examples/oauth.v2.access.ok.json and
 * web-api/java-samples/oauth.v2.access.json (refresh_token, expires_in, is_enterprise_install).
 */

/** The app's OAuth settings as Slack holds them (Basic Information; OAuth & Permissions). */
export type OAuthAppSettings = {
  clientId: string;
  clientSecret: string;
  /** OAuth & Permissions → Redirect URLs. */
  redirectUrls: string[];
  /** OAuth & Permissions → Advanced token security via token rotation. */
  tokenRotation?: boolean;
  /** How long a rotating token lives: 12 hours at Slack (using-token-rotation: expires_in 43200). */
  tokenLifetimeS?: number;
};

/** Who installs, on Slack's authorize page: a workspace, or a Grid organisation org-wide. */
export type Installer = {
  teamId?: string;
  teamName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** An org-wide install on Enterprise Grid: stored by enterprise id, no team. */
  orgWide?: boolean;
  userId?: string;
};

/** A token Slack issued; `revoked` once the app is uninstalled or its tokens revoked. */
export type IssuedToken = {
  kind: 'bot' | 'refresh';
  teamId: string | undefined;
  teamName: string | undefined;
  enterpriseId: string | undefined;
  enterpriseName: string | undefined;
  isEnterpriseInstall: boolean;
  botUserId: string;
  scope: string;
  /** Wall-clock ms; a rotating token is refused after it (token_expired). */
  expiresAt?: number;
  revoked?: boolean;
};

type Grant = { installer: Installer; scope: string; redirectUri: string | undefined; used: boolean };

type Refusal = { ok: false; error: string };

export class StandInInstalls {
  app: OAuthAppSettings | undefined;
  readonly tokens = new Map<string, IssuedToken>();
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly appId: string,
    private readonly botUserIdOf: (installer: Installer) => string,
  ) {}

  /**
   * An admin clicks "Allow" on Slack's authorize page (/oauth/v2/authorize) opened from the app's
   * install link: Slack checks the client_id and that redirect_uri is one of the app's Redirect
   * URLs (installing-with-oauth, "Asking for scopes"), then sends the browser to the redirect URL
   * with a one-time `code` and the app's `state`. Returns that URL.
   */
  approve(authorizeUrl: string, installer: Installer): string {
    const app = this.app;
    const url = new URL(authorizeUrl);
    if (!app || url.searchParams.get('client_id') !== app.clientId) throw new Error('invalid_client_id');
    const asked = url.searchParams.get('redirect_uri') ?? undefined;
    if (asked !== undefined && !app.redirectUrls.includes(asked)) throw new Error('bad_redirect_uri');
    const target = asked ?? app.redirectUrls[0];
    if (!target) throw new Error('no_redirect_url');
    const code = `${Date.now()}.${randomBytes(16).toString('hex')}`;
    this.grants.set(code, {
      installer,
      scope: url.searchParams.get('scope') ?? '',
      redirectUri: asked,
      used: false,
    });
    const back = new URL(target);
    back.searchParams.set('code', code);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return back.toString();
  }

  /** oauth.v2.access, answered as Slack does; `basic` is the HTTP Basic credentials, if sent. */
  access(args: Record<string, unknown>, basic: { id: string; secret: string } | undefined) {
    const app = this.app;
    // "If possible, avoid sending client_id and client_secret as parameters … supply [them] using
    // the HTTP Basic authentication scheme" (oauth.v2.access, Arguments): either is accepted.
    const clientId = basic?.id ?? str(args.client_id);
    const clientSecret = basic?.secret ?? str(args.client_secret);
    // Errors: invalid_client_id "Value passed for client_id was invalid.", bad_client_secret
    // "Value passed for client_secret was invalid."
    if (!app || clientId !== app.clientId) return refuse('invalid_client_id');
    if (clientSecret !== app.clientSecret) return refuse('bad_client_secret');
    const grantType = str(args.grant_type) ?? 'authorization_code';
    if (grantType === 'refresh_token') return this.refresh(str(args.refresh_token));
    // invalid_grant_type "Value passed for grant_type was invalid."
    if (grantType !== 'authorization_code') return refuse('invalid_grant_type');
    const code = str(args.code);
    const grant = code === undefined ? undefined : this.grants.get(code);
    // invalid_code "Value passed for code was invalid." A code is exchanged once.
    if (!grant || grant.used) return refuse('invalid_code');
    // bad_redirect_uri: redirect_uri "must match the originally submitted URI (if one was sent)".
    if (grant.redirectUri !== undefined && str(args.redirect_uri) !== grant.redirectUri) {
      return refuse('bad_redirect_uri');
    }
    grant.used = true;
    const { installer } = grant;
    const isEnterpriseInstall = installer.orgWide === true;
    const issued: Omit<IssuedToken, 'kind'> = {
      teamId: isEnterpriseInstall ? undefined : installer.teamId,
      teamName: installer.teamName,
      enterpriseId: installer.enterpriseId,
      enterpriseName: installer.enterpriseName,
      isEnterpriseInstall,
      botUserId: this.botUserIdOf(installer),
      scope: grant.scope,
    };
    return {
      ok: true as const,
      ...this.issue(issued),
      authed_user: { id: installer.userId ?? 'U0INSTALLER' },
    };
  }

  /**
   * Token rotation (using-token-rotation): oauth.v2.access with grant_type=refresh_token and the
   * xoxe- refresh token answers a new access token, a new refresh token and expires_in.
   */
  private refresh(refreshToken: string | undefined) {
    const known = refreshToken === undefined ? undefined : this.tokens.get(refreshToken);
    if (!known || known.kind !== 'refresh' || known.revoked) return refuse('invalid_refresh_token');
    const { kind: _kind, expiresAt: _expiresAt, ...installation } = known;
    return { ok: true as const, ...this.issue(installation) };
  }

  /** A new bot token (and, with rotation, its refresh token), in oauth.v2.access's shape. */
  private issue(installation: Omit<IssuedToken, 'kind'>) {
    const app = this.app as OAuthAppSettings;
    const serial = randomBytes(12).toString('hex');
    const rotating = app.tokenRotation === true;
    const lifetimeS = app.tokenLifetimeS ?? 43_200;
    // Rotating access tokens are xoxe.xoxb-, their refresh tokens xoxe- (using-token-rotation).
    const accessToken = `${rotating ? 'xoxe.' : ''}xoxb-${installation.teamId ?? installation.enterpriseId}-${serial}`;
    this.tokens.set(accessToken, {
      ...installation,
      kind: 'bot',
      ...(rotating ? { expiresAt: Date.now() + lifetimeS * 1000 } : {}),
    });
    const refreshToken = rotating ? `xoxe-1-${randomBytes(16).toString('hex')}` : undefined;
    if (refreshToken) this.tokens.set(refreshToken, { ...installation, kind: 'refresh' });
    return {
      app_id: this.appId,
      access_token: accessToken,
      token_type: 'bot',
      scope: installation.scope,
      bot_user_id: installation.botUserId,
      team: installation.teamId
        ? { id: installation.teamId, name: installation.teamName ?? installation.teamId }
        : null,
      enterprise: installation.enterpriseId
        ? { id: installation.enterpriseId, name: installation.enterpriseName ?? installation.enterpriseId }
        : null,
      is_enterprise_install: installation.isEnterpriseInstall,
      ...(refreshToken ? { refresh_token: refreshToken, expires_in: lifetimeS } : {}),
    };
  }

  /**
   * Why Slack refuses a call with this issued token, if it does: token_revoked "Authentication
   * token is for a deleted user or workspace or the app has been removed", token_expired for a
   * rotating token past its expiry (using-token-rotation), invalid_auth for a refresh token.
   */
  refusalOf(token: string): string | undefined {
    const issued = this.tokens.get(token);
    if (!issued || issued.kind !== 'bot') return 'invalid_auth';
    if (issued.revoked) return 'token_revoked';
    if (issued.expiresAt !== undefined && Date.now() >= issued.expiresAt) return 'token_expired';
    return undefined;
  }

  /** The app is uninstalled (or its tokens revoked): every token of that installation stops working. */
  revoke(where: { teamId?: string; enterpriseId?: string }): string[] {
    const revoked: string[] = [];
    for (const [token, issued] of this.tokens) {
      const match = where.teamId
        ? issued.teamId === where.teamId
        : issued.isEnterpriseInstall && issued.enterpriseId === where.enterpriseId;
      if (match && !issued.revoked) {
        issued.revoked = true;
        revoked.push(token);
      }
    }
    return revoked;
  }

  /** The bot tokens issued for a workspace (or an org-wide install), oldest first. */
  botTokensOf(where: { teamId?: string; enterpriseId?: string }): string[] {
    return [...this.tokens]
      .filter(
        ([, t]) =>
          t.kind === 'bot' &&
          (where.teamId
            ? t.teamId === where.teamId
            : t.isEnterpriseInstall && t.enterpriseId === where.enterpriseId),
      )
      .map(([token]) => token);
  }
}

const refuse = (error: string): Refusal => ({ ok: false, error });
const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
