import type { App } from '@slack/bolt';
import type { KudosService } from '../../../kudos/kudos-service.js';
import { parseKudosCommand } from '../../../kudos/parse-command.js';
import type { Logger } from '../../../logger.js';
import { COMMANDS } from '../../ids.js';
import { kudosBudgetChanged, kudosBudgetReply, overBudgetReply } from '../../views/kudos/budget.js';
import {
  kudosAlreadyRecorded,
  kudosEmojiReply,
  kudosHelp,
  kudosSummaryReply,
} from '../../views/kudos/replies.js';
import { slashCommand } from '../slash-command.js';
import type { RecordSetDeps } from '../record-set.js';

export function registerKudosCommand(
  app: App,
  deps: { kudos: KudosService; log: Logger } & RecordSetDeps,
): void {
  const { kudos } = deps;
  app.command(
    COMMANDS.kudos,
    slashCommand(deps, async ({ command }, recordsOf) => {
      const teamId = await recordsOf();
      const parsed = parseKudosCommand(command.text);
      switch (parsed.kind) {
        case 'help':
          return kudosHelp(await kudos.currentEmoji(teamId));
        case 'mine':
          return kudosSummaryReply(await kudos.summary(teamId, command.user_id));
        case 'emoji':
          if (parsed.names.length === 0) return kudosEmojiReply(await kudos.currentEmoji(teamId), false);
          return kudosEmojiReply(await kudos.replaceEmoji(teamId, command.user_id, parsed.names), true);
        case 'budget':
          if (parsed.budget === undefined)
            return kudosBudgetReply(await kudos.budgetStatus(teamId, command.user_id));
          return kudosBudgetChanged(await kudos.setBudget(teamId, command.user_id, parsed.budget));
        case 'give': {
          const result = await kudos.give({
            teamId,
            giverId: command.user_id,
            channelId: command.channel_id,
            recipientIds: parsed.recipientIds,
            reason: parsed.reason,
            request: { source: 'command', commandId: command.trigger_id },
            respondUrl: command.response_url,
          });
          if (result.kind === 'replayed') return kudosAlreadyRecorded(result.recipientIds);
          if (result.kind === 'over_budget') return overBudgetReply(result.refusal);
          // The outbox announces them in the channel.
          return undefined;
        }
      }
    }),
  );
}
