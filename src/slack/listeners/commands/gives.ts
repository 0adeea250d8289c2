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
import type { WebClient } from '@slack/web-api';
import { UserError } from '../../../errors.js';
import { MAX_RECEIVERS } from '../../../gives/parse-command.js';
import { peopleOfGroups } from '../../user-groups.js';

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
          const receiverIds = await withGroups(client, parsed, command.user_id);
          const { give, receivers, replayed } = await deps.gives.give(
            { ...channel, userId: command.user_id },
            { ...parsed, receiverIds, submissionKey: `command:${command.trigger_id}` },
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

/**
 * The people a give goes to: those named, and the people of the user groups named, once each. The
 * giver, when a group holds them, is left out (naming oneself alone is still refused).
 */
async function withGroups(
  client: WebClient,
  parsed: { receiverIds: string[]; groupIds: string[] },
  giverId: string,
): Promise<string[]> {
  if (parsed.groupIds.length === 0) return parsed.receiverIds;
  const fromGroups = (await peopleOfGroups(client, parsed.groupIds)).filter((id) => id !== giverId);
  const all = [...new Set([...parsed.receiverIds, ...fromGroups])];
  if (all.length === 0)
    throw new UserError('That user group has nobody in it but you. Name who received it.');
  if (all.length > MAX_RECEIVERS) {
    throw new UserError(
      `That makes ${all.length} people; a give can go to up to ${MAX_RECEIVERS}, so each can confirm what it was worth. Name them instead. Nothing was saved.`,
    );
  }
  return all;
}
