import type { App } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
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

export function registerRitualsCommand(app: App, deps: { rituals: RitualsService; log: Logger }): void {
  const { rituals } = deps;
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
        case 'create':
          return ritualCreated(await rituals.createStandup(actor, parsed.schedule));
        case 'pause':
        case 'resume':
          return ritualChanged(
            await rituals.setPaused(actor, parsed.id, parsed.kind === 'pause'),
            parsed.kind === 'pause' ? 'paused' : 'resumed',
          );
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
