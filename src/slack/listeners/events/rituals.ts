import type { App } from '@slack/bolt';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import { eventRecords, type RecordSetDeps } from '../record-set.js';

/**
 * People joining and leaving a channel join and leave its rituals that follow the channel's
 * members (named participants stay as named).
 */
export function registerMembershipEvents(app: App, deps: { rituals: RitualsService } & RecordSetDeps): void {
  app.event('member_joined_channel', async ({ event, body, context }) => {
    const teamId = await eventRecords(deps, context, body, event.channel);
    if (teamId !== undefined) await deps.rituals.memberJoined(teamId, event.channel, event.user);
  });
  app.event('member_left_channel', async ({ event, body, context }) => {
    const teamId = await eventRecords(deps, context, body, event.channel);
    if (teamId !== undefined) await deps.rituals.memberLeft(teamId, event.channel, event.user);
  });
}
