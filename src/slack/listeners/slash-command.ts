import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { SOMETHING_WENT_WRONG, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { plainMessage, type SlackMessage } from '../views/blocks.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * Wraps a command handler: whatever it returns is acknowledged as an ephemeral reply; a UserError
 * becomes its message; anything else is logged and the person sees a plain apology, never a stack.
 */
export function slashCommand(log: Logger, handle: (args: CommandArgs) => Promise<SlackMessage | undefined>) {
  return async (args: CommandArgs) => {
    let reply: SlackMessage | undefined;
    try {
      reply = await handle(args);
    } catch (error) {
      if (error instanceof UserError) {
        reply = plainMessage(error.userMessage);
      } else {
        log.error(
          { err: error, command: args.command.command, teamId: args.context.teamId },
          'command failed',
        );
        reply = plainMessage(SOMETHING_WENT_WRONG);
      }
    }
    await args.ack(reply ? { response_type: 'ephemeral', ...reply } : undefined);
  };
}
