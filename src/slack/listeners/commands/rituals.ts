import type { App } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { Background } from '../../background.js';
import { parseRitualsCommand } from '../../../rituals/parse-command.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import { COMMANDS } from '../../ids.js';
import {
  ritualChanged,
  ritualCreated,
  ritualRemoved,
  ritualSkipped,
  ritualsHelp,
  ritualsList,
} from '../../views/rituals/replies.js';
import { slashCommand } from '../slash-command.js';

export function registerRitualsCommand(
  app: App,
  deps: { rituals: RitualsService; background: Background; log: Logger },
): void {
  const { rituals, background } = deps;
  const syncLater = (teamId: string, id: number) =>
    background.run('ritual participants', () => rituals.syncParticipants(teamId, id));
  app.command(
    COMMANDS.rituals,
    slashCommand(deps.log, async ({ command }) => {
      const actor = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
      const parsed = parseRitualsCommand(command.text);
      switch (parsed.kind) {
        case 'help':
          return ritualsHelp();
        case 'list':
          return ritualsList(await rituals.list(actor));
        case 'create': {
          const ritual = await rituals.createStandup(actor, parsed.schedule);
          syncLater(actor.teamId, ritual.id);
          return ritualCreated(ritual);
        }
        case 'pause':
        case 'resume': {
          const ritual = await rituals.setPaused(actor, parsed.id, parsed.kind === 'pause');
          if (parsed.kind === 'resume') syncLater(actor.teamId, ritual.id);
          return ritualChanged(ritual, parsed.kind === 'pause' ? 'paused' : 'resumed');
        }
        case 'skip': {
          const { ritual, added } = await rituals.skip(actor, parsed.id, parsed.date);
          return ritualSkipped(ritual, parsed.date, added);
        }
        case 'remove':
          return ritualRemoved((await rituals.remove(actor, parsed.id)).id);
      }
    }),
  );
}
