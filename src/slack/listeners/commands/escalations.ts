import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { NO_LEVELS, type EscalationsService } from '../../../escalations/escalations-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { ESCALATIONS } from '../../ids.js';
import { openModalThenFill } from '../../open-modal.js';
import { escalationHelp } from '../../views/escalations/messages.js';
import { ESCALATION_TITLE, escalationModal } from '../../views/escalations/modal.js';
import { plainMessage } from '../../views/blocks.js';
import type { RecordSetDeps } from '../record-set.js';
import { slashCommand } from '../slash-command.js';

/**
 * The form, once the channel's charter is known to name a level 1; else the refusal says how to set
 * the levels. Within the trigger's 3 seconds (openModalThenFill).
 */
export async function openEscalationForm(
  deps: { escalations: EscalationsService; log: Logger },
  open: { client: Parameters<typeof openModalThenFill>[0]['client']; triggerId: string },
  channel: () => Promise<{ teamId: string; channelId: string }>,
  source: { sourceTs: string | null; threadTs: string | null },
): Promise<void> {
  await openModalThenFill(
    { client: open.client, log: deps.log },
    { triggerId: open.triggerId, title: ESCALATION_TITLE },
    async () => {
      const c = await channel();
      const levels = await deps.escalations.charterLevels(c);
      if (!levels.some((l) => l.level === 1)) throw new UserError(NO_LEVELS, 'no_levels');
      return escalationModal({ channelId: c.channelId, ...source, submissionId: randomUUID() });
    },
  );
}

/** `/escalate` opens the form (or says how to set the levels, with `/charter`); `/escalate help`. */
export function registerEscalateCommand(
  app: App,
  deps: { escalations: EscalationsService; log: Logger } & RecordSetDeps,
): void {
  app.command(
    ESCALATIONS.command,
    slashCommand(deps, async ({ command, client }, recordsOf) => {
      const word = command.text.trim().toLowerCase();
      if (word === 'help') return escalationHelp();
      if (word !== '') {
        return plainMessage(
          '`/escalate` takes no words: it opens the form. Try `/escalate` or `/escalate help`.',
        );
      }
      await openEscalationForm(
        deps,
        { client, triggerId: command.trigger_id },
        async () => ({ teamId: await recordsOf(), channelId: command.channel_id }),
        { sourceTs: null, threadTs: null },
      );
      return undefined;
    }),
  );
}
