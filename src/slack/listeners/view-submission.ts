import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewResponseAction } from '@slack/bolt';
import { SOMETHING_WENT_WRONG, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { markUserError } from '../../http/request-context.js';

export type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;
/** Field errors by block_id, as `response_action: 'errors'` shows them on the form. */
export type FormErrors = Record<string, string>;
export type SubmittedView = ViewArgs['view'];

/**
 * Wraps a modal's submission. The handler returns what to acknowledge with (nothing closes the
 * form). A UserError becomes `response_action: 'errors'` on the blocks `errorsFor` names for it;
 * anything else is logged and shown the same way as a plain apology, so the form stays open with
 * what was typed, nothing is saved, and Slack never gets a 5xx.
 */
export function viewSubmission(
  log: Logger,
  errorsFor: (error: UserError, view: SubmittedView) => FormErrors,
  handle: (args: ViewArgs) => Promise<ViewResponseAction | undefined>,
) {
  return async (args: ViewArgs) => {
    let response: ViewResponseAction | undefined;
    try {
      response = await handle(args);
    } catch (error) {
      if (!(error instanceof UserError)) {
        log.error(
          { err: error, view: args.view.callback_id, teamId: args.context.teamId },
          'view submission failed',
        );
      } else markUserError(args.context);
      const shown = error instanceof UserError ? error : new UserError(SOMETHING_WENT_WRONG, 'internal');
      response = { response_action: 'errors', errors: errorsFor(shown, args.view) };
    }
    await args.ack(response);
  };
}
