import { randomBytes } from 'node:crypto';
import { installKeyOf } from '../slack/installations/installation-store.js';
import type { BotTokens } from '../slack/installations/bot-tokens.js';
import { installByOAuth, type OAuthAppSettings, type SlackStandIn } from '../slack-emulator/index.js';

/**
 * The playground runs Rapport as a distributed Slack app, installed by OAuth in each workspace
 * that wants it (README, "An alliance between two organisations"): its client id, secret, state
 * secret and encryption key are made afresh at each start, and the stand-in's Slack knows the app
 * by the same id, secret and redirect URL.
 */
export function playgroundOAuthApp(url: string) {
  const secret = () => randomBytes(24).toString('hex');
  const clientId = `${String(Date.now())}.${randomBytes(6).readUIntBE(0, 6).toString()}`;
  const clientSecret = secret();
  const redirectUri = `${url}/slack/oauth_redirect`;
  const registered: OAuthAppSettings = { clientId, clientSecret, redirectUrls: [redirectUri] };
  return {
    registered,
    env: {
      SLACK_CLIENT_ID: clientId,
      SLACK_CLIENT_SECRET: clientSecret,
      SLACK_STATE_SECRET: secret(),
      SLACK_SIGNING_SECRET: secret(),
      SLACK_REDIRECT_URI: redirectUri,
      RAPPORT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    },
  };
}

/** Which of the playground's workspaces have installed Rapport, and installing it in one. */
export class PlaygroundInstalls {
  constructor(
    private readonly slack: SlackStandIn,
    private readonly appUrl: string,
    private readonly botTokens: BotTokens,
  ) {}

  isInstalled(teamId: string): boolean {
    return this.slack.installedTeams.has(teamId);
  }

  /**
   * An admin of `teamId` installs Rapport as in Slack: the app's install page, "Allow" on Slack's
   * authorize page, and back to the app's redirect URL, where Bolt's InstallProvider exchanges the
   * code (oauth.v2.access) and keeps the installation.
   */
  async install(teamId: string, admin?: string): Promise<void> {
    const teamName = this.slack.teams.get(teamId) ?? teamId;
    const back = await installByOAuth(this.appUrl, this.slack.installs, {
      teamId,
      teamName,
      ...(admin ? { userId: admin } : {}),
    });
    if (back.status !== 200) {
      const reason = /<p>([^<]*)<\/p>/.exec(back.html)?.[1] ?? `status ${String(back.status)}`;
      throw new Error(`installing Rapport in ${teamName} did not finish: ${reason}`);
    }
  }

  /** Every token the stand-in issued stops working, and the app forgets the ones it remembered. */
  revokeAll(): void {
    for (const teamId of [...this.slack.installedTeams]) {
      this.slack.uninstall(teamId);
      this.botTokens.forget(installKeyOf({ teamId }));
    }
  }
}
