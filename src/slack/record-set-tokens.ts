import type { Database } from '../db/database.js';
import { getSharing, homeTeamOf, isChannelSet } from '../db/repos/shared-channels.js';

/** Where a call goes, when it matters which installation makes it: a person's DM. */
export type TokenHint = { conversation?: string };
export type RecordSetTokenFor = (teamId: string, hint?: TokenHint) => Promise<string | undefined>;

/**
 * The bot token for a record set (`bot-tokens.ts` chooses among installations; this chooses the
 * installation). A workspace's set uses its own installation. A shared channel's set uses an
 * installation of a workspace the channel is shared with, always the same one while the installs
 * stay as they are, so that a message is edited by the bot that posted it: the host's, else the
 * first installed by team id. A DM to a person goes through their own workspace's installation
 * when it has one, as Slack lets an app DM the people of the workspace that installed it; if one
 * organisation uninstalls Rapport, the other's installation carries the channel on.
 */
export function recordSetTokens(
  db: Database,
  botTokenFor: (teamId: string) => Promise<string | undefined>,
): RecordSetTokenFor {
  return async (teamId, hint) => {
    if (!isChannelSet(teamId)) return botTokenFor(teamId);
    const sharing = await getSharing(db, teamId);
    if (!sharing) return undefined;
    const host = sharing.host_team_id;
    const ordered = [...sharing.team_ids].sort((a, b) => Number(b === host) - Number(a === host));
    const person =
      hint?.conversation && /^[UW][A-Z0-9]+$/.test(hint.conversation) ? hint.conversation : undefined;
    // Their profile, as the channel's set or one of its workspaces saw it (a partner's person is
    // often looked up through their own workspace, as they join or answer).
    const own = person ? await homeTeamOf(db, [teamId, ...sharing.team_ids], person) : undefined;
    for (const team of own && ordered.includes(own) ? [own, ...ordered.filter((t) => t !== own)] : ordered) {
      const token = await botTokenFor(team);
      if (token !== undefined) return token;
    }
    return undefined;
  };
}
