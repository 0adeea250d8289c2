import { createHmac, randomUUID } from 'node:crypto';
import { APP_ID, BOT_USER_ID, type SlackStandIn, TEAM_ID } from './slack-stand-in.js';

/** What the app answered, as Slack would read it. */
export type AppAnswer = { status: number; body: Record<string, unknown> | null };

/**
 * The requests Slack sends an app, built for the playground's people and signed with the app's
 * signing secret, posted to its Request URL: slash commands, events, and interactivity payloads.
 * The shapes are Slack's (test/unit/playground-requests.test.ts compares them with Slack's own
 * examples). Each trigger_id and response_url is registered with the stand-in, so a modal opens for
 * the person who acted and a response_url's answer reaches them.
 */
export class SlackRequests {
  constructor(
    private readonly appUrl: string,
    private readonly signingSecret: string,
    private readonly slack: SlackStandIn,
    private readonly teamOf: (userId: string) => string,
  ) {}

  async command(fields: {
    user: string;
    channel: string;
    channelName: string;
    command: string;
    text: string;
  }) {
    const trigger = this.trigger(fields.user);
    const responseUrl = this.responseUrl({ user: fields.user, channel: fields.channel });
    const body = new URLSearchParams({
      token: 'playground-verification-token',
      team_id: TEAM_ID,
      team_domain: 'rapport-playground',
      channel_id: fields.channel,
      channel_name: fields.channelName,
      user_id: fields.user,
      user_name: fields.user.toLowerCase(),
      command: fields.command,
      text: fields.text,
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: trigger,
    }).toString();
    return this.post(body, 'application/x-www-form-urlencoded');
  }

  /** An Events API envelope around `event`, as Slack posts it. */
  event(event: Record<string, unknown>) {
    const eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    return this.post(
      JSON.stringify(
        eventEnvelope(eventId, { ...event, event_ts: event.event_ts ?? `${Date.now() / 1000}` }),
      ),
      'application/json',
    );
  }

  /** A button, select or picker used somewhere: block_actions. */
  blockActions(fields: {
    user: string;
    action: Record<string, unknown>;
    where:
      | { type: 'message'; channel: string; channelName: string; message: Record<string, unknown> }
      | { type: 'ephemeral'; channel: string; channelName: string; id: string }
      | { type: 'view'; view: Record<string, unknown> & { id: string } };
  }) {
    const { user, where } = fields;
    const trigger = this.trigger(user);
    const action = { ...fields.action, action_ts: `${Date.now() / 1000}` };
    const base = { type: 'block_actions', ...this.envelope(user), trigger_id: trigger, actions: [action] };
    if (where.type === 'view') {
      return this.payload({ ...base, container: { type: 'view', view_id: where.view.id }, view: where.view });
    }
    const channel = { id: where.channel, name: where.channelName };
    if (where.type === 'ephemeral') {
      return this.payload({
        ...base,
        container: {
          type: 'message',
          message_ts: `${Date.now() / 1000}`,
          channel_id: where.channel,
          is_ephemeral: true,
        },
        channel,
        response_url: this.responseUrl({ user, channel: where.channel, ephemeralId: where.id }),
      });
    }
    const ts = String(where.message.ts);
    return this.payload({
      ...base,
      container: { type: 'message', message_ts: ts, channel_id: where.channel, is_ephemeral: false },
      channel,
      message: where.message,
      response_url: this.responseUrl({ user, channel: where.channel, messageTs: ts }),
    });
  }

  /** A modal's submission: view_submission with the view and its state. */
  viewSubmission(user: string, view: Record<string, unknown>) {
    return this.payload({
      type: 'view_submission',
      ...this.envelope(user),
      trigger_id: this.trigger(user),
      view,
      response_urls: [],
    });
  }

  /** A modal closed with its Close button: view_closed (sent only when the view asked for it). */
  viewClosed(user: string, view: Record<string, unknown>) {
    return this.payload({ type: 'view_closed', ...this.envelope(user), view, is_cleared: false });
  }

  /** A message shortcut on a message: message_action. */
  messageShortcut(fields: {
    user: string;
    callbackId: string;
    channel: string;
    channelName: string;
    message: Record<string, unknown>;
  }) {
    const { user } = fields;
    return this.payload({
      type: 'message_action',
      ...this.envelope(user),
      callback_id: fields.callbackId,
      trigger_id: this.trigger(user),
      action_ts: `${Date.now() / 1000}`,
      message_ts: fields.message.ts,
      response_url: this.responseUrl({ user, channel: fields.channel }),
      channel: { id: fields.channel, name: fields.channelName },
      message: fields.message,
    });
  }

  private envelope(user: string) {
    const teamId = this.teamOf(user);
    return {
      team: { id: TEAM_ID, domain: 'rapport-playground' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: teamId },
      api_app_id: APP_ID,
      token: 'playground-verification-token',
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  private trigger(user: string): string {
    const id = `${Date.now()}.${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    this.slack.recordTrigger(id, user);
    return id;
  }

  private responseUrl(target: Parameters<SlackStandIn['respondTo']>[0]): string {
    const id = randomUUID();
    this.slack.responseTargets.set(id, target);
    return this.slack.responseUrl(id);
  }

  /** Interactivity arrives as a form with one field, `payload`, holding the JSON. */
  private payload(payload: Record<string, unknown>) {
    return this.post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );
  }

  private async post(body: string, contentType: string): Promise<AppAnswer> {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', this.signingSecret)
      .update(`v0:${timestamp}:${body}`)
      .digest('hex');
    const response = await fetch(`${this.appUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': `v0=${signature}`,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: parseAnswer(text) };
  }
}

/** The Events API envelope, with the fields Slack sends (test/fixtures/slack/events/reaction_added.json). */
export function eventEnvelope(eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: TEAM_ID,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
    context_team_id: TEAM_ID,
    context_enterprise_id: null,
  };
}

/** An app answers with JSON, plain text (a command's reply), or nothing. */
function parseAnswer(text: string): Record<string, unknown> | null {
  if (!text.trim()) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { text };
  } catch {
    return { text };
  }
}
