import type { App } from '@slack/bolt';
import { installedTeam, type RecordSetDeps } from '../record-set.js';

/**
 * A channel shared with another organisation, or no longer shared with one: Rapport asks Slack who
 * is in it now, so the channel's records become one set at once (and a workspace that left reaches
 * them no more). channel_shared (https://docs.slack.dev/reference/events/channel_shared) is sent
 * when a channel becomes shared or another workspace joins it; channel_unshared
 * (https://docs.slack.dev/reference/events/channel_unshared) when one is removed.
 */
export function registerChannelSharingEvents(app: App, deps: RecordSetDeps): void {
  app.event('channel_shared', async ({ event, context }) => {
    await deps.records.relearn(installedTeam(context), event.channel);
  });
  app.event('channel_unshared', async ({ event, context }) => {
    await deps.records.relearn(installedTeam(context), event.channel);
  });
}
