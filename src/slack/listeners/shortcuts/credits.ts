import { randomUUID } from 'node:crypto';
import type { App, MessageShortcut } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { MAX_DELIVERABLE, plainFromSlack } from '../../../credits/credit-text.js';
import type { Logger } from '../../../logger.js';
import type { Directory } from '../../../people/directory.js';
import { CREDITS } from '../../ids.js';
import { plainMessage, truncate } from '../../views/blocks.js';
import { creditModal } from '../../views/credits/modal.js';

/** A message ts as Slack writes it; anything else is not a message of Slack's. */
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;
const USER_ID = /^[UW][A-Z0-9]{2,30}$/;
/** How long the link to the message and a look at its author may take before the form opens without them. */
const LOOKUP_WAIT_MS = 1_500;
/** A title, not the whole message: its first line, cut short. */
const TITLE_LENGTH = 100;

/** What `work` gives within `ms`, or undefined: the form must open within the trigger's 3 seconds. */
async function within<T>(ms: number, work: Promise<T | undefined>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Slack's link to the message, or undefined when Slack will not give one (a channel the bot cannot see). */
const permalinkOf = (client: WebClient, channel: string, ts: string, log: Logger) =>
  client.chat
    .getPermalink({ channel, message_ts: ts })
    .then((r) => r.permalink)
    .catch((error: unknown) => {
      log.info(
        { err: error, channelId: channel },
        'no link to the message; the credit form opens without it',
      );
      return undefined;
    });

/**
 * "Give credit for this" on any message: the credit form, linked to that message, its first line
 * as the deliverable and its author (an active person, not an app) as the first contributor.
 */
export function registerCreditShortcut(app: App, deps: { directory: Directory; log: Logger }): void {
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
    const teamId = shortcut.team?.id;
    const [link, byPerson] = await Promise.all([
      within(LOOKUP_WAIT_MS, permalinkOf(client, channelId, ts, deps.log)),
      typeof author === 'string' && USER_ID.test(author) && !shortcut.message?.bot_id && teamId
        ? within(
            LOOKUP_WAIT_MS,
            deps.directory.isActiveHuman(teamId, author).catch(() => false),
          )
        : false,
    ]);
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: creditModal({
        channelId,
        submissionId: randomUUID(),
        deliverable: truncate(plainFromSlack(firstLine), Math.min(TITLE_LENGTH, MAX_DELIVERABLE)),
        link,
        people: byPerson && author ? [author] : [],
        sourceText: plainFromSlack(text),
      }),
    });
  });
}
