import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import { parsePairsCommand } from '../../../pairs/parse-command.js';
import type { PairsService } from '../../../pairs/pairs-service.js';
import { PAIRS } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { SKILLS_TITLE, skillsModal } from '../../views/pairs/skills.js';
import { pairsHelp, pairsJoined, pairsLeft, pairsPaused, pairsStatus } from '../../views/pairs/replies.js';
import { installedTeam, type RecordSetDeps } from '../record-set.js';
import { slashCommand } from '../slash-command.js';

/**
 * `/pairs`: join, leave or pause the channel's coffee pairs, or see where you stand; `/pairs skills`
 * opens the skills form (within the trigger's 3 seconds, filled once the channel's tags are read).
 */
export function registerPairsCommand(app: App, deps: { pairs: PairsService; log: Logger } & RecordSetDeps) {
  app.command(
    PAIRS.command,
    slashCommand(deps, async ({ command, context, client }, recordsOf) => {
      const parsed = parsePairsCommand(command.text);
      if (parsed.kind === 'help') return pairsHelp();
      if (parsed.kind === 'skills') {
        await openModalThenFill(
          { client, log: deps.log },
          { triggerId: command.trigger_id, title: SKILLS_TITLE },
          async () => {
            const who = { teamId: await recordsOf(), channelId: command.channel_id, userId: command.user_id };
            return skillsModal({
              metadata: { channelId: command.channel_id, submissionId: randomUUID() },
              ...(await deps.pairs.skills.form(who)),
            });
          },
        );
        return undefined;
      }
      const who = {
        teamId: await recordsOf(),
        channelId: command.channel_id,
        userId: command.user_id,
        workspaceId: installedTeam(context),
      };
      switch (parsed.kind) {
        case 'status':
          return pairsStatus(command.channel_id, await deps.pairs.status(who));
        case 'join':
          return pairsJoined(command.channel_id, await deps.pairs.join(who));
        case 'leave':
          return pairsLeft(command.channel_id, await deps.pairs.leave(who));
        case 'pause':
          await deps.pairs.pause(who, parsed.until);
          return pairsPaused(command.channel_id, parsed.until);
      }
    }),
  );
}
