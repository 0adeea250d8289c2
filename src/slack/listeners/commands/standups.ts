import type { App } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { Directory } from '../../../people/directory.js';
import { CHECKIN_USAGE, parseCheckinCommand } from '../../../standups/parse-command.js';
import type { StandupService } from '../../../standups/standups-service.js';
import { COMMANDS } from '../../ids.js';
import { plainMessage } from '../../views/blocks.js';
import { openModalThenFill } from '../../open-modal.js';
import { CHECKIN_TITLE, checkinModal } from '../../views/standups/messages.js';
import { slashCommand } from '../slash-command.js';
import { installedTeam, type RecordSetDeps } from '../record-set.js';

export function registerCheckinCommand(
  app: App,
  deps: { standups: StandupService; directory: Directory; log: Logger } & RecordSetDeps,
): void {
  const { standups } = deps;
  app.command(
    COMMANDS.checkin,
    slashCommand(deps, async ({ command, client, context }, recordsOf) => {
      const parsed = parseCheckinCommand(command.text);
      switch (parsed.kind) {
        case 'help':
          return plainMessage(CHECKIN_USAGE);
        case 'open':
          await openModalThenFill(
            { client, log: deps.log },
            { triggerId: command.trigger_id, title: CHECKIN_TITLE },
            async () => {
              const key = await standups.today(await recordsOf(), command.user_id, command.channel_id);
              const { ritual, answers } = await standups.open(key);
              return checkinModal({
                ...key,
                channelId: ritual.channel_id,
                questions: ritual.questions,
                answers,
              });
            },
          );
          return undefined;
        case 'away': {
          // Away days are the person's: kept with their workspace's installation, they hold in
          // every channel it shares with other organisations too.
          await standups.away(installedTeam(context), command.user_id, parsed.until);
          return plainMessage(
            `You're away until ${parsed.until}: no stand-up prompts until then. \`/checkin back\` ends it early.`,
          );
        }
        case 'back':
          return plainMessage(
            (await standups.back(installedTeam(context), command.user_id))
              ? 'Welcome back: your stand-up prompts start again.'
              : "You weren't marked away.",
          );
      }
    }),
  );
}
