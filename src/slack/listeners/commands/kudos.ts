import type { App } from '@slack/bolt';
import type { KudosService } from '../../../kudos/kudos-service.js';
import { parseKudosCommand } from '../../../kudos/parse-command.js';
import type { Logger } from '../../../logger.js';
import type { Background } from '../../background.js';
import { COMMANDS } from '../../ids.js';
import { postToChannel } from '../../post-to-channel.js';
import { kudosAnnouncement } from '../../views/kudos/announcement.js';
import {
  announcementFailed,
  kudosAlreadyRecorded,
  kudosEmojiReply,
  kudosHelp,
  kudosSummaryReply,
} from '../../views/kudos/replies.js';
import { slashCommand } from '../slash-command.js';

export function registerKudosCommand(
  app: App,
  deps: { kudos: KudosService; background: Background; log: Logger },
): void {
  const { kudos, background } = deps;
  app.command(
    COMMANDS.kudos,
    slashCommand(deps.log, async ({ command, client, respond }) => {
      const teamId = command.team_id;
      const parsed = parseKudosCommand(command.text);
      switch (parsed.kind) {
        case 'help':
          return kudosHelp(await kudos.currentEmoji(teamId));
        case 'mine':
          return kudosSummaryReply(await kudos.summary(teamId, command.user_id));
        case 'emoji':
          if (parsed.names.length === 0) return kudosEmojiReply(await kudos.currentEmoji(teamId), false);
          return kudosEmojiReply(await kudos.replaceEmoji(teamId, command.user_id, parsed.names), true);
        case 'give': {
          const result = await kudos.giveByCommand({
            teamId,
            giverId: command.user_id,
            channelId: command.channel_id,
            commandId: command.trigger_id,
            recipientIds: parsed.recipientIds,
            reason: parsed.reason,
          });
          if (result.replayed) return kudosAlreadyRecorded(result.recipientIds);
          const announcement = kudosAnnouncement({
            giverId: command.user_id,
            recipientIds: result.recipientIds,
            reason: parsed.reason,
            emoji: await kudos.currentEmoji(teamId),
          });
          background.run('kudos announcement', () =>
            postToChannel(
              { client, respond },
              command.channel_id,
              announcement,
              announcementFailed(result.recipientIds),
            ),
          );
          return undefined;
        }
      }
    }),
  );
}
