import type { webApi } from '@slack/bolt';
import type { ChannelMembers } from '../rituals/participants.js';

/** A channel's members, read from Slack (conversations.members, every page), for the rituals. */
export function channelMembersFrom(client: Pick<webApi.WebClient, 'paginate'>): ChannelMembers {
  return async (channelId) => {
    const members: string[] = [];
    for await (const page of client.paginate('conversations.members', { channel: channelId, limit: 1000 })) {
      members.push(...(((page as { members?: string[] }).members ?? []) as string[]));
    }
    return members;
  };
}
