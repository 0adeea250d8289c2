import { randomUUID } from 'node:crypto';
import type { App, MessageShortcut } from '@slack/bolt';
import { KUDOS } from '../../ids.js';
import { plainMessage } from '../../views/blocks.js';
import { giveKudosModal } from '../../views/kudos/modal.js';

/** A message ts as Slack writes it; anything else is not a message of Slack's. */
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;
const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/** "Give kudos" on any message: a small form with the message's author picked to start with. */
export function registerKudosShortcut(app: App): void {
  app.shortcut<MessageShortcut>(KUDOS.shortcut, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const channelId = shortcut.channel?.id;
    const messageTs = shortcut.message?.ts ?? shortcut.message_ts;
    if (!channelId || !messageTs || !MESSAGE_TS.test(messageTs)) {
      await respond({
        response_type: 'ephemeral',
        ...plainMessage('I could not tell which message that was, so no form opened. Please try again.'),
      });
      return;
    }
    // A bot's post has no `user`; your own message starts the form with nobody picked.
    const author = shortcut.message?.user;
    const authorId =
      typeof author === 'string' && USER_ID.test(author) && author !== shortcut.user.id ? author : undefined;
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
  });
}
