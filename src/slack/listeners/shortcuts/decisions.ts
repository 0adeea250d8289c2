import { randomUUID } from 'node:crypto';
import type { App, BlockButtonAction, MessageShortcut } from '@slack/bolt';
import type { DecisionsService } from '../../../decisions/decisions-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { DECISIONS } from '../../ids.js';
import { plainMessage } from '../../views/blocks.js';
import { decisionModal } from '../../views/decisions/modal.js';

/** A message ts as Slack writes it; anything else is not a message of Slack's. */
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;

/**
 * The two ways into the decision form: the message shortcut "Log a decision" on any message, and
 * the Edit button on a posted decision.
 */
export function registerDecisionShortcut(app: App, deps: { decisions: DecisionsService; log: Logger }): void {
  app.shortcut<MessageShortcut>(DECISIONS.shortcut, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const channelId = shortcut.channel?.id;
    const sourceTs = shortcut.message?.ts ?? shortcut.message_ts;
    if (!channelId || !sourceTs || !MESSAGE_TS.test(sourceTs)) {
      await respond({
        response_type: 'ephemeral',
        ...plainMessage('I could not tell which message that was, so no form opened. Please try again.'),
      });
      return;
    }
    const threadTs = shortcut.message?.thread_ts;
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
  });

  app.action<BlockButtonAction>(DECISIONS.edit, async ({ ack, body, action, client, respond }) => {
    await ack();
    const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
    const id = Number(action.value);
    if (!body.team?.id || !channelId || !Number.isSafeInteger(id) || id <= 0) return;
    const actor = { teamId: body.team.id, channelId, userId: body.user.id };
    let decision;
    try {
      decision = await deps.decisions.editable(actor, id);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...plainMessage(error.userMessage),
      });
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: decisionModal({
        channelId,
        sourceTs: decision.source_ts,
        sourceThreadTs: decision.source_thread_ts,
        submissionId: randomUUID(),
        decisionId: decision.id,
        editing: decision,
        defaultOwner: decision.owner_id,
      }),
    });
  });
}
