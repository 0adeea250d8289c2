import type { App, webApi } from '@slack/bolt';
import type { GiveKudosInput } from '../../../kudos/give-kudos.js';
import { RecipientError } from '../../../kudos/give-kudos.js';
import { parseKudosForm } from '../../../kudos/kudos-form.js';
import type { KudosService } from '../../../kudos/kudos-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { Background } from '../../background.js';
import { viewSubmission } from '../view-submission.js';
import { KUDOS, kudosBlockId } from '../../ids.js';
import { CANNOT_POST_HERE, slackErrorCode } from '../../errors.js';
import { tellPrivately } from '../../tell-privately.js';
import { kudosAnnouncement } from '../../views/kudos/announcement.js';
import { overBudgetReply } from '../../views/kudos/budget.js';
import {
  decodeKudosMetadata,
  kudosFormErrors,
  readKudosForm,
  recipientProblemText,
  STALE_KUDOS_FORM,
} from '../../views/kudos/modal.js';
import { announcementFailed } from '../../views/kudos/replies.js';

/**
 * The "Give kudos" form's submission: a mistake is marked on its field and nothing is saved; the
 * kudos are recorded before the form closes, then announced in the channel, linked to the message.
 * Over the daily budget, the form closes and the giver hears why, privately.
 */
export function registerKudosView(
  app: App,
  deps: { kudos: KudosService; background: Background; log: Logger },
): void {
  // Whatever give refuses is about who was named.
  const errorsFor = (error: UserError) => ({
    [kudosBlockId('recipients')]:
      error instanceof RecipientError ? recipientProblemText(error.problem) : error.userMessage,
  });
  app.view(
    KUDOS.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, client }) => {
      const metadata = decodeKudosMetadata(view.private_metadata);
      const teamId = body.team?.id ?? view.team_id;
      if (!metadata || !teamId) throw new UserError(STALE_KUDOS_FORM, 'stale_form');
      const form = parseKudosForm(readKudosForm(view.state.values));
      if (!form.ok) return { response_action: 'errors', errors: kudosFormErrors(form.errors) };
      const input: GiveKudosInput = {
        teamId,
        giverId: body.user.id,
        channelId: metadata.channelId,
        recipientIds: form.recipientIds,
        reason: form.reason,
        request: { source: 'shortcut', submissionId: metadata.submissionId, messageTs: metadata.messageTs },
      };
      const result = await deps.kudos.give(input);
      const giver = { channelId: input.channelId, userId: input.giverId };
      if (result.kind === 'over_budget') {
        const reply = overBudgetReply(result.refusal);
        deps.background.run('kudos budget explanation', () => tellPrivately(client, giver, reply));
      } else if (result.kind === 'given') {
        const { announcementId } = result;
        deps.background.run('kudos announcement', () =>
          announce(client, deps.kudos, { ...input, announcementId, messageTs: metadata.messageTs }),
        );
      }
      return undefined;
    }),
  );
}

/** Posts the kudos in the channel with a link to the message; where it cannot, tells the giver. */
async function announce(
  client: webApi.WebClient,
  kudos: KudosService,
  given: GiveKudosInput & { announcementId: number; messageTs: string },
): Promise<void> {
  const { teamId, channelId } = given;
  const messageLink = await client.chat
    .getPermalink({ channel: channelId, message_ts: given.messageTs })
    .then((r) => r.permalink ?? null)
    .catch(() => null);
  const announcement = kudosAnnouncement({
    giverId: given.giverId,
    recipientIds: given.recipientIds,
    reason: given.reason,
    emoji: await kudos.currentEmoji(teamId),
    messageLink,
    dittoable: true,
  });
  try {
    const posted = await client.chat.postMessage({
      channel: channelId,
      ...announcement,
      unfurl_links: false,
    });
    if (posted.ts) await kudos.announced(teamId, given.announcementId, posted.ts);
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code || !CANNOT_POST_HERE.has(code)) throw error;
    await tellPrivately(client, { channelId, userId: given.giverId }, announcementFailed(given.recipientIds));
  }
}
