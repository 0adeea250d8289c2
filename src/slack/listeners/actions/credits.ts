import type { CreditListenerDeps } from '../views/credits.js';
import type { App, BlockAction, BlockButtonAction, MultiUsersSelectAction } from '@slack/bolt';
import type { CreditAnswer } from '../../../credits/credits-service.js';
import { normaliseLink } from '../../../credits/credit-text.js';
import type { ContributorRow } from '../../../db/repos/credits.js';
import { isHashConflict } from '../../errors.js';
import { refreshHomeLater } from '../../home.js';
import { CREDITS } from '../../ids.js';
import { idFromValue } from '../../id-value.js';
import { openModalThenFill } from '../../open-modal.js';
import { plainMessage, type SlackMessage } from '../../views/blocks.js';
import {
  CORRECTION_TITLE,
  correctionModal,
  creditModal,
  decodeCreditMetadata,
  readCreditForm,
} from '../../views/credits/modal.js';
import { type ActionArgs, blockAction } from '../block-action.js';
import { tellActor } from '../tell-actor.js';
import type { Outbox } from '../../outbox.js';
import { installedTeam, rowRecords } from '../record-set.js';

/** The answer already given, when a click repeats it or comes after another. */
function alreadyAnswered(c: ContributorRow): SlackMessage {
  if (c.status === 'declined') return plainMessage('You declined this credit earlier; it shows nowhere.');
  if (c.status === 'confirmed') return plainMessage('You already confirmed this credit; nothing changed.');
  return plainMessage('Nothing changed.');
}

/**
 * A contributor's answers, from their DM or the Home tab alike: the person is body.user and the
 * credit is the button's value, so neither a channel nor the message clicked is needed. Only the
 * person credited may answer; the DM and the channel message are edited through the outbox. Their
 * Home tab is drawn again after each answer, so it shows there at once.
 */
export function registerCreditActions(app: App, deps: CreditListenerDeps & { outbox: Outbox }): void {
  const answerWith = (answer: CreditAnswer) => async (args: ActionArgs) => {
    const rowId = idFromValue(args.action.value);
    if (rowId === undefined) return;
    const teamId = await rowRecords(deps, args.context, 'credit_contributors', rowId);
    try {
      const result = await deps.credits.answer({ teamId, userId: args.body.user.id }, rowId, answer);
      if (!result.changed) await tellActor(deps.outbox, args, alreadyAnswered(result.contributor));
    } finally {
      refreshHomeLater(deps, args.client, installedTeam(args.context), args.body.user.id);
    }
  };

  app.action<BlockButtonAction>(CREDITS.confirm, blockAction(deps, answerWith({ kind: 'confirm' })));
  app.action<BlockButtonAction>(CREDITS.decline, blockAction(deps, answerWith({ kind: 'decline' })));

  app.action<BlockButtonAction>(
    CREDITS.correct,
    blockAction(deps, async ({ body, action, client, context }) => {
      const rowId = idFromValue(action.value);
      if (rowId === undefined) return;
      await openModalThenFill(
        { client, log: deps.log },
        { triggerId: body.trigger_id, title: CORRECTION_TITLE },
        async () => {
          const teamId = await rowRecords(deps, context, 'credit_contributors', rowId);
          const { credit, contributor } = await deps.credits.correctable(
            { teamId, userId: body.user.id },
            rowId,
          );
          return correctionModal(credit, contributor);
        },
      );
    }),
  );

  // Choosing people in the credit form redraws it with one contribution row per person.
  app.action<BlockAction<MultiUsersSelectAction>>(
    CREDITS.people,
    blockAction<BlockAction<MultiUsersSelectAction>>(deps, async ({ body, action, client }) => {
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
    }),
  );
}
