import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { GivesService } from '../../../gives/gives-service.js';
import { parseGaveCommand } from '../../../gives/parse-command.js';
import type { Logger } from '../../../logger.js';
import { GIVES } from '../../ids.js';
import { giveAlreadySaved, giveHelp, giveSaved, quarterLedger } from '../../views/gives/replies.js';
import { giveModal } from '../../views/gives/modal.js';
import type { RecordSetDeps } from '../record-set.js';
import { slashCommand } from '../slash-command.js';

/** `/gave`: log what you gave, and read the channel's ledger (or your own part of it) this quarter. */
export function registerGaveCommand(
  app: App,
  deps: { gives: GivesService; log: Logger } & RecordSetDeps,
): void {
  app.command(
    GIVES.command,
    slashCommand(deps, async ({ command, client }, recordsOf) => {
      const parsed = parseGaveCommand(command.text);
      if (parsed.kind === 'help') return giveHelp();
      if (parsed.kind === 'form') {
        // Opened at once, within the trigger's 3 seconds: nothing to look up first.
        await client.views.open({
          trigger_id: command.trigger_id,
          view: giveModal({ channelId: command.channel_id, submissionId: randomUUID(), kind: 'resource' }),
        });
        return undefined;
      }
      const channel = { teamId: await recordsOf(), channelId: command.channel_id };
      switch (parsed.kind) {
        case 'channel':
          return quarterLedger(await deps.gives.quarter(channel), { channelId: channel.channelId });
        case 'mine':
          return quarterLedger(await deps.gives.quarter(channel, command.user_id), {
            channelId: channel.channelId,
            userId: command.user_id,
          });
        case 'give': {
          const { give, receivers, replayed } = await deps.gives.give(
            { ...channel, userId: command.user_id },
            { ...parsed, submissionKey: `command:${command.trigger_id}` },
          );
          if (replayed) return giveAlreadySaved(give);
          return giveSaved(
            give,
            receivers.map((r) => r.receiver_id),
          );
        }
      }
    }),
  );
}
