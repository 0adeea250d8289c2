import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { CharterService } from '../../../charter/charter-service.js';
import { parseCharterCommand } from '../../../charter/parse-command.js';
import type { Logger } from '../../../logger.js';
import { CHARTER } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { CHARTER_TITLE, charterModal } from '../../views/charter/modal.js';
import { within } from '../../within.js';
import {
  charterHelp,
  charterHistory,
  charterShown,
  HISTORY_SHOWN,
  unknownCharterCommand,
} from '../../views/charter/replies.js';
import { slashCommand } from '../slash-command.js';
import type { WebClient } from '@slack/web-api';
import { handlesOfGroups } from '../../user-groups.js';
import type { RecordSetDeps } from '../record-set.js';

type Channel = { teamId: string; channelId: string };

/** How long bare `/charter` waits to learn whether the channel has a charter before opening the form. */
const DECIDE_WITHIN_MS = 1_000;

type Current = Awaited<ReturnType<CharterService['current']>>;

/** The charter form for a channel: filled in with its latest version, if it has one. */
export async function charterModalFor(
  charter: CharterService,
  channel: Channel,
  client?: WebClient,
  reviewId?: number,
) {
  return charterForm(channel, await charter.current(channel), client, reviewId);
}

async function charterForm(channel: Channel, current: Current, client?: WebClient, reviewId?: number) {
  const groupIds = (current?.version.text.levels ?? []).flatMap((l) =>
    [...l.sideA, ...l.sideB].filter((id) => id.startsWith('S')),
  );
  return charterModal({
    channelId: channel.channelId,
    baseVersion: current?.version.version ?? 0,
    submissionId: randomUUID(),
    ...(reviewId ? { reviewId } : {}),
    text: current?.version.text,
    // The form shows a user group by its handle, as it was typed.
    groupHandles: client ? await handlesOfGroups(client, groupIds) : new Map(),
  });
}

/** `/charter` shows the channel's charter (or opens the form when there is none); edit, history, help. */
export function registerCharterCommand(
  app: App,
  deps: { charter: CharterService; log: Logger } & RecordSetDeps,
): void {
  app.command(
    CHARTER.command,
    slashCommand(deps, async ({ command, client }, recordsOf) => {
      const channelOf = async () => ({ teamId: await recordsOf(), channelId: command.channel_id });
      const parsed = parseCharterCommand(command.text);
      const trigger = command.trigger_id;
      switch (parsed.kind) {
        case 'show': {
          // Shown when there is one, else the form: that takes a look first, but only a short one,
          // for the trigger_id lasts 3 seconds. A slow look opens the form at once, filled when known.
          const looking = channelOf().then(async (channel) => ({
            channel,
            current: await deps.charter.current(channel),
          }));
          const looked = await within(DECIDE_WITHIN_MS, looking);
          if (looked?.current) return charterShown(looked.current.version, looked.current.change);
          if (looked) {
            await client.views.open({
              trigger_id: trigger,
              view: await charterForm(looked.channel, undefined),
            });
          } else {
            await openModalThenFill(
              { client, log: deps.log },
              { triggerId: trigger, title: CHARTER_TITLE.new },
              async () => {
                const { channel, current } = await looking;
                return charterForm(channel, current, client);
              },
            );
          }
          return undefined;
        }
        case 'edit':
          await openModalThenFill(
            { client, log: deps.log },
            { triggerId: trigger, title: CHARTER_TITLE.edit },
            async () => charterModalFor(deps.charter, await channelOf(), client),
          );
          return undefined;
        case 'history': {
          const { changes, total } = await deps.charter.history(await channelOf(), HISTORY_SHOWN);
          return charterHistory(command.channel_id, changes, total);
        }
        case 'help':
          return charterHelp();
        case 'unknown':
          return unknownCharterCommand(parsed.text);
      }
    }),
  );
}
