import { randomUUID } from 'node:crypto';
import type { App, MessageShortcut } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { MAX_DELIVERABLE, plainFromSlack } from '../../../credits/credit-text.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { Directory } from '../../../people/directory.js';
import { CREDITS } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { within } from '../../within.js';
import { truncate } from '../../views/blocks.js';
import { CREDIT_TITLE, creditModal } from '../../views/credits/modal.js';
import { messageShortcut, UNKNOWN_MESSAGE } from '../message-shortcut.js';
import type { Outbox } from '../../outbox.js';

/** A message ts as Slack writes it; anything else is not a message of Slack's. */
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;
const USER_ID = /^[UW][A-Z0-9]{2,30}$/;
/** How long the link to the message and a look at its author may take before the form is filled without them. */
const LOOKUP_WAIT_MS = 1_500;
/** A title, not the whole message: its first line, cut short. */
const TITLE_LENGTH = 100;

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
export function registerCreditShortcut(
  app: App,
  deps: { directory: Directory; outbox: Outbox; log: Logger },
): void {
  app.shortcut<MessageShortcut>(
    CREDITS.shortcut,
    messageShortcut(deps, async ({ shortcut, client, context }) => {
      const channelId = shortcut.channel?.id;
      const ts = shortcut.message?.ts ?? shortcut.message_ts;
      if (!channelId || !ts || !MESSAGE_TS.test(ts)) throw new UserError(UNKNOWN_MESSAGE, 'unknown_message');
      const text = typeof shortcut.message?.text === 'string' ? shortcut.message.text : '';
      const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
      const author = shortcut.message?.user;
      // Who the author is, as the installation the shortcut came through sees them.
      const teamId = context.teamId ?? context.enterpriseId;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: shortcut.trigger_id, title: CREDIT_TITLE },
        async () => {
          const [link, byPerson] = await Promise.all([
            within(LOOKUP_WAIT_MS, permalinkOf(client, channelId, ts, deps.log)),
            typeof author === 'string' && USER_ID.test(author) && !shortcut.message?.bot_id && teamId
              ? within(
                  LOOKUP_WAIT_MS,
                  deps.directory.isActiveHuman(teamId, author).catch(() => false),
                )
              : false,
          ]);
          return creditModal({
            channelId,
            submissionId: randomUUID(),
            deliverable: truncate(plainFromSlack(firstLine), Math.min(TITLE_LENGTH, MAX_DELIVERABLE)),
            link,
            people: byPerson && author ? [author] : [],
            sourceText: plainFromSlack(text),
          });
        },
      );
    }),
  );
}
