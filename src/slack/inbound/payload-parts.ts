import { z } from 'zod';
import { MESSAGE_TS, SLACK_ID } from '../../slack-values.js';

/**
 * The parts of Slack's payloads that Rapport reads, as zod checks them at the edge before any
 * listener runs (src/slack/inbound/check-inbound.ts). Each object passes through the fields it does
 * not name: a check is about what Rapport relies on, never about what Slack may add. Shapes from
 * Slack's references (docs.slack.dev/reference/events/*, docs.slack.dev/reference/interaction-
 * payloads/*) and the payloads in ../shared/slack-fixtures/.
 */

export const slackId = z.string().regex(SLACK_ID, 'is not a Slack id');

export const messageTs = z.string().regex(MESSAGE_TS, 'is not a message timestamp');

/** Text Rapport reads from a payload: a string, of a length Slack could send. */
export const text = (max: number) => z.string().max(max, `is longer than ${String(max)} characters`);

export const userRef = z.object({ id: slackId }).passthrough();
export const teamRef = z.object({ id: slackId }).passthrough().nullable().optional();
export const channelRef = z.object({ id: slackId }).passthrough();

/** A modal's inputs as Slack sends them: block_id → action_id → the element's state. */
export const viewValues = z.record(z.string(), z.record(z.string(), z.object({}).passthrough()));

/** A modal, as a view_submission or an action inside a modal carries it. */
export const submittedView = z
  .object({
    id: slackId,
    callback_id: text(255),
    private_metadata: text(3000).optional(),
    hash: text(255).optional(),
    team_id: slackId.nullable().optional(),
    app_installed_team_id: slackId.nullable().optional(),
    state: z.object({ values: viewValues }).passthrough(),
  })
  .passthrough();

/** Where an interaction came from, enough for Bolt to find the installation (its buildSource). */
export const interactionBase = {
  user: z.object({ id: slackId, team_id: slackId.optional() }).passthrough(),
  team: teamRef,
  enterprise: z
    .object({ id: text(50) })
    .passthrough()
    .nullable()
    .optional(),
  response_url: z.string().url().optional(),
};
