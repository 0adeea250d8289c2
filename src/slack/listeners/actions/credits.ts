import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  BlockButtonAction,
  MultiUsersSelectAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { CreditAnswer, CreditsService } from '../../../credits/credits-service.js';
import { normaliseLink } from '../../../credits/credit-text.js';
import type { ContributorRow } from '../../../db/repos/credits.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { isHashConflict } from '../../errors.js';
import { CREDITS } from '../../ids.js';
import type { Outbox } from '../../outbox.js';
import { idFromValue } from '../../id-value.js';
import { plainMessage, type SlackMessage } from '../../views/blocks.js';
import {
  correctionModal,
  creditModal,
  decodeCreditMetadata,
  readCreditForm,
} from '../../views/credits/modal.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Tells the person who clicked, only them: under the DM they clicked in (its response_url), or by
 * DM when the click came from the Home tab, which has neither a channel nor a response_url.
 */
async function tellClicker(outbox: Outbox, { body, respond }: ButtonArgs, reply: SlackMessage) {
  if (body.response_url) {
    await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
    return;
  }
  const teamId = body.team?.id ?? body.user.team_id ?? '';
  await outbox.say([
    // Once per click, however often Slack delivers it.
    {
      teamId,
      channelId: body.user.id,
      dedupeKey: `credit-click:${body.trigger_id}`,
      view: 'reply',
      data: reply,
    },
  ]);
}

/** The answer already given, when a click repeats it or comes after another. */
function alreadyAnswered(c: ContributorRow): SlackMessage {
  if (c.status === 'declined') return plainMessage('You declined this credit earlier; it shows nowhere.');
  if (c.status === 'confirmed') return plainMessage('You already confirmed this credit; nothing changed.');
  return plainMessage('Nothing changed.');
}

/**
 * A contributor's answers, from their DM or the Home tab alike: the person is body.user and the
 * credit is the button's value, so neither a channel nor the message clicked is needed. Only the
 * person credited may answer; the DM and the channel message are edited through the outbox.
 */
export function registerCreditActions(
  app: App,
  deps: { credits: CreditsService; outbox: Outbox; log: Logger },
): void {
  const answerWith = (answer: CreditAnswer) => async (args: ButtonArgs) => {
    await args.ack();
    const teamId = args.body.team?.id ?? args.body.user.team_id;
    const rowId = idFromValue(args.action.value);
    if (!teamId || rowId === undefined) return;
    try {
      const result = await deps.credits.answer({ teamId, userId: args.body.user.id }, rowId, answer);
      if (!result.changed) await tellClicker(deps.outbox, args, alreadyAnswered(result.contributor));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await tellClicker(deps.outbox, args, plainMessage(error.userMessage));
    }
  };

  app.action<BlockButtonAction>(CREDITS.confirm, answerWith({ kind: 'confirm' }));
  app.action<BlockButtonAction>(CREDITS.decline, answerWith({ kind: 'decline' }));

  app.action<BlockButtonAction>(CREDITS.correct, async (args) => {
    await args.ack();
    const teamId = args.body.team?.id ?? args.body.user.team_id;
    const rowId = idFromValue(args.action.value);
    if (!teamId || rowId === undefined) return;
    try {
      const { credit, contributor } = await deps.credits.correctable(
        { teamId, userId: args.body.user.id },
        rowId,
      );
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: correctionModal(credit, contributor),
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await tellClicker(deps.outbox, args, plainMessage(error.userMessage));
    }
  });

  // Choosing people in the credit form redraws it with one contribution row per person.
  app.action<BlockAction<MultiUsersSelectAction>>(CREDITS.people, async ({ ack, body, action, client }) => {
    await ack();
    const view = body.view;
    const metadata = decodeCreditMetadata(view?.private_metadata);
    if (!view || !metadata) return;
    const form = readCreditForm(view.state.values);
    try {
      // The hash makes Slack refuse the update if the form changed since this choice was made.
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: creditModal({
          ...metadata,
          deliverable: form.deliverable,
          link: form.link ? normaliseLink(form.link) : undefined,
          people: action.selected_users,
          contributions: form.contributions,
        }),
      });
    } catch (error) {
      if (!isHashConflict(error)) throw error;
      deps.log.info({ viewId: view.id }, 'the credit form changed meanwhile; its newer state stays');
    }
  });
}
