import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { type Edge, tellFailure } from './tell-actor.js';

export type ActionArgs<A extends BlockAction = BlockButtonAction> = SlackActionMiddlewareArgs<A> &
  AllMiddlewareArgs;

/**
 * Wraps a block action (a button, a select): acknowledged first, always; a UserError is told to the
 * person privately; anything else is logged with the action and the person sees a plain apology.
 * Nothing is thrown back to Bolt, so Slack never gets a 5xx for a click.
 */
export function blockAction<A extends BlockAction = BlockButtonAction>(
  edge: Edge,
  handle: (args: ActionArgs<A>) => Promise<void>,
) {
  return async (args: ActionArgs<A>) => {
    await args.ack();
    try {
      await handle(args);
    } catch (error) {
      const actionId = args.body.actions[0]?.action_id;
      await tellFailure(edge, args, error, { action: actionId, teamId: args.context.teamId });
    }
  };
}
