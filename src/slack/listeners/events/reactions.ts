import type { App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { KudosService } from '../../../kudos/kudos-service.js';
import type { ReactionChange } from '../../../kudos/reaction-kudos.js';

/**
 * Reactions can be kudos. The listener finishes storing before it returns, and the app answers
 * Slack only then (processBeforeResponse), so a failure here makes Slack retry instead of losing it.
 */
export function registerReactionEvents(app: App, deps: { kudos: KudosService }): void {
  app.event('reaction_added', async ({ event, body, context }) => {
    await deps.kudos.reactionAdded(toChange(event, context.teamId ?? body.team_id));
  });
  app.event('reaction_removed', async ({ event, body, context }) => {
    await deps.kudos.reactionRemoved(toChange(event, context.teamId ?? body.team_id));
  });
}

type ReactionEvent = SlackEventMiddlewareArgs<'reaction_added' | 'reaction_removed'>['event'];

function toChange(event: ReactionEvent, teamId: string): ReactionChange {
  const item = event.item as { type: string; channel?: string; ts?: string };
  return {
    teamId,
    reactorId: event.user,
    authorId: event.item_user,
    itemType: item.type,
    channelId: item.channel,
    messageTs: item.ts,
    reaction: event.reaction,
    eventTs: event.event_ts,
  };
}
