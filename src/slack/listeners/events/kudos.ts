import type { App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { KudosService } from '../../../kudos/kudos-service.js';
import type { ReactionChange } from '../../../kudos/reaction-kudos.js';
import type { Outbox } from '../../outbox.js';
import { overBudgetReply } from '../../views/kudos/budget.js';
import { eventRecords, type RecordSetDeps } from '../record-set.js';

/**
 * Reactions can be kudos. The listener finishes storing before it returns, and the app answers
 * Slack only then (processBeforeResponse), so a failure here makes Slack retry instead of losing it.
 * A reaction over the reactor's daily budget stores nothing; they hear why, privately, in that channel.
 */
export function registerReactionEvents(
  app: App,
  deps: { kudos: KudosService; outbox: Outbox } & RecordSetDeps,
): void {
  app.event('reaction_added', async ({ event, body, context }) => {
    const teamId = await eventRecords(deps, context, body, itemChannel(event));
    if (teamId === undefined) return;
    const change = toChange(event, teamId, context.botUserId);
    const outcome = await deps.kudos.reactionAdded(change);
    if (outcome.kind === 'over_budget' && change.channelId) {
      // Once per reaction, however often Slack delivers it.
      const key = `kudos-over-budget:${change.channelId}:${change.messageTs ?? ''}:${change.reactorId}:${event.reaction}`;
      await deps.outbox.tellPrivately(
        { teamId: change.teamId, channelId: change.channelId, userId: change.reactorId },
        overBudgetReply(outcome.refusal),
        key,
      );
    }
  });
  app.event('reaction_removed', async ({ event, body, context }) => {
    const teamId = await eventRecords(deps, context, body, itemChannel(event));
    if (teamId === undefined) return;
    await deps.kudos.reactionRemoved(toChange(event, teamId, context.botUserId));
  });
}

type ReactionEvent = SlackEventMiddlewareArgs<'reaction_added' | 'reaction_removed'>['event'];

function itemChannel(event: ReactionEvent): string | undefined {
  return (event.item as { channel?: string }).channel;
}

function toChange(event: ReactionEvent, teamId: string, botUserId: string | undefined): ReactionChange {
  const item = event.item as { type: string; channel?: string; ts?: string };
  return {
    teamId,
    reactorId: event.user,
    authorId: event.item_user,
    botUserId,
    itemType: item.type,
    channelId: item.channel,
    messageTs: item.ts,
    reaction: event.reaction,
    eventTs: event.event_ts,
  };
}
