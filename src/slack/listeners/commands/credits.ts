import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { CreditsService } from '../../../credits/credits-service.js';
import { parseCreditCommand } from '../../../credits/parse-command.js';
import type { Logger } from '../../../logger.js';
import { CREDITS } from '../../ids.js';
import { creditModal } from '../../views/credits/modal.js';
import {
  creditAlreadySaved,
  creditHelp,
  creditList,
  CREDITS_SHOWN,
  creditSaved,
  personCredits,
} from '../../views/credits/replies.js';
import { slashCommand } from '../slash-command.js';
import type { RecordSetDeps } from '../record-set.js';

/** `/credit`: give credit by typing or with the form, list the channel's credits or a person's. */
export function registerCreditCommand(
  app: App,
  deps: { credits: CreditsService; log: Logger } & RecordSetDeps,
): void {
  app.command(
    CREDITS.command,
    slashCommand(deps, async ({ command, client }, recordsOf) => {
      const parsed = parseCreditCommand(command.text);
      if (parsed.kind === 'help') return creditHelp();
      if (parsed.kind === 'form') {
        // Opened at once, within the trigger's 3 seconds: nothing to look up first.
        await client.views.open({
          trigger_id: command.trigger_id,
          view: creditModal({ channelId: command.channel_id, submissionId: randomUUID(), people: [] }),
        });
        return undefined;
      }
      const channel = { teamId: await recordsOf(), channelId: command.channel_id };
      switch (parsed.kind) {
        case 'list': {
          const { rows, total } = await deps.credits.list(channel, parsed.words, CREDITS_SHOWN);
          return creditList(channel.channelId, rows, total, parsed.words);
        }
        case 'person': {
          const { rows, total } = await deps.credits.ofPersonIn(channel, parsed.userId, CREDITS_SHOWN);
          return personCredits(channel.channelId, parsed.userId, rows, total);
        }
        case 'give': {
          const { credit, contributors, replayed } = await deps.credits.give(
            { ...channel, userId: command.user_id },
            { ...parsed, submissionKey: `command:${command.trigger_id}` },
          );
          if (replayed) return creditAlreadySaved(credit.deliverable);
          return creditSaved(
            credit.deliverable,
            contributors.map((c) => c.contributor_id),
            command.user_id,
          );
        }
      }
    }),
  );
}
