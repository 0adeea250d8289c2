import type { App, BlockButtonAction } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { newFormToken } from '../../../retros/notes.js';
import type { PlaybookService } from '../../../rituals/playbook-service.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import type { Background } from '../../background.js';
import { PLAYBOOKS } from '../../ids.js';
import type { Outbox } from '../../outbox.js';
import { decodePlaybookMetadata, playbookRefused } from '../../views/rituals/playbook.js';
import { debriefModal } from '../../views/retros/modal.js';
import { blockAction } from '../block-action.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';
import { viewSubmission } from '../view-submission.js';

const STALE = 'This form is out of date and nothing was set up. Type `/rituals playbook` again.';

/**
 * A playbook's confirmation: Set it up creates its rituals and posts its kickoff, once for the form
 * (its one-time token), then each new ritual finds its participants. And the debrief prompt's
 * button, which opens the debrief form on the project's last day.
 */
export function registerPlaybookListeners(
  app: App,
  deps: {
    playbooks: PlaybookService;
    rituals: RitualsService;
    background: Background;
    log: Logger;
    outbox: Outbox;
  } & RecordSetDeps,
): void {
  // The form has no input to hang an error on: a refusal (a channel full of rituals, an end date
  // now past, a stale form) replaces the form with what went wrong (response_action "update").
  const refusedAs = (error: UserError) => ({
    response_action: 'update' as const,
    view: playbookRefused(error.userMessage),
  });
  app.view(
    PLAYBOOKS.view,
    viewSubmission(
      deps.log,
      () => ({}),
      async ({ view, body, context }) => {
        const metadata = decodePlaybookMetadata(view.private_metadata);
        if (!metadata) return refusedAs(new UserError(STALE, 'stale_form'));
        const { channelId, token, ...request } = metadata;
        try {
          const teamId = await channelRecords(deps, context, channelId);
          const actor = { teamId, channelId, userId: body.user.id };
          const done = await deps.playbooks.apply(actor, request, `form:${token}`);
          for (const ritual of done?.created ?? []) {
            deps.background.run('ritual participants', () =>
              deps.rituals.syncParticipants(teamId, ritual.id),
            );
          }
          return undefined;
        } catch (error) {
          if (error instanceof UserError) return refusedAs(error);
          throw error;
        }
      },
    ),
  );

  app.action<BlockButtonAction>(
    PLAYBOOKS.debrief,
    blockAction(deps, async ({ body, action, client }) => {
      const channelId =
        body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
      if (!channelId) return;
      const project = (action.value ?? '').slice(0, 80);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: debriefModal({ ref: { channelId, token: newFormToken() }, ...(project ? { project } : {}) }),
      });
    }),
  );
}
