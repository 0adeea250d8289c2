import { randomUUID } from 'node:crypto';
import type { App, BlockButtonAction, MessageShortcut } from '@slack/bolt';
import type { DecisionsService } from '../../../decisions/decisions-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { DECISIONS } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { decisionModal, decisionTitle } from '../../views/decisions/modal.js';
import { blockAction } from '../block-action.js';
import { messageShortcut, UNKNOWN_MESSAGE } from '../message-shortcut.js';
import type { Outbox } from '../../outbox.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';

/** A message ts as Slack writes it; anything else is not a message of Slack's. */
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;

/**
 * The two ways into the decision form: the message shortcut "Log a decision" on any message, and
 * the Edit button on a posted decision.
 */
export function registerDecisionShortcut(
  app: App,
  deps: { decisions: DecisionsService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  app.shortcut<MessageShortcut>(
    DECISIONS.shortcut,
    messageShortcut(deps, async ({ shortcut, client }) => {
      const channelId = shortcut.channel?.id;
      const sourceTs = shortcut.message?.ts ?? shortcut.message_ts;
      if (!channelId || !sourceTs || !MESSAGE_TS.test(sourceTs)) {
        throw new UserError(UNKNOWN_MESSAGE, 'unknown_message');
      }
      const threadTs = shortcut.message?.thread_ts;
      // Nothing to look up first: the form opens at once, well within the trigger's 3 seconds.
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: decisionModal({
          channelId,
          sourceTs,
          sourceThreadTs: typeof threadTs === 'string' && MESSAGE_TS.test(threadTs) ? threadTs : null,
          submissionId: randomUUID(),
          sourceText: typeof shortcut.message?.text === 'string' ? shortcut.message.text : undefined,
          defaultOwner: shortcut.user.id,
        }),
      });
    }),
  );

  app.action<BlockButtonAction>(
    DECISIONS.edit,
    blockAction(deps, async ({ body, action, client, context }) => {
      const channelId =
        body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
      const id = Number(action.value);
      if (!channelId || !Number.isSafeInteger(id) || id <= 0) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: decisionTitle(id) },
        async () => {
          const teamId = await channelRecords(deps, context, channelId);
          const actor = { teamId, channelId, userId: body.user.id };
          const decision = await deps.decisions.editable(actor, id);
          return decisionModal({
            channelId,
            sourceTs: decision.source_ts,
            sourceThreadTs: decision.source_thread_ts,
            submissionId: randomUUID(),
            decisionId: decision.id,
            editing: decision,
            defaultOwner: decision.owner_id,
          });
        },
      );
    }),
  );
}
