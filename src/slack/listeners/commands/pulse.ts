import type { App } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import { parsePulseCommand } from '../../../pulse/parse-command.js';
import type { PulseService } from '../../../pulse/pulse-service.js';
import { COMMANDS } from '../../ids.js';
import { plainMessage } from '../../views/blocks.js';
import { pulseResults } from '../../views/pulse/results.js';
import { slashCommand } from '../slash-command.js';
import type { RecordSetDeps } from '../record-set.js';

const NO_ROUND =
  'No pulse check has closed in this channel yet. `/rituals pulse weekly fri 10:00 local` schedules one.';
const USAGE =
  '`/pulse` shows, only to you, the latest closed pulse check of this channel: the mean and spread of each statement and the comments, never who said what.';

/** `/pulse`: the channel's latest closed round, in aggregate, only to whoever asked. */
export function registerPulseCommand(
  app: App,
  deps: { pulse: PulseService; log: Logger } & RecordSetDeps,
): void {
  app.command(
    COMMANDS.pulse,
    slashCommand(deps, async ({ command }, recordsOf) => {
      const teamId = await recordsOf();
      if (parsePulseCommand(command.text).kind === 'help') return plainMessage(USAGE);
      const shown = await deps.pulse.latest(teamId, command.channel_id);
      if (!shown) return plainMessage(NO_ROUND);
      return pulseResults({
        channelId: shown.round.channel_id,
        roundDate: shown.round.round_date,
        results: shown.results,
        previousMeans: shown.previousMeans,
      });
    }),
  );
}
