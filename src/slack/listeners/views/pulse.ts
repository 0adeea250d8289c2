import type { App, ViewStateValue } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import { PulseAnswerError, type PulseService } from '../../../pulse/pulse-service.js';
import { PULSE, pulseStatementBlockId } from '../../ids.js';
import { decodePulseRef } from '../../views/pulse/ref.js';

const STALE_FORM = 'This form is out of date; open it again from the message.';
const STATEMENT_BLOCK = /^pulse_statement_(\d{1,2})$/;

/**
 * The survey's submission. Every refusal is a field error on the form and saves nothing. Nothing
 * here logs: a log line with the person and their answer would undo the anonymity.
 */
export function registerPulseView(app: App, deps: { pulse: PulseService }): void {
  app.view(PULSE.view, async ({ ack, view, body }) => {
    const fail = (errors: Record<string, string>) => ack({ response_action: 'errors', errors });
    const ref = decodePulseRef(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    if (!ref || !teamId) {
      await fail({ [pulseStatementBlockId(0)]: STALE_FORM });
      return;
    }
    const { scores, statementCount } = readScores(view.state.values);
    const comment = view.state.values[PULSE.commentBlock]?.[PULSE.input]?.value ?? undefined;
    try {
      await deps.pulse.answer(
        { teamId, userId: body.user.id, ...ref },
        { statementCount, scores, comment: typeof comment === 'string' ? comment : undefined },
      );
    } catch (error) {
      if (error instanceof PulseAnswerError) {
        await fail(
          Object.fromEntries(
            [...error.errors].map(([field, text]) => [
              field === 'comment' ? PULSE.commentBlock : pulseStatementBlockId(field),
              text,
            ]),
          ),
        );
        return;
      }
      if (!(error instanceof UserError)) throw error;
      await fail({ [pulseStatementBlockId(0)]: error.userMessage });
      return;
    }
    await ack();
  });
}

/** The chosen score of each statement block, by position; how many statement blocks came. */
function readScores(values: Record<string, Record<string, ViewStateValue>>) {
  const scores: (string | undefined)[] = [];
  let statementCount = 0;
  for (const [blockId, inputs] of Object.entries(values)) {
    const index = STATEMENT_BLOCK.exec(blockId)?.[1];
    if (index === undefined) continue;
    const position = Number(index);
    statementCount = Math.max(statementCount, position + 1);
    const chosen = inputs[PULSE.input]?.selected_option?.value;
    scores[position] = typeof chosen === 'string' ? chosen : undefined;
  }
  return { scores, statementCount };
}
