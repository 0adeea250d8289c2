import { randomUUID } from 'node:crypto';
import type { App, MessageShortcut } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { KUDOS } from '../../ids.js';
import { messageShortcut, UNKNOWN_MESSAGE } from '../message-shortcut.js';
import { giveKudosModal } from '../../views/kudos/modal.js';
import type { Outbox } from '../../outbox.js';

/** A message ts as Slack writes it; anything else is not a message of Slack's. */
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;
const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/** "Give kudos" on any message: a small form with the message's author picked to start with. */
export function registerKudosShortcut(app: App, deps: { outbox: Outbox; log: Logger }): void {
  app.shortcut<MessageShortcut>(
    KUDOS.shortcut,
    messageShortcut(deps, async ({ shortcut, client }) => {
      const channelId = shortcut.channel?.id;
      const messageTs = shortcut.message?.ts ?? shortcut.message_ts;
      if (!channelId || !messageTs || !MESSAGE_TS.test(messageTs)) {
        throw new UserError(UNKNOWN_MESSAGE, 'unknown_message');
      }
      // A bot's post has no `user`; your own message starts the form with nobody picked.
      const author = shortcut.message?.user;
      const authorId =
        typeof author === 'string' && USER_ID.test(author) && author !== shortcut.user.id
          ? author
          : undefined;
      // Nothing to look up first: the form opens at once, well within the trigger's 3 seconds.
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: giveKudosModal({
          channelId,
          messageTs,
          submissionId: randomUUID(),
          authorId,
          messageText: typeof shortcut.message?.text === 'string' ? shortcut.message.text : undefined,
        }),
      });
    }),
  );
}
