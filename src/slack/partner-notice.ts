import type { Database } from '../db/database.js';
import { getSharing, recordSetsOf } from '../db/repos/shared-channels.js';
import { teamNamesOf } from '../db/repos/team-names.js';
import type { Outbox } from './outbox.js';
import {
  installationGoneNotice,
  type InstallLink,
  type Partner,
  partnerNotice,
  partnerNoticeText,
} from './views/alliance/partner-notice.js';

/**
 * Telling a shared channel that an organisation in it has not installed Rapport: what its members
 * can do already, and how their admin installs it to use the commands.
 */
export type PartnerNotices = {
  /** Says it in the channel, once for each set of partners without an install. */
  tellChannel(recordSet: string, channelId: string, installedVia: string): Promise<void>;
  /** The words, for a reply to whoever asked (`/health sides`); undefined when nobody is missing. */
  noteFor(recordSet: string, channelId: string, installedVia: string): Promise<string | undefined>;
  /**
   * Tells each channel `teamId` shared, where another organisation's installation carries it on,
   * that `teamId` uninstalled Rapport: once per uninstall (`eventId`, however often Slack sends it).
   */
  tellUninstalled(teamId: string, eventId: string): Promise<void>;
};

export function createPartnerNotices(deps: {
  db: Database;
  outbox: Pick<Outbox, 'say'>;
  /** Which of these workspaces have Rapport installed (`via` has, by definition). */
  installedAmong: (teamIds: readonly string[], via: string) => Promise<Set<string>>;
  /** Asks Slack for workspaces' names not known yet (team.info), before they are shown. */
  refreshNames: (recordSet: string, teamIds: readonly string[]) => Promise<void>;
  /** Whether Rapport installs by OAuth, and its install page (`/slack/install`) when its address is known. */
  install: InstallLink;
}): PartnerNotices {
  /** The channel's workspaces that have not installed Rapport, with their names. */
  const partnersOf = async (recordSet: string, channelId: string, via: string): Promise<Partner[]> => {
    if (recordSet !== channelId) return [];
    const sharing = await getSharing(deps.db, channelId);
    if (!sharing?.is_shared) return [];
    const installed = await deps.installedAmong(sharing.team_ids, via);
    const missing = sharing.team_ids.filter((id) => !installed.has(id));
    if (missing.length === 0) return [];
    await deps.refreshNames(recordSet, missing);
    const names = await teamNamesOf(deps.db, recordSet, missing);
    return missing.map((teamId) => ({ teamId, name: names.get(teamId) ?? null }));
  };

  return {
    async tellChannel(recordSet, channelId, installedVia) {
      const partners = await partnersOf(recordSet, channelId, installedVia);
      if (partners.length === 0) return;
      const who = partners.map((p) => p.teamId).join(',');
      await deps.outbox.say([
        {
          teamId: recordSet,
          channelId,
          dedupeKey: `partner-install-note:${channelId}:${who}`,
          view: 'reply',
          data: partnerNotice(partners, deps.install),
        },
      ]);
    },
    async tellUninstalled(teamId, eventId) {
      const [, ...channels] = await recordSetsOf(deps.db, teamId);
      for (const channelId of channels) {
        const sharing = await getSharing(deps.db, channelId);
        if (!sharing) continue;
        const others = sharing.team_ids.filter((id) => id !== teamId);
        const carriers = [...(await deps.installedAmong(others, ''))].filter((id) => id !== '');
        if (carriers.length === 0) continue;
        await deps.refreshNames(channelId, [teamId, ...carriers]);
        const names = await teamNamesOf(deps.db, channelId, [teamId, ...carriers]);
        const partner = (id: string): Partner => ({ teamId: id, name: names.get(id) ?? null });
        await deps.outbox.say([
          {
            teamId: channelId,
            channelId,
            dedupeKey: `installation-gone:${channelId}:${eventId}`,
            view: 'reply',
            data: installationGoneNotice(partner(teamId), carriers.map(partner)),
          },
        ]);
      }
    },
    async noteFor(recordSet, channelId, installedVia) {
      const partners = await partnersOf(recordSet, channelId, installedVia);
      return partners.length === 0 ? undefined : partnerNoticeText(partners, deps.install);
    },
  };
}
