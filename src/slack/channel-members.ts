import type { webApi } from '@slack/bolt';
import { RapportError } from '../errors.js';
import type { ChannelMembers } from '../rituals/participants.js';

/**
 * A channel's members, read from Slack (conversations.members, every page), for the rituals, with
 * the bot token of the workspace the ritual belongs to.
 */
export function channelMembersFrom(
  client: Pick<webApi.WebClient, 'paginate'>,
  botTokenFor: (teamId: string) => Promise<string | undefined>,
): ChannelMembers {
  return async (teamId, channelId) => {
    const token = await botTokenFor(teamId);
    if (!token) throw new RapportError('not_installed', `Rapport is not installed in workspace ${teamId}`);
    const members: string[] = [];
    for await (const page of client.paginate('conversations.members', {
      channel: channelId,
      limit: 1000,
      token,
    })) {
      members.push(...(((page as { members?: string[] }).members ?? []) as string[]));
    }
    return members;
  };
}
