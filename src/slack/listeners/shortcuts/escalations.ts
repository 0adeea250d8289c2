import type { App, MessageShortcut } from '@slack/bolt';
import type { EscalationsService } from '../../../escalations/escalations-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { MESSAGE_TS } from '../../../slack-values.js';
import { ESCALATIONS } from '../../ids.js';
import type { Outbox } from '../../outbox.js';
import { openEscalationForm } from '../commands/escalations.js';
import { messageShortcut, UNKNOWN_MESSAGE } from '../message-shortcut.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';

/** "Escalate this" on a message: the same form as `/escalate`, linked to the message's thread. */
export function registerEscalateShortcut(
  app: App,
  deps: { escalations: EscalationsService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  app.shortcut<MessageShortcut>(
    ESCALATIONS.shortcut,
    messageShortcut(deps, async ({ shortcut, client, context }) => {
      const channelId = shortcut.channel?.id;
      const sourceTs = shortcut.message?.ts ?? shortcut.message_ts;
      if (!channelId || !sourceTs || !MESSAGE_TS.test(sourceTs)) {
        throw new UserError(UNKNOWN_MESSAGE, 'unknown_message');
      }
      const threadTs = shortcut.message?.thread_ts;
      await openEscalationForm(
        deps,
        { client, triggerId: shortcut.trigger_id },
        async () => ({ teamId: await channelRecords(deps, context, channelId), channelId }),
        // The thread the message is in, or the one it starts.
        {
          sourceTs,
          threadTs: typeof threadTs === 'string' && MESSAGE_TS.test(threadTs) ? threadTs : sourceTs,
        },
      );
    }),
  );
}
