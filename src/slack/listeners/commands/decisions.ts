import type { App } from '@slack/bolt';
import type { DecisionsService } from '../../../decisions/decisions-service.js';
import { parseDecisionsCommand } from '../../../decisions/parse-command.js';
import type { Logger } from '../../../logger.js';
import { DECISIONS } from '../../ids.js';
import {
  DECISIONS_SHOWN,
  decisionsHelp,
  decisionsList,
  unknownDecisionsCommand,
} from '../../views/decisions/replies.js';
import { slashCommand } from '../slash-command.js';
import type { RecordSetDeps } from '../record-set.js';

/** `/decisions`: this channel's decisions, newest first, only to the person who asked. */
export function registerDecisionsCommand(
  app: App,
  deps: { decisions: DecisionsService; log: Logger } & RecordSetDeps,
): void {
  app.command(
    DECISIONS.command,
    slashCommand(deps, async ({ command }, recordsOf) => {
      const teamId = await recordsOf();
      const parsed = parseDecisionsCommand(command.text);
      if (parsed.kind === 'help') return decisionsHelp();
      if (parsed.kind === 'unknown') return unknownDecisionsCommand(parsed.text);
      const channel = { teamId, channelId: command.channel_id };
      const { rows, total } = await deps.decisions.list(channel, DECISIONS_SHOWN);
      return decisionsList(channel.channelId, rows, total);
    }),
  );
}
