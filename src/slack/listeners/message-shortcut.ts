import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { type Edge, tellFailure } from './tell-actor.js';

export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** What a shortcut answers when its payload does not say which message it was used on. */
export const UNKNOWN_MESSAGE =
  'I could not tell which message that was, so no form opened. Please try again.';

/**
 * Wraps a message shortcut as blockAction wraps a click: acknowledged first, always; a UserError is
 * told to the person privately; anything else is logged and the person sees a plain apology. Nothing
 * is thrown back to Bolt, so Slack never gets a 5xx.
 */
export function messageShortcut(edge: Edge, handle: (args: MessageShortcutArgs) => Promise<void>) {
  return async (args: MessageShortcutArgs) => {
    await args.ack();
    try {
      await handle(args);
    } catch (error) {
      const context = { shortcut: args.shortcut.callback_id, teamId: args.context.teamId };
      await tellFailure(edge, args, error, context);
    }
  };
}
