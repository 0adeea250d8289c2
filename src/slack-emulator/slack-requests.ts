import { randomUUID } from 'node:crypto';
import { signatureHeaders } from './signature.js';
import {
  APP_ID,
  BOT_USER_ID,
  type EphemeralMessage,
  type ResponseTarget,
  type SlackStandIn,
  TEAM_ID,
} from './slack-stand-in.js';

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
  /**
   * The stand-in every trigger_id and response_url belongs to; it also knows each person's
   * workspace (their users.info team_id), each channel's workspaces, and which installed the app.
   */
  slack: SlackStandIn;
};

/**
 * What became of a slash command: Slack sent it to the app (its answer is the app's response), or
 * the person's workspace has not installed the app, so Slack sent nothing and Slackbot answered them.
 */
export type CommandOutcome =
  { delivered: true; response: Response } | { delivered: false; slackbot: EphemeralMessage };

/** Something a person did that Slack would never send to the app: a test asking for it is wrong. */
export class NotSentBySlack extends Error {
  override readonly name = 'NotSentBySlack';
}

export type CommandFields = {
  user_id: string;
  command: string;
  text: string;
  channel_id: string;
  channel_name: string;
  /** The workspace the person types it in (their own); the stand-in's record of them if unset. */
  team_id?: string;
  /** A trigger_id chosen by the caller (a replayed command); a new one otherwise. */
  trigger_id?: string;
};

/**
 * An event's envelope: `team_id` names the one workspace the event is sent through (its team_id,
 * authorizations and context_team_id); unset, they follow from the event's channel (eventEnvelope).
 */
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
 *
 * Which workspace each request names is Slack's, for a member of the installed workspace, a partner's
 * member in a Slack Connect channel, and a partner's member in a DM from the bot (see each builder).
 * What Slack never sends (a command or a message shortcut from a workspace that has not installed
 * the app) is not sent: `slashCommand` says what Slack did instead, the others throw NotSentBySlack.
 */
export class SlackRequests {
  private readonly appUrl: string;
  private readonly signingSecret: string;
  private readonly slack: SlackStandIn;

  constructor(options: SlackRequestsOptions) {
    this.appUrl = options.appUrl;
    this.signingSecret = options.signingSecret;
    this.slack = options.slack;
  }

  /**
   * A slash command's form body. Its team_id is the workspace of the person who typed it: Slack
   * sends a command only through that workspace's own installation (docs.slack.dev/apis/
   * slack-connect, "Slash commands are not shared"; Bolt's buildSource reads `team_id` for commands).
   */
  commandBody(fields: CommandFields): string {
    const trigger = this.trigger(fields.user_id, fields.trigger_id);
    return new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: this.teamOf(fields.user_id, fields.team_id),
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

  /**
   * Someone types a slash command. From a workspace that installed the app, Slack sends it (a form
   * body, signed); from any other, nothing reaches the app and Slackbot answers the person alone
   * that it is not a valid command (the stand-in keeps that answer with the other ephemerals).
   */
  async slashCommand(fields: CommandFields, options?: SendOptions): Promise<CommandOutcome> {
    if (!this.slack.installedTeams.has(this.teamOf(fields.user_id, fields.team_id))) {
      const slackbot = this.slack.commandNotInstalled(fields.channel_id, fields.user_id, fields.command);
      return { delivered: false, slackbot };
    }
    return { delivered: true, response: await this.post(this.commandBody(fields), FORM, options) };
  }

  /** A slash command Slack sends the app; NotSentBySlack if the person's workspace never installed it. */
  async command(fields: CommandFields, options?: SendOptions): Promise<Response> {
    const outcome = await this.slashCommand(fields, options);
    if (outcome.delivered) return outcome.response;
    throw new NotSentBySlack(
      `Slack does not send ${fields.command} from ${this.teamOf(fields.user_id, fields.team_id)} to the app: ` +
        `that workspace has not installed it. Slackbot answered: ${outcome.slackbot.text}`,
    );
  }

  /** An Events API envelope around `event`, as Slack posts it (see eventEnvelope). */
  eventBody(event: Record<string, unknown>, envelope: EnvelopeFields = {}): string {
    const eventId = envelope.event_id ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    const full: Record<string, unknown> = { ...event, event_ts: event.event_ts ?? `${Date.now() / 1000}` };
    const item = full.item as { channel?: unknown } | undefined;
    const channel = String(item?.channel ?? full.channel ?? '');
    const teams = channel ? this.slack.teamsOf(channel) : [TEAM_ID];
    const shared = teams.length > 1;
    // A test naming a workspace delivers the event through that workspace's installation.
    return JSON.stringify(
      eventEnvelope(eventId, full, {
        team: shared ? teams[0] : (envelope.team_id ?? teams[0]),
        authorizedTeam: envelope.team_id ?? teams.find((t) => this.slack.installedTeams.has(t)) ?? TEAM_ID,
        isExtShared: shared,
      }),
    );
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

  /**
   * A button, select or picker used somewhere: block_actions. `team` is the installation that
   * posted the message or opened the view (the person's own workspace if it installed the app);
   * `user.team_id` is the person's own workspace. A partner's member clicking a button of the bot's
   * in a shared channel, or in a DM from it, arrives with the installed workspace as `team`
   * (slackapi/bolt-js issue #1614: "This is not the case with `message` and `action` events", where
   * `team` stays the installed workspace; issue 15: "a button click arrives with the posting
   * installation's team"). A view inside carries its team_id and app_installed_team_id as a submission does.
   */
  blockActions(fields: {
    user_id: string;
    /** The person's own workspace; the stand-in's record of them if unset. */
    team_id?: string;
    action: Record<string, unknown>;
    where: ActionPlace;
  }): Promise<Response> {
    const { user_id: user, where } = fields;
    const team = this.teamOf(user, fields.team_id);
    const action = { ...fields.action, action_ts: `${Date.now() / 1000}` };
    const base = (installation: string) => ({
      type: 'block_actions',
      ...this.envelope(user, installation, team),
      trigger_id: this.trigger(user),
      actions: [action],
    });
    if (where.type === 'view') {
      const view = this.viewAsSent(where.view, team);
      return this.payload({
        ...base(String(view.app_installed_team_id)),
        container: { type: 'view', view_id: where.view.id },
        view,
      });
    }
    const installation = this.slack.installationFor(team, where.channel_id);
    const channel = { id: where.channel_id, name: where.channel_name };
    if (where.type === 'ephemeral') {
      return this.payload({
        ...base(installation),
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
      ...base(installation),
      container: { type: 'message', message_ts: ts, channel_id: where.channel_id, is_ephemeral: false },
      channel,
      message: where.message,
      response_url: this.responseUrl({ user, channel: where.channel_id, messageTs: ts }),
    });
  }

  /**
   * A modal's submission: view_submission with the view and its state. `team`, `user.team_id` and
   * `view.team_id` are the workspace of the person who submits; `view.app_installed_team_id` the
   * installation that opened the modal. For a partner's member the two differ (slackapi/bolt-js
   * issue #1614; slackapi/bolt-python tests/scenario_tests/test_view_submission.py
   * `connect_channel_payload`: team, user.team_id and view.team_id "T-other-side",
   * app_installed_team_id "T-installed-workspace"); Bolt's buildSource takes the installation from
   * app_installed_team_id.
   */
  viewSubmission(fields: { user_id: string; team_id?: string; view: Record<string, unknown> }) {
    const team = this.teamOf(fields.user_id, fields.team_id);
    return this.payload({
      type: 'view_submission',
      ...this.envelope(fields.user_id, team, team),
      trigger_id: this.trigger(fields.user_id),
      view: this.viewAsSent(fields.view, team),
      response_urls: [],
    });
  }

  /** A modal closed with its Close button: view_closed (sent only when the view asked for it), as a submission names its workspaces. */
  viewClosed(fields: { user_id: string; team_id?: string; view: Record<string, unknown> }) {
    const team = this.teamOf(fields.user_id, fields.team_id);
    return this.payload({
      type: 'view_closed',
      ...this.envelope(fields.user_id, team, team),
      view: this.viewAsSent(fields.view, team),
      is_cleared: false,
    });
  }

  /**
   * A message shortcut on a message: message_action, through the person's own workspace's
   * installation. Message shortcuts are "limited only to the team that has installed the app"
   * (docs.slack.dev/apis/slack-connect, "Slash commands are not shared"): Slack does not even offer
   * them elsewhere, so asking for one from such a workspace throws NotSentBySlack.
   */
  messageShortcut(fields: {
    user_id: string;
    team_id?: string;
    callback_id: string;
    channel_id: string;
    channel_name: string;
    message: Record<string, unknown> & { ts: string };
  }): Promise<Response> {
    const { user_id: user } = fields;
    const team = this.teamOf(user, fields.team_id);
    if (!this.slack.installedTeams.has(team)) {
      throw new NotSentBySlack(
        `Slack offers no shortcut ${fields.callback_id} to ${user}: ${team} has not installed the app.`,
      );
    }
    return this.payload({
      type: 'message_action',
      ...this.envelope(user, team, team),
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

  /** The workspace a person acts from: the caller's choice, or the stand-in's record of them. */
  private teamOf(user: string, chosen?: string): string {
    return chosen ?? this.slack.teamOf(user);
  }

  /** Who acted, through which installation: the fields every interactivity payload carries. */
  private envelope(user: string, team: string, userTeam: string) {
    return {
      team: { id: team, domain: TEAM_DOMAIN },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: userTeam },
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  /**
   * A view as Slack sends it back: `team_id` the workspace of the person it is open for,
   * `app_installed_team_id` the installation that opened it (the stand-in remembers which; for a
   * view it never opened, the one the person's requests go through).
   */
  private viewAsSent(view: Record<string, unknown>, team: string): Record<string, unknown> & { id: string } {
    const id = String(view.id);
    const installation = this.slack.findView(id)?.appInstalledTeam ?? this.slack.installationFor(team);
    return { ...view, id, team_id: team, app_installed_team_id: installation };
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

/**
 * The Events API envelope, with the fields Slack sends (test/fixtures/slack/events/reaction_added.json).
 * Slack sends an event of a shared channel once to the app (bolt-js issue #687): `team_id` and
 * `context_team_id` name the channel's host workspace (slackapi/bolt-python tests/scenario_tests/
 * test_app_actor_user_token.py: both the event's workspace, with another in authorizations),
 * `authorizations` one installation of the app that can see the event (Bolt's buildSource reads
 * authorizations[0].team_id first), and `is_ext_shared_channel` whether the channel is shared
 * between organisations.
 */
export function eventEnvelope(
  eventId: string,
  event: Record<string, unknown>,
  where: { team?: string; authorizedTeam?: string; isExtShared?: boolean } = {},
): Record<string, unknown> {
  const team = where.team ?? TEAM_ID;
  return {
    token: VERIFICATION_TOKEN,
    team_id: team,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: where.authorizedTeam ?? team,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: where.isExtShared ?? false,
    event_context: `4-${eventId}`,
    context_team_id: team,
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
