import type { App, BlockButtonAction } from '@slack/bolt';
import type { GiveAnswer, GivesService } from '../../../gives/gives-service.js';
import type { Logger } from '../../../logger.js';
import { GIVES } from '../../ids.js';
import { idFromValue } from '../../id-value.js';
import type { Outbox } from '../../outbox.js';
import { plainMessage } from '../../views/blocks.js';
import { type ActionArgs, blockAction } from '../block-action.js';
import { type RecordSetDeps, rowRecords } from '../record-set.js';
import { tellActor } from '../tell-actor.js';
import { openModalThenFill } from '../../open-modal.js';
import { ADJUST_TITLE, adjustModal } from '../../views/gives/modal.js';

const ALREADY = {
  confirmed: 'You already confirmed this give; nothing changed.',
  not_helpful: 'You already said this give didn’t help; nothing changed.',
  asked: 'Nothing changed.',
} as const;

/**
 * A receiver's answers on their DM: the person is body.user and the give is the button's value.
 * Only the person it went to may answer; their DM is edited through the outbox. Adjust opens a
 * small form for their own value (views/gives.ts keeps it).
 */
export function registerGiveActions(
  app: App,
  deps: { gives: GivesService; log: Logger; outbox: Outbox } & RecordSetDeps,
): void {
  const answerWith = (answer: GiveAnswer) => async (args: ActionArgs) => {
    const rowId = idFromValue(args.action.value);
    if (rowId === undefined) return;
    const teamId = await rowRecords(deps, args.context, 'give_receivers', rowId);
    const result = await deps.gives.answer({ teamId, userId: args.body.user.id }, rowId, answer);
    if (!result.changed) await tellActor(deps.outbox, args, plainMessage(ALREADY[result.receiver.status]));
  };
  app.action<BlockButtonAction>(GIVES.confirm, blockAction(deps, answerWith('confirmed')));
  app.action<BlockButtonAction>(GIVES.notHelpful, blockAction(deps, answerWith('not_helpful')));

  // Adjust: the receiver's own value, in a small form opened at once (within the trigger's 3 s).
  app.action<BlockButtonAction>(
    GIVES.adjust,
    blockAction(deps, async ({ body, action, client, context }) => {
      const rowId = idFromValue(action.value);
      if (rowId === undefined) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: ADJUST_TITLE },
        async () => {
          const teamId = await rowRecords(deps, context, 'give_receivers', rowId);
          const { give, receiver } = await deps.gives.adjustable({ teamId, userId: body.user.id }, rowId);
          return adjustModal(give, receiver);
        },
      );
    }),
  );
}
