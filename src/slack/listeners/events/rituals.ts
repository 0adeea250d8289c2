import type { App } from '@slack/bolt';
import type { RitualsService } from '../../../rituals/rituals-service.js';

/**
 * People joining and leaving a channel join and leave its rituals that follow the channel's
 * members (named participants stay as named).
 */
export function registerMembershipEvents(app: App, deps: { rituals: RitualsService }): void {
  app.event('member_joined_channel', async ({ event, body, context }) => {
    await deps.rituals.memberJoined(context.teamId ?? body.team_id, event.channel, event.user);
  });
  app.event('member_left_channel', async ({ event, body, context }) => {
    await deps.rituals.memberLeft(context.teamId ?? body.team_id, event.channel, event.user);
  });
}
