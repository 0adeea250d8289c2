import type { App, ViewStateValue } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import { PulseAnswerError, type PulseService } from '../../../pulse/pulse-service.js';
import { PULSE, pulseStatementBlockId } from '../../ids.js';
import { decodePulseRef } from '../../views/pulse/ref.js';
import { viewSubmission } from '../view-submission.js';
import type { Logger } from '../../../logger.js';
import { rowRecords, type RecordSetDeps } from '../record-set.js';

const STALE_FORM = 'This form is out of date; open it again from the message.';
const STATEMENT_BLOCK = /^pulse_statement_(\d{1,2})$/;

/**
 * The survey's submission. Every refusal is a field error on the form and saves nothing. Nothing
 * here logs: a log line with the person and their answer would undo the anonymity.
 */
export function registerPulseView(
  app: App,
  deps: { pulse: PulseService; log: Logger } & RecordSetDeps,
): void {
  const errorsFor = (error: UserError) => ({ [pulseStatementBlockId(0)]: error.userMessage });
  app.view(
    PULSE.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, context }) => {
      const ref = decodePulseRef(view.private_metadata);
      if (!ref) throw new UserError(STALE_FORM, 'stale_form');
      const teamId = await rowRecords(deps, context, 'rituals', ref.ritualId);
      const { scores, statementCount } = readScores(view.state.values);
      const comment = view.state.values[PULSE.commentBlock]?.[PULSE.input]?.value ?? undefined;
      try {
        await deps.pulse.answer(
          { teamId, userId: body.user.id, ...ref },
          { statementCount, scores, comment: typeof comment === 'string' ? comment : undefined },
        );
      } catch (error) {
        // Field by field: each mistake on the statement (or the comment) it is about.
        if (!(error instanceof PulseAnswerError)) throw error;
        const errors = Object.fromEntries(
          [...error.errors].map(([field, text]) => [
            field === 'comment' ? PULSE.commentBlock : pulseStatementBlockId(field),
            text,
          ]),
        );
        return { response_action: 'errors', errors };
      }
      return undefined;
    }),
  );
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
