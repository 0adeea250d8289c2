import type { App, InstallationStore } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { PartnerNotices } from '../../partner-notice.js';

/**
 * Installs by OAuth: when a workspace uninstalls Rapport (app_uninstalled) or revokes its tokens
 * (tokens_revoked), its installation and tokens are deleted at once, so nothing more is sent with
 * them. Bolt calls no authorize for these two events. Its people's records stay (see README,
 * "When a workspace uninstalls Rapport").
 */
export function registerInstallationEvents(
  app: App,
  deps: {
    installationStore: InstallationStore;
    log: Logger;
    partners: Pick<PartnerNotices, 'tellUninstalled'>;
  },
): void {
  const log = deps.log.child({ component: 'install' });
  const deleteInstallation = deps.installationStore.deleteInstallation?.bind(deps.installationStore);
  if (!deleteInstallation) return;

  app.event('app_uninstalled', async ({ context, body }) => {
    await deleteInstallation(queryOf(context));
    // A shared channel another organisation's installation carries on hears it, once.
    const teamId = context.teamId ?? context.enterpriseId;
    if (teamId) await deps.partners.tellUninstalled(teamId, body.event_id);
    log.info(
      { teamId: context.teamId, enterpriseId: context.enterpriseId },
      'Rapport was uninstalled; its tokens are deleted',
    );
  });

  app.event('tokens_revoked', async ({ event, context }) => {
    const query = queryOf(context);
    // Slack names the revoked tokens by their user: `bot` for the bot, `oauth` for people's grants.
    if ((event.tokens.bot ?? []).length > 0) await deleteInstallation(query);
    else for (const userId of event.tokens.oauth ?? []) await deleteInstallation({ ...query, userId });
    log.info(
      { teamId: context.teamId, enterpriseId: context.enterpriseId },
      'tokens were revoked and deleted',
    );
  });
}

function queryOf(context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }) {
  return context.isEnterpriseInstall
    ? { teamId: undefined, enterpriseId: context.enterpriseId as string, isEnterpriseInstall: true as const }
    : {
        teamId: context.teamId as string,
        enterpriseId: context.enterpriseId,
        isEnterpriseInstall: false as const,
      };
}
