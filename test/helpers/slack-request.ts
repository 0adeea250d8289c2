import { createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { projectPath } from '../../src/project-path.js';
import { TEAM_ID } from './fake-slack.js';
import { loadFixture } from './fixtures.js';

export const SIGNING_SECRET = 'test-signing-secret-4f2a9c1e7b';

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{raw body}"). */
export function signature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export type SendOptions = {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  secret?: string;
  /** Leave the signature headers out entirely. */
  unsigned?: boolean;
  headers?: Record<string, string>;
};

/** Builds Slack's requests from the fixture shapes, signs them, and posts them to the app. */
export class SlackRequests {
  private triggerCounter = 0;

  constructor(
    private readonly appUrl: string,
    private readonly responseUrl: (id: string) => string,
    /** Tells fake Slack of each trigger_id sent, and whose, so it can expire and open modals as Slack does. */
    private readonly recordTrigger: (triggerId: string, userId: string) => void = () => {},
  ) {}

  /** A trigger_id for a request from `userId` (or the one a test chose), recorded as sent now. */
  private trigger(userId: string, chosen?: string): string {
    const id = chosen ?? `${Date.now()}.${randomUUID().slice(0, 8)}`;
    this.recordTrigger(id, userId);
    return id;
  }

  async post(body: string, contentType: string, options: SendOptions = {}): Promise<Response> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType, ...options.headers };
    if (!options.unsigned) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = signature(options.secret ?? SIGNING_SECRET, timestamp, body);
    }
    return fetch(`${this.appUrl}/slack/events`, { method: 'POST', headers, body });
  }

  commandBody(fields: {
    command?: string;
    text: string;
    user_id: string;
    channel_id?: string;
    team_id?: string;
    trigger_id?: string;
  }): string {
    this.triggerCounter += 1;
    const trigger = this.trigger(
      fields.user_id,
      fields.trigger_id ?? `${Date.now()}.${this.triggerCounter}.${randomUUID().slice(0, 8)}`,
    );
    const payload = {
      ...loadFixture('interactivity/slash_command.json'),
      token: 'legacy-verification-token',
      api_app_id: 'A0RAPPORT',
      team_id: fields.team_id ?? TEAM_ID,
      team_domain: 'rapport-test',
      enterprise_id: '',
      enterprise_name: '',
      channel_id: fields.channel_id ?? 'C0GENERAL',
      channel_name: 'general',
      user_id: fields.user_id,
      user_name: fields.user_id.toLowerCase(),
      command: fields.command ?? '/kudos',
      text: fields.text,
      response_url: this.responseUrl(trigger),
      trigger_id: trigger,
      is_enterprise_install: 'false',
    };
    return new URLSearchParams(payload as Record<string, string>).toString();
  }

  /** A slash command as Slack sends it: a form body, signed. */
  command(fields: Parameters<SlackRequests['commandBody']>[0], options?: SendOptions): Promise<Response> {
    return this.post(this.commandBody(fields), 'application/x-www-form-urlencoded', options);
  }

  /** An Events API envelope around `event`, as Slack posts it. */
  eventBody(event: Record<string, unknown>, envelope: { event_id?: string; team_id?: string } = {}): string {
    // Event types without a fixture of their own share the reaction_added envelope.
    const fixture = (
      existsSync(projectPath('test', 'fixtures', 'slack', 'events', `${String(event.type)}.json`))
        ? loadFixture(`events/${String(event.type)}.json`)
        : { ...loadFixture('events/reaction_added.json'), event: {} }
    ) as { event?: Record<string, unknown> };
    const teamId = envelope.team_id ?? TEAM_ID;
    return JSON.stringify({
      ...fixture,
      token: 'legacy-verification-token',
      team_id: teamId,
      enterprise_id: undefined,
      api_app_id: 'A0RAPPORT',
      event: { ...fixture.event, ...event },
      type: 'event_callback',
      event_id: envelope.event_id ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: teamId,
          user_id: 'U0RAPPBOT',
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomUUID()}`,
      context_team_id: teamId,
      context_enterprise_id: null,
    });
  }

  event(
    event: Record<string, unknown>,
    envelope: { event_id?: string; team_id?: string; retryNum?: number } = {},
    options: SendOptions = {},
  ): Promise<Response> {
    const headers = { ...options.headers };
    if (envelope.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(envelope.retryNum);
      headers['x-slack-retry-reason'] = 'http_error';
    }
    return this.post(this.eventBody(event, envelope), 'application/json', { ...options, headers });
  }

  /** A click on a button, as Slack sends it: a form with one `payload` field. */
  blockAction(fields: Parameters<SlackRequests['blockActionBody']>[0]): Promise<Response> {
    return this.post(this.blockActionBody(fields), FORM);
  }

  blockActionBody(fields: {
    user_id: string;
    action_id: string;
    value: string;
    channel_id?: string;
    team_id?: string;
  }): string {
    const trigger = this.trigger(fields.user_id);
    const payload = {
      type: 'block_actions',
      ...interactionEnvelope(fields.user_id, fields.team_id),
      container: {
        type: 'message',
        message_ts: '1700000000.000001',
        channel_id: fields.channel_id ?? 'D0DIRECT',
        is_ephemeral: false,
      },
      trigger_id: trigger,
      channel: { id: fields.channel_id ?? 'D0DIRECT', name: 'directmessage' },
      message: { type: 'message', ts: '1700000000.000001', text: 'prompt' },
      response_url: this.responseUrl(trigger),
      actions: [buttonAction(fields.action_id, fields.value)],
    };
    return payloadBody(payload);
  }

  /**
   * A click on a button in the app's Home tab, as Slack sends it: the container is the home view,
   * and there is neither a channel nor a response_url.
   */
  homeButton(fields: {
    user_id: string;
    action_id: string;
    value: string;
    team_id?: string;
  }): Promise<Response> {
    const teamId = fields.team_id ?? TEAM_ID;
    const view = { id: 'V0HOMETAB1', hash: '1700000000.home01', callback_id: '', private_metadata: '' };
    return this.postPayload({
      type: 'block_actions',
      ...interactionEnvelope(fields.user_id, teamId),
      ...viewContainer(teamId, 'home', view, {}),
      trigger_id: this.trigger(fields.user_id),
      actions: [buttonAction(fields.action_id, fields.value)],
    });
  }

  /**
   * A choice in a select menu inside an open modal, as Slack sends it: the container is the view,
   * and the payload carries the view with its id, hash, private_metadata and state.
   */
  viewBlockAction(fields: {
    user_id: string;
    action_id: string;
    block_id: string;
    selected_value: string;
    view: { id: string; hash: string; callback_id: string; private_metadata: string };
    values?: Record<string, Record<string, Record<string, unknown>>>;
    team_id?: string;
  }): Promise<Response> {
    const teamId = fields.team_id ?? TEAM_ID;
    const payload = {
      type: 'block_actions',
      ...interactionEnvelope(fields.user_id, teamId),
      ...viewContainer(teamId, 'modal', fields.view, fields.values ?? {}),
      trigger_id: this.trigger(fields.user_id),
      actions: [
        {
          type: 'static_select',
          action_id: fields.action_id,
          block_id: fields.block_id,
          selected_option: {
            text: { type: 'plain_text', text: fields.selected_value },
            value: fields.selected_value,
          },
          action_ts: `${Date.now() / 1000}`,
        },
      ],
      is_enterprise_install: false,
    };
    return this.postPayload(payload);
  }

  /** A modal's submission, with `values` as Slack puts them: state.values[block_id][action_id]. */
  viewSubmission(fields: Parameters<SlackRequests['viewSubmissionBody']>[0]): Promise<Response> {
    return this.post(this.viewSubmissionBody(fields), FORM);
  }

  viewSubmissionBody(fields: {
    user_id: string;
    callback_id: string;
    private_metadata: string;
    // Each input as Slack reports it: `value`, `selected_option`, `selected_users`, … by element type.
    values: Record<string, Record<string, { type: string; value?: string | null } & Record<string, unknown>>>;
    team_id?: string;
    /** The open modal's id; each modal Slack opens has its own. */
    view_id?: string;
  }): string {
    const teamId = fields.team_id ?? TEAM_ID;
    const payload = {
      type: 'view_submission',
      ...interactionEnvelope(fields.user_id, teamId),
      trigger_id: this.trigger(fields.user_id),
      view: {
        id: fields.view_id ?? 'V0MODAL01',
        team_id: teamId,
        type: 'modal',
        callback_id: fields.callback_id,
        private_metadata: fields.private_metadata,
        state: { values: fields.values },
        hash: '1700000000.abcdef',
        title: { type: 'plain_text', text: 'Stand-up' },
        blocks: [],
      },
      response_urls: [],
      is_enterprise_install: false,
    };
    return payloadBody(payload);
  }

  /**
   * A message shortcut on a message, as Slack sends it (type message_action; the fields of Bolt's
   * MessageShortcut and Slack's "Shortcuts interaction payloads" reference): a form with one
   * `payload` field.
   */
  messageShortcut(fields: Parameters<SlackRequests['messageShortcutBody']>[0]): Promise<Response> {
    return this.post(this.messageShortcutBody(fields), FORM);
  }

  messageShortcutBody(fields: {
    user_id: string;
    callback_id: string;
    channel_id?: string;
    /** `user: null` with a `bot_id`: a bot's post, which has no author user. */
    message: { ts: string; text?: string; user?: string | null; bot_id?: string; thread_ts?: string };
    team_id?: string;
  }): string {
    const trigger = this.trigger(fields.user_id);
    const teamId = fields.team_id ?? TEAM_ID;
    const payload = {
      type: 'message_action',
      ...interactionEnvelope(fields.user_id, teamId),
      callback_id: fields.callback_id,
      trigger_id: trigger,
      action_ts: `${Date.now() / 1000}`,
      message_ts: fields.message.ts,
      response_url: this.responseUrl(trigger),
      channel: { id: fields.channel_id ?? 'C0GENERAL', name: 'general' },
      message: {
        type: 'message',
        ...(fields.message.user === null ? {} : { user: fields.message.user ?? 'U0SOMEONE' }),
        ...(fields.message.bot_id ? { bot_id: fields.message.bot_id } : {}),
        text: fields.message.text ?? '',
        ts: fields.message.ts,
        ...(fields.message.thread_ts ? { thread_ts: fields.message.thread_ts } : {}),
        team: teamId,
      },
      is_enterprise_install: false,
      enterprise: null,
    };
    return payloadBody(payload);
  }

  private postPayload(payload: object): Promise<Response> {
    return this.post(payloadBody(payload), FORM);
  }
}

const FORM = 'application/x-www-form-urlencoded';

/** Interactivity arrives as a form with one field, `payload`, holding the JSON. */
function payloadBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A clicked button as block_actions lists it. */
function buttonAction(actionId: string, value: string) {
  return {
    type: 'button',
    action_id: actionId,
    block_id: 'b1',
    text: { type: 'plain_text', text: 'Button' },
    value,
    action_ts: `${Date.now() / 1000}`,
  };
}

/** The container and view of an action taken inside a view (a modal, or the Home tab). */
function viewContainer(
  teamId: string,
  type: 'modal' | 'home',
  view: { id: string; hash: string; callback_id: string; private_metadata: string },
  values: Record<string, unknown>,
) {
  return {
    container: { type: 'view', view_id: view.id },
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    view: {
      id: view.id,
      team_id: teamId,
      type,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      state: { values },
      hash: view.hash,
      ...(type === 'modal' ? { title: { type: 'plain_text', text: 'Modal' } } : {}),
      blocks: [],
      root_view_id: view.id,
      previous_view_id: null,
      app_id: 'A0RAPPORT',
      bot_id: 'B0RAPPBOT',
    },
  };
}

/** The fields every interactivity payload carries about who acted, where. */
function interactionEnvelope(userId: string, teamId = TEAM_ID) {
  return {
    team: { id: teamId, domain: 'rapport-test' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId },
    api_app_id: 'A0RAPPORT',
    token: 'legacy-verification-token',
  };
}

let eventClock = 1_700_000_000;

/** A reaction_added or reaction_removed event with increasing event_ts, as Slack orders them. */
export function reactionEvent(fields: {
  type?: 'reaction_added' | 'reaction_removed';
  user: string;
  item_user?: string;
  reaction?: string;
  channel?: string;
  ts?: string;
  event_ts?: string;
  itemType?: string;
}): Record<string, unknown> {
  eventClock += 1;
  return {
    type: fields.type ?? 'reaction_added',
    user: fields.user,
    item: {
      type: fields.itemType ?? 'message',
      channel: fields.channel ?? 'C0GENERAL',
      ts: fields.ts ?? '1700000000.000100',
    },
    reaction: fields.reaction ?? 'clap',
    item_user: fields.item_user,
    event_ts: fields.event_ts ?? `${eventClock}.000200`,
  };
}
