import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { CharterService } from '../../../charter/charter-service.js';
import type { Logger } from '../../../logger.js';
import { CHARTER } from '../../ids.js';
import { charterModal } from '../../views/charter/modal.js';
import {
  charterHelp,
  charterHistory,
  charterShown,
  HISTORY_SHOWN,
  unknownCharterCommand,
} from '../../views/charter/replies.js';
import { slashCommand } from '../slash-command.js';

type Channel = { teamId: string; channelId: string };

/** The charter form for a channel: filled in with its latest version, if it has one. */
export async function charterModalFor(charter: CharterService, channel: Channel) {
  const current = await charter.current(channel);
  return charterModal({
    channelId: channel.channelId,
    baseVersion: current?.version.version ?? 0,
    submissionId: randomUUID(),
    text: current?.version.text,
  });
}

/** `/charter` shows the channel's charter (or opens the form when there is none); edit, history, help. */
export function registerCharterCommand(app: App, deps: { charter: CharterService; log: Logger }): void {
  app.command(
    CHARTER.command,
    slashCommand(deps.log, async ({ command, client }) => {
      const channel = { teamId: command.team_id, channelId: command.channel_id };
      const word = command.text.trim().toLowerCase();
      const openForm = async () => {
        await client.views.open({
          trigger_id: command.trigger_id,
          view: await charterModalFor(deps.charter, channel),
        });
        return undefined;
      };
      switch (word) {
        case '': {
          const current = await deps.charter.current(channel);
          return current ? charterShown(current.version, current.change) : openForm();
        }
        case 'edit':
          return openForm();
        case 'history': {
          const { changes, total } = await deps.charter.history(channel, HISTORY_SHOWN);
          return charterHistory(channel.channelId, changes, total);
        }
        case 'help':
          return charterHelp();
        default:
          return unknownCharterCommand(command.text.trim());
      }
    }),
  );
}
