import { randomUUID } from 'node:crypto';
import type { App, MessageShortcut } from '@slack/bolt';
import { plainFromSlack } from '../../../credits/credit-text.js';
import { UserError } from '../../../errors.js';
import { kindOf, MAX_WHAT } from '../../../gives/parse-command.js';
import type { Logger } from '../../../logger.js';
import type { Directory } from '../../../people/directory.js';
import { GIVES } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import type { Outbox } from '../../outbox.js';
import { truncate } from '../../views/blocks.js';
import { GIVE_TITLE, giveModal } from '../../views/gives/modal.js';
import { within } from '../../within.js';
import { messageShortcut, UNKNOWN_MESSAGE } from '../message-shortcut.js';

const USER_ID = /^[UW][A-Z0-9]{2,30}$/;
/** How long a look at the message's author may take before the form opens without them. */
const LOOKUP_WAIT_MS = 1_500;

/**
 * "Log what we gave" on any message (the introduction, the shared doc, the answer that unblocked
 * someone): the give form, with the message's first line as what was given, its kind read from it,
 * and its author as the receiver when that is an active person other than the one logging it.
 */
export function registerGiveShortcut(
  app: App,
  deps: { directory: Directory; outbox: Outbox; log: Logger },
): void {
  app.shortcut<MessageShortcut>(
    GIVES.shortcut,
    messageShortcut(deps, async ({ shortcut, client, context }) => {
      const channelId = shortcut.channel?.id;
      if (!channelId) throw new UserError(UNKNOWN_MESSAGE, 'unknown_message');
      const text = typeof shortcut.message?.text === 'string' ? shortcut.message.text : '';
      const firstLine = plainFromSlack(text.split('\n').find((line) => line.trim() !== '') ?? '');
      const author = shortcut.message?.user;
      const teamId = context.teamId ?? context.enterpriseId;
      // Opened at once, within the trigger's 3 seconds; the author is looked up while it loads.
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: shortcut.trigger_id, title: GIVE_TITLE },
        async () => {
          const isPerson =
            typeof author === 'string' &&
            USER_ID.test(author) &&
            author !== shortcut.user.id &&
            !shortcut.message?.bot_id &&
            teamId !== undefined &&
            (await within(
              LOOKUP_WAIT_MS,
              deps.directory.isActiveHuman(teamId, author).catch(() => false),
            ));
          const what = truncate(firstLine, Math.min(100, MAX_WHAT));
          return giveModal({
            channelId,
            submissionId: randomUUID(),
            what,
            kind: kindOf(what),
            people: isPerson && author ? [author] : [],
            sourceText: plainFromSlack(text),
          });
        },
      );
    }),
  );
}
