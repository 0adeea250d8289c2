import { randomUUID } from 'node:crypto';
import type { App, MessageShortcut } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { MAX_DELIVERABLE, plainFromSlack } from '../../../credits/credit-text.js';
import type { Logger } from '../../../logger.js';
import { CREDITS } from '../../ids.js';
import { plainMessage, truncate } from '../../views/blocks.js';
import { creditModal } from '../../views/credits/modal.js';

/** A message ts as Slack writes it; anything else is not a message of Slack's. */
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;
const USER_ID = /^[UW][A-Z0-9]{2,30}$/;
/** The form must open within the trigger's 3 seconds, so the link may not wait longer than this. */
const PERMALINK_WAIT_MS = 1_500;
/** A title, not the whole message: its first line, cut short. */
const TITLE_LENGTH = 100;

/** Slack's link to the message, or undefined when it does not come quickly (the form opens anyway). */
async function permalinkOf(client: WebClient, channel: string, ts: string, log: Logger) {
  let timer: NodeJS.Timeout | undefined;
  const asked = client.chat
    .getPermalink({ channel, message_ts: ts })
    .then((r) => r.permalink)
    .catch((error: unknown) => {
      log.info(
        { err: error, channelId: channel },
        'no link to the message; the credit form opens without it',
      );
      return undefined;
    });
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), PERMALINK_WAIT_MS);
  });
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * "Give credit for this" on any message: the credit form, linked to that message, its first line
 * as the deliverable and its author (a person, not an app) as the first contributor.
 */
export function registerCreditShortcut(app: App, deps: { log: Logger }): void {
  app.shortcut<MessageShortcut>(CREDITS.shortcut, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const channelId = shortcut.channel?.id;
    const ts = shortcut.message?.ts ?? shortcut.message_ts;
    if (!channelId || !ts || !MESSAGE_TS.test(ts)) {
      await respond({
        response_type: 'ephemeral',
        ...plainMessage('I could not tell which message that was, so no form opened. Please try again.'),
      });
      return;
    }
    const text = typeof shortcut.message?.text === 'string' ? shortcut.message.text : '';
    const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
    const author = shortcut.message?.user;
    const byPerson = typeof author === 'string' && USER_ID.test(author) && !shortcut.message?.bot_id;
    const link = await permalinkOf(client, channelId, ts, deps.log);
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: creditModal({
        channelId,
        submissionId: randomUUID(),
        deliverable: truncate(plainFromSlack(firstLine), Math.min(TITLE_LENGTH, MAX_DELIVERABLE)),
        link,
        people: byPerson ? [author] : [],
        sourceText: plainFromSlack(text),
      }),
    });
  });
}
