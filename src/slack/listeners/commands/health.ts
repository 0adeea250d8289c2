import type { App } from '@slack/bolt';
import type { HealthService } from '../../../health/health-service.js';
import type { Logger } from '../../../logger.js';
import { HEALTH } from '../../ids.js';
import { plainMessage } from '../../views/blocks.js';
import { scorecardMessage } from '../../views/health/scorecard.js';
import { slashCommand } from '../slash-command.js';

const USAGE =
  "`/health` shows, only to you, this channel's alliance-health scorecard for the last 7 days: the score, its three pillars (collaboration quality, value creation, relational trust) and the metrics behind them, each compared with the 7 days before. A metric without data says so.";

/** `/health`: the channel's scorecard now, only to whoever asked. */
export function registerHealthCommand(app: App, deps: { health: HealthService; log: Logger }): void {
  app.command(
    HEALTH.command,
    slashCommand(deps.log, async ({ command }) => {
      const text = command.text.trim();
      if (/^help$/i.test(text)) return plainMessage(USAGE);
      if (text !== '') {
        return plainMessage(`I don't know \`/health ${text.slice(0, 50)}\`. ${USAGE}`);
      }
      const { channelId, current, previous } = await deps.health.now(command.team_id, command.channel_id);
      return scorecardMessage({ channelId, current, previous, title: 'Alliance health, last 7 days' });
    }),
  );
}
