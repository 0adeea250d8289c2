import { randomUUID } from 'node:crypto';
import { signatureHeaders } from './signature.js';
import { APP_ID, BOT_USER_ID, type ResponseTarget, type SlackStandIn, TEAM_ID } from './slack-stand-in.js';

/** What the app answered, as Slack would read it. */
export type AppAnswer = { status: number; body: Record<string, unknown> | null };

/** How a request is signed and sent: for tests of what the app refuses. */
export type SendOptions = {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Sign with this secret instead of the app's. */
  secret?: string;
  /** Leave the signature headers out entirely. */
  unsigned?: boolean;
  headers?: Record<string, string>;
};

export type SlackRequestsOptions = {
  /** The app's base URL; requests go to its Request URL, /slack/events. */
  appUrl: string;
  signingSecret: string;
  /** The stand-in every trigger_id and response_url belongs to. */
  slack: SlackStandIn;
  /** The team a person belongs to (a partner workspace's people in a shared channel); TEAM_ID if unset. */
  teamOf?: (userId: string) => string;
};

export type CommandFields = {
  user_id: string;
  command: string;
  text: string;
  channel_id: string;
  channel_name: string;
  team_id?: string;
  /** A trigger_id chosen by the caller (a replayed command); a new one otherwise. */
  trigger_id?: string;
};

export type EnvelopeFields = { event_id?: string; team_id?: string; retryNum?: number };

/** Where an action was taken: a message, someone's ephemeral message, or a view (a modal, a Home tab). */
export type ActionPlace =
  | { type: 'message'; channel_id: string; channel_name: string; message: Record<string, unknown> }
  | { type: 'ephemeral'; channel_id: string; channel_name: string; id: string }
  | { type: 'view'; view: Record<string, unknown> & { id: string } };

/** The verification token Slack still puts in every request (apps verify the signature instead). */
const VERIFICATION_TOKEN = 'legacy-verification-token';
/** The workspace's subdomain, as auth.test's url names it. */
const TEAM_DOMAIN = 'rapport-playground';
const FORM = 'application/x-www-form-urlencoded';

/**
 * The requests Slack sends an app, signed with the app's signing secret and posted to its Request
 * URL: slash commands, events, and interactivity payloads. The shapes are Slack's
 * (test/unit/slack-emulator-requests.test.ts compares them with Slack's own examples in
 * test/fixtures/slack). Each trigger_id and response_url is registered with the stand-in, so a modal
 * opens for the person who acted and a response_url's answer reaches them.
 */
export class SlackRequests {
  private readonly appUrl: string;
  private readonly signingSecret: string;
  private readonly slack: SlackStandIn;
  private readonly teamOf: (userId: string) => string;

  constructor(options: SlackRequestsOptions) {
    this.appUrl = options.appUrl;
    this.signingSecret = options.signingSecret;
    this.slack = options.slack;
    this.teamOf = options.teamOf ?? (() => TEAM_ID);
  }

  /** A slash command's form body. */
  commandBody(fields: CommandFields): string {
    const trigger = this.trigger(fields.user_id, fields.trigger_id);
    return new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: fields.team_id ?? TEAM_ID,
      team_domain: TEAM_DOMAIN,
      channel_id: fields.channel_id,
      channel_name: fields.channel_name,
      user_id: fields.user_id,
      user_name: fields.user_id.toLowerCase(),
      command: fields.command,
      text: fields.text,
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: this.responseUrl({ user: fields.user_id, channel: fields.channel_id }),
      trigger_id: trigger,
    }).toString();
  }

  /** A slash command as Slack sends it: a form body, signed. */
  command(fields: CommandFields, options?: SendOptions): Promise<Response> {
    return this.post(this.commandBody(fields), FORM, options);
  }

  /** An Events API envelope around `event`, as Slack posts it. */
  eventBody(event: Record<string, unknown>, envelope: EnvelopeFields = {}): string {
    const eventId = envelope.event_id ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    const full = { ...event, event_ts: event.event_ts ?? `${Date.now() / 1000}` };
    return JSON.stringify(eventEnvelope(eventId, full, envelope.team_id));
  }

  /** An event; a retry (`retryNum`) carries Slack's retry headers. */
  event(event: Record<string, unknown>, envelope: EnvelopeFields = {}, options: SendOptions = {}) {
    const headers = { ...options.headers };
    if (envelope.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(envelope.retryNum);
      headers['x-slack-retry-reason'] = 'http_error';
    }
    return this.post(this.eventBody(event, envelope), 'application/json', { ...options, headers });
  }

  /** A button, select or picker used somewhere: block_actions. */
  blockActions(fields: {
    user_id: string;
    team_id?: string;
    action: Record<string, unknown>;
    where: ActionPlace;
  }): Promise<Response> {
    const { user_id: user, where } = fields;
    const action = { ...fields.action, action_ts: `${Date.now() / 1000}` };
    const base = {
      type: 'block_actions',
      ...this.envelope(user, fields.team_id),
      trigger_id: this.trigger(user),
      actions: [action],
    };
    if (where.type === 'view') {
      return this.payload({ ...base, container: { type: 'view', view_id: where.view.id }, view: where.view });
    }
    const channel = { id: where.channel_id, name: where.channel_name };
    if (where.type === 'ephemeral') {
      return this.payload({
        ...base,
        container: {
          type: 'message',
          message_ts: `${Date.now() / 1000}`,
          channel_id: where.channel_id,
          is_ephemeral: true,
        },
        channel,
        response_url: this.responseUrl({ user, channel: where.channel_id, ephemeralId: where.id }),
      });
    }
    const ts = String(where.message.ts);
    return this.payload({
      ...base,
      container: { type: 'message', message_ts: ts, channel_id: where.channel_id, is_ephemeral: false },
      channel,
      message: where.message,
      response_url: this.responseUrl({ user, channel: where.channel_id, messageTs: ts }),
    });
  }

  /** A modal's submission: view_submission with the view and its state. */
  viewSubmission(fields: { user_id: string; team_id?: string; view: Record<string, unknown> }) {
    return this.payload({
      type: 'view_submission',
      ...this.envelope(fields.user_id, fields.team_id),
      trigger_id: this.trigger(fields.user_id),
      view: fields.view,
      response_urls: [],
    });
  }

  /** A modal closed with its Close button: view_closed (sent only when the view asked for it). */
  viewClosed(fields: { user_id: string; team_id?: string; view: Record<string, unknown> }) {
    return this.payload({
      type: 'view_closed',
      ...this.envelope(fields.user_id, fields.team_id),
      view: fields.view,
      is_cleared: false,
    });
  }

  /** A message shortcut on a message: message_action. */
  messageShortcut(fields: {
    user_id: string;
    team_id?: string;
    callback_id: string;
    channel_id: string;
    channel_name: string;
    message: Record<string, unknown> & { ts: string };
  }): Promise<Response> {
    const { user_id: user } = fields;
    return this.payload({
      type: 'message_action',
      ...this.envelope(user, fields.team_id),
      callback_id: fields.callback_id,
      trigger_id: this.trigger(user),
      action_ts: `${Date.now() / 1000}`,
      message_ts: fields.message.ts,
      response_url: this.responseUrl({ user, channel: fields.channel_id }),
      channel: { id: fields.channel_id, name: fields.channel_name },
      message: fields.message,
    });
  }

  /** Posts `body` to the app's Request URL, signed as Slack signs it (unless `options` say otherwise). */
  post(body: string, contentType: string, options: SendOptions = {}): Promise<Response> {
    const secret = options.secret ?? this.signingSecret;
    const headers = {
      'content-type': contentType,
      ...(options.unsigned ? {} : signatureHeaders(secret, body, options.timestamp)),
      ...options.headers,
    };
    return fetch(`${this.appUrl}/slack/events`, { method: 'POST', headers, body });
  }

  /** Who acted, where: the fields every interactivity payload carries. */
  private envelope(user: string, teamId?: string) {
    return {
      team: { id: teamId ?? TEAM_ID, domain: TEAM_DOMAIN },
      user: {
        id: user,
        username: user.toLowerCase(),
        name: user.toLowerCase(),
        team_id: teamId ?? this.teamOf(user),
      },
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  /** A trigger_id sent now for `user` (or the one the caller chose), registered with the stand-in. */
  private trigger(user: string, chosen?: string): string {
    const id = chosen ?? `${Date.now()}.${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    this.slack.recordTrigger(id, user);
    return id;
  }

  private responseUrl(target: ResponseTarget): string {
    const id = randomUUID();
    this.slack.responseTargets.set(id, target);
    return this.slack.responseUrl(id);
  }

  /** Interactivity arrives as a form with one field, `payload`, holding the JSON. */
  private payload(payload: Record<string, unknown>): Promise<Response> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  }
}

/** The Events API envelope, with the fields Slack sends (test/fixtures/slack/events/reaction_added.json). */
export function eventEnvelope(
  eventId: string,
  event: Record<string, unknown>,
  teamId = TEAM_ID,
): Record<string, unknown> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
    context_team_id: teamId,
    context_enterprise_id: null,
  };
}

/** The app's answer read as Slack reads it: JSON, plain text (a command's reply), or nothing. */
export async function readAnswer(response: Response): Promise<AppAnswer> {
  const text = await response.text();
  if (!text.trim()) return { status: response.status, body: null };
  try {
    const parsed = JSON.parse(text) as unknown;
    const body =
      typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { text };
    return { status: response.status, body };
  } catch {
    return { status: response.status, body: { text } };
  }
}
