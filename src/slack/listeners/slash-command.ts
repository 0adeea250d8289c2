import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { SOMETHING_WENT_WRONG, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { markUserError } from '../../http/request-context.js';
import { plainMessage, type SlackMessage } from '../views/blocks.js';
import { withFormerMembers } from '../views/former-members.js';
import { channelRecords, type RecordSetDeps } from './record-set.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What every handler relies on; Slack always sends these, so a body without them is not Slack's. */
const commandShape = z.object({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
  text: z.string().default(''),
});

const INCOMPLETE = 'That command arrived incomplete, so I did nothing. Please type it again.';

/**
 * Wraps a command handler: whatever it returns is acknowledged as an ephemeral reply; a UserError
 * becomes its message; anything else is logged and the person sees a plain apology, never a stack.
 * The handler is given a way to the record set the command's channel belongs to (`record-set.ts`).
 */
export function slashCommand(
  deps: RecordSetDeps & { log: Logger },
  handle: (args: CommandArgs, recordsOf: () => Promise<string>) => Promise<SlackMessage | undefined>,
) {
  const { log } = deps;
  return async (args: CommandArgs) => {
    let reply: SlackMessage | undefined;
    try {
      const parsed = commandShape.safeParse(args.command);
      if (!parsed.success) throw new UserError(INCOMPLETE, 'incomplete_command');
      Object.assign(args.command, parsed.data);
      // Asked for when needed: a command that opens a form opens it before anything is looked up.
      let records: Promise<string> | undefined;
      const recordsOf = () => (records ??= channelRecords(deps, args.context, args.command.channel_id));
      reply = await handle(args, recordsOf);
    } catch (error) {
      if (error instanceof UserError) {
        markUserError(args.context);
        reply = plainMessage(error.userMessage);
      } else {
        log.error(
          { err: error, command: args.command.command, teamId: args.context.teamId },
          'command failed',
        );
        reply = plainMessage(SOMETHING_WENT_WRONG);
      }
    }
    // An erased person reads "a former member" here too (src/privacy).
    await args.ack(reply ? { response_type: 'ephemeral', ...withFormerMembers(reply) } : undefined);
  };
}
