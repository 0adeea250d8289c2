import { z } from 'zod';
import {
  ACTIONS,
  CHARTER,
  COMMANDS,
  HEALTH,
  CREDITS,
  DECISIONS,
  ESCALATIONS,
  RAPPORT,
  GIVES,
  HOME,
  KUDOS,
  PLAYBOOKS,
  PULSE,
  RETRO,
  REVIEWS,
  PAIRS,
  RITUAL_SETTINGS,
  TIME_ZONE,
  VIEWS,
} from '../ids.js';
import { channelRef, interactionBase, messageTs, slackId, submittedView, text } from './payload-parts.js';

/**
 * One schema for each block action, view submission and message shortcut Rapport handles, by its
 * action_id or callback_id. A listener registered without one here is refused when the app is built
 * (src/slack/inbound/require-schemas.ts), so the two lists cannot drift apart.
 */

/** The block action's own element: what `action` is in a listener. */
const button = z
  .object({ type: z.literal('button'), action_id: text(255), value: text(2000).optional() })
  .passthrough();
const staticSelect = z
  .object({
    type: z.literal('static_select'),
    action_id: text(255),
    selected_option: z
      .object({ value: text(150) })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();
const usersSelect = z
  .object({ type: z.literal('multi_users_select'), action_id: text(255), selected_users: z.array(slackId) })
  .passthrough();

const blockAction = (element: z.ZodTypeAny, extra: z.ZodRawShape = {}) =>
  z
    .object({
      type: z.literal('block_actions'),
      ...interactionBase,
      trigger_id: text(255),
      actions: z.tuple([element]).rest(z.unknown()),
      channel: channelRef.optional(),
      container: z
        .object({ channel_id: slackId.optional(), message_ts: messageTs.optional() })
        .passthrough()
        .optional(),
      view: submittedView.optional(),
      ...extra,
    })
    .passthrough();

/** A button in a message that answers through the message's response_url (replaces or adds to it). */
const respondingButton = blockAction(button, { response_url: z.string().url() });
/** A select or picker inside a modal, which redraws the modal it is in. */
const inModal = (element: z.ZodTypeAny) => blockAction(element, { view: submittedView });

export const ACTION_PAYLOADS: Record<string, z.ZodTypeAny> = {
  [ACTIONS.standupAnswer]: blockAction(button),
  [ACTIONS.standupSkip]: respondingButton,
  [CHARTER.edit]: blockAction(button),
  [CHARTER.reviewConfirm]: blockAction(button),
  [CHARTER.reviewRevise]: blockAction(button),
  [CREDITS.confirm]: blockAction(button),
  [CREDITS.decline]: blockAction(button),
  [CREDITS.correct]: blockAction(button),
  [CREDITS.people]: inModal(usersSelect),
  [GIVES.confirm]: blockAction(button),
  [GIVES.adjust]: blockAction(button),
  [HEALTH.about]: blockAction(button),
  [GIVES.notHelpful]: blockAction(button),
  [DECISIONS.edit]: blockAction(button),
  [HOME.actionDone]: blockAction(button),
  [HOME.kudosDms]: blockAction(button),
  [PULSE.answer]: blockAction(button),
  [RETRO.addNote]: blockAction(button),
  [RETRO.editNote]: blockAction(button),
  [RETRO.deleteNote]: respondingButton,
  [RETRO.addAction]: blockAction(button),
  [RETRO.actionDone]: respondingButton,
  [RETRO.reminderDone]: blockAction(button),
  [RITUAL_SETTINGS.pick]: inModal(staticSelect),
  [RITUAL_SETTINGS.kind]: inModal(staticSelect),
  [RITUAL_SETTINGS.edit]: blockAction(button),
  [TIME_ZONE.open]: blockAction(button),
  [REVIEWS.answer]: blockAction(button),
  [REVIEWS.logDecision]: blockAction(button),
  [REVIEWS.addAction]: blockAction(button),
  [PLAYBOOKS.debrief]: blockAction(button),
  [PAIRS.join]: blockAction(button),
  [PAIRS.leave]: blockAction(button),
  [PAIRS.met]: respondingButton,
  [ESCALATIONS.resolve]: blockAction(button),
  [RAPPORT.forgetMe]: blockAction(button),
};

const viewSubmission = z
  .object({ type: z.literal('view_submission'), ...interactionBase, view: submittedView })
  .passthrough();

export const VIEW_PAYLOADS: Record<string, z.ZodTypeAny> = Object.fromEntries(
  [
    VIEWS.standupCheckin,
    RITUAL_SETTINGS.view,
    CHARTER.view,
    DECISIONS.view,
    RETRO.noteView,
    RETRO.actionView,
    RETRO.debriefView,
    PULSE.view,
    CREDITS.view,
    CREDITS.correctView,
    GIVES.view,
    GIVES.adjustView,
    KUDOS.view,
    TIME_ZONE.view,
    REVIEWS.view,
    PLAYBOOKS.view,
    ESCALATIONS.view,
    ESCALATIONS.resolveView,
    PAIRS.skillsView,
  ].map((callbackId) => [callbackId, viewSubmission]),
);

/**
 * A message shortcut: the message it was used on, and the response_url every shortcut answers a
 * refusal through (docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload).
 */
const messageShortcut = z
  .object({
    type: z.literal('message_action'),
    ...interactionBase,
    callback_id: text(255),
    trigger_id: text(255),
    response_url: z.string().url(),
    // Without them the listener answers that it could not tell which message it was.
    channel: channelRef.optional(),
    message: z
      .object({
        ts: messageTs,
        text: text(40_000).optional(),
        user: slackId.optional(),
        bot_id: text(50).optional(),
        thread_ts: messageTs.optional(),
      })
      .passthrough()
      .optional(),
    message_ts: messageTs.optional(),
  })
  .passthrough();

export const SHORTCUT_PAYLOADS: Record<string, z.ZodTypeAny> = {
  [KUDOS.shortcut]: messageShortcut,
  [CREDITS.shortcut]: messageShortcut,
  [GIVES.shortcut]: messageShortcut,
  [DECISIONS.shortcut]: messageShortcut,
  [ESCALATIONS.shortcut]: messageShortcut,
};

/**
 * The slash commands Rapport handles. Each listener checks its own fields and answers every
 * problem in words (slash-command.ts), so the edge only knows whether a command is Rapport's.
 */
export const COMMAND_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(COMMANDS),
  RETRO.command,
  CHARTER.command,
  DECISIONS.command,
  CREDITS.command,
  GIVES.command,
  HEALTH.command,
  PAIRS.command,
  ESCALATIONS.command,
  RAPPORT.command,
]);
