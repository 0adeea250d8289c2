import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock.js';
import { validateBlocks, validateView } from './block-kit/index.js';
import {
  channelObject,
  type FakeChannel,
  type FakeUser,
  notAValidCommand,
  userObject,
} from './slack-connect.js';
import { AUTHORIZE_PATH, authorizePage } from './authorize-page.js';
import { type Installer, StandInInstalls } from './installs.js';

export type SlackCall = { method: string; args: Record<string, unknown>; token: string | undefined };
export type ResponseUrlPost = { id: string; body: Record<string, unknown> };
/** A file uploaded through files.getUploadURLExternal, its upload URL, and files.completeUploadExternal. */
export type FakeFile = {
  id: string;
  filename: string;
  length: number;
  altText: string | undefined;
  bytes?: Buffer;
  title?: string;
  channel?: string;
  threadTs?: string;
};
/** How a call was authenticated: its token (Bearer header, or `token` in the body), or Basic credentials. */
export type CallAuth = { token: string | undefined; basic?: { id: string; secret: string } };
/** Who is calling a Web API method: the workspace of the installation whose token it is, and how. */
export type CallContext = CallAuth & { team: string };
/** Answers one Web API method's arguments, as Slack's body. */
export type WebApiHandler = (args: Record<string, unknown>, context: CallContext) => Record<string, unknown>;
/** An HTTP answer to the app: status, JSON body, headers. */
export type WebApiReply = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** A message as conversations.history returns it (people's messages have `user`, the bot's `bot_id`). */
export type StoredMessage = Record<string, unknown> & {
  ts: string;
  user?: string;
  bot_id?: string;
  text?: unknown;
  blocks?: unknown;
  thread_ts?: string;
  reactions?: { name: string; users: string[]; count: number }[];
  files?: { id?: string; name?: string; title?: string }[];
  edited?: { user: string; ts: string };
};
/** A message only one person sees: a command's reply, chat.postEphemeral, an ephemeral response_url post. */
export type EphemeralMessage = {
  id: string;
  channel: string;
  user: string;
  /** Who says it: the app, or Slackbot (Slack's own answer, to a command nobody installed). */
  from: 'app' | 'slackbot';
  text: string;
  blocks: unknown[] | null;
  at: Date;
};
/** A view someone has open: a modal on their stack. */
export type OpenView = {
  id: string;
  hash: string;
  view: Record<string, unknown>;
  /** The workspace of the installation that opened it: the view's app_installed_team_id. */
  appInstalledTeam?: string;
  /** What the app answered a submission with (response_action "errors"), by block_id. */
  errors?: Record<string, string>;
};
/** Who a response_url answers, and which message it may replace. */
export type ResponseTarget = { user: string; channel: string; ephemeralId?: string; messageTs?: string };

export const TEAM_ID = 'T0RAPPORT1';
export const BOT_USER_ID = 'U0RAPPBOT';
export const BOT_ID = 'B0RAPPBOT';
/** The app's id, as Slack names it in every request it sends the app. */
export const APP_ID = 'A0RAPPORT';
export const BOT_TOKEN = 'xoxb-1111-2222-testtokenvalue';
export const APP_TOKEN = 'xapp-1-A0RAPPORT-3333-testappvalue';

/**
 * How long a trigger_id may be exchanged for a modal: Slack's modals documentation says a
 * trigger_id expires 3 seconds after Slack sends it; measured in wall time, as Slack's is.
 */
export const TRIGGER_LIFETIME_MS = 3_000;

/**
 * A trigger_id's life, as views.open answers for it. Slack's error codes (docs.slack.dev/reference/
 * methods/views.open and views.push, "Errors"): `expired_trigger_id` "The trigger_id is expired.",
 * `exchanged_trigger_id` "The trigger_id was already exchanged in a previous call.",
 * `invalid_trigger_id` for a missing or malformed one. A trigger_id the stand-in never saw issued
 * (a raw call in a unit test) starts its life when first used, so it too opens one modal only.
 */
type TriggerLife = { issuedAt: number; viewId?: string };

/** Methods Slack answers only for an app-level token. */
const APP_LEVEL_METHODS = new Set(['apps.connections.open']);
/**
 * Methods that take the app's client credentials instead of a token: oauth.v2.access, "No scopes
 * required", client_id and client_secret as arguments or HTTP Basic (docs.slack.dev/reference/
 * methods/oauth.v2.access).
 */
const CREDENTIAL_METHODS = new Set(['oauth.v2.access']);

/**
 * A local stand-in for the Slack Web API, reached by the app's WebClient through SLACK_API_URL:
 * the tests' fake Slack and the playground's Slack alike. It records every call, answers as Slack
 * does (the shapes of Slack's own examples, test/fixtures/slack), enforces the limits Slack
 * enforces, and counts any method it does not know so a test can fail on it. It also keeps what a
 * person would see: messages with their reactions, ephemeral replies, open modals and Home tabs.
 */
export class SlackStandIn {
  readonly calls: SlackCall[] = [];
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  readonly unhandled: string[] = [];
  readonly users = new Map<string, FakeUser>();
  /**
   * The workspaces that installed the app. Slash commands and message shortcuts reach the app only
   * from people of these (docs.slack.dev/apis/slack-connect, "Slash commands are not shared");
   * everyone in a channel the bot is in can still react, click its buttons and submit its modals.
   */
  readonly installedTeams = new Set<string>([TEAM_ID]);
  /** Which workspace each bot token belongs to: the installation a Web API call comes from. */
  readonly tokenTeams = new Map<string, string>([[BOT_TOKEN, TEAM_ID]]);
  /** Channels by id, for conversations.info and for whether a request comes from a shared channel. */
  readonly channels = new Map<string, FakeChannel>();
  /** Channels the bot is not a member of: chat.postMessage answers not_in_channel there. */
  readonly channelsWithoutBot = new Set<string>();
  /** Who is in each channel, for conversations.members. */
  readonly channelMembers = new Map<string, string[]>();
  /** User groups (@handles), by id: each a workspace's own, with its members. */
  readonly userGroups = new Map<
    string,
    { handle: string; teamId: string; users: string[]; disabled?: boolean }
  >();
  /** Group DMs conversations.open made, by id, with their members (sorted). */
  readonly groupDms = new Map<string, string[]>();
  /** Messages posted, by conversation (a DM to a user is kept under "D" + their id). */
  readonly conversations = new Map<string, Record<string, unknown>[]>();
  /** Files by id, from the upload URL request until (and after) they are shared. */
  readonly files = new Map<string, FakeFile>();
  /** The workspace's name, as auth.test reports it. */
  readonly teamName = 'Rapport Playground';
  /** Workspaces team.info knows by id: this one, and those its shared channels connect it to. */
  readonly teams = new Map<string, string>([[TEAM_ID, this.teamName]]);
  /** Messages only one person sees, oldest first. */
  readonly ephemerals: EphemeralMessage[] = [];
  /** Each person's open modals, the top of the stack last. */
  readonly modals = new Map<string, OpenView[]>();
  /** Each person's Home tab, as last published. */
  readonly homes = new Map<string, Record<string, unknown>>();
  /** Whose action each trigger_id came from: a modal opens for that person. */
  readonly triggers = new Map<string, string>();
  /** When each trigger_id was issued and which view it opened, by trigger_id. */
  private readonly triggerLives = new Map<string, TriggerLife>();
  /** Where each response_url's posts go. */
  readonly responseTargets = new Map<string, ResponseTarget>();
  /** Installs by OAuth: the app's settings (`installs.app`), the authorize page, the issued tokens. */
  readonly installs = new StandInInstalls(APP_ID, (installer) => botUserIdOf(installer));
  /** Calls Slack refused (an `ok: false` answer), newest last: the playground shows them. */
  readonly refusals: { method: string; error: string }[] = [];
  private tsCounter = 0;

  protected constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly clock: Clock | undefined,
  ) {}

  /**
   * With a clock (the playground's), a message's ts is that clock's time, as Slack's is its own;
   * without one (tests), ts counts up from a fixed second, so tests can name them.
   */
  static async start(options: { clock?: Clock } = {}): Promise<SlackStandIn> {
    // `this`: a subclass's start() starts one of its own (the tests' FakeSlack).
    const created: { fake?: SlackStandIn } = {};
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === AUTHORIZE_PATH && created.fake) return void created.fake.authorize(req, res);
      void created.fake?.handle(req).then(
        ({ status, body, headers }) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    created.fake = new this(server, `http://127.0.0.1:${port}`, options.clock);
    return created.fake;
  }

  /** Slack's authorize page (authorize-page.ts), where an admin allows the app into a workspace. */
  private async authorize(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = (await readBody(req)).toString('utf8');
    const answer = authorizePage({
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', this.baseUrl),
      form: new URLSearchParams(raw),
      installs: this.installs,
      teams: this.teams,
      installedTeams: this.installedTeams,
    });
    res.writeHead(answer.status, {
      'content-type': 'text/html; charset=utf-8',
      ...(answer.location ? { location: answer.location } : {}),
    });
    res.end(answer.html ?? '');
  }

  /** What the app's SLACK_API_URL is set to. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/respond/${id}`;
  }

  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  addChannel(channel: FakeChannel): FakeChannel {
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** A person's own workspace (users.info's team_id); the stand-in's own for someone it doesn't know. */
  teamOf(userId: string): string {
    return this.users.get(userId)?.team_id ?? TEAM_ID;
  }

  /** Whether Slack sends this person's slash commands and message shortcuts to the app. */
  hasInstalled(userId: string): boolean {
    return this.installedTeams.has(this.teamOf(userId));
  }

  /**
   * The workspaces a conversation is in, its host first: a channel's (TEAM_ID's alone unless it is
   * shared), or for a DM with the bot, the bot's and the person's.
   */
  teamsOf(conversation: string): string[] {
    const channel = this.channels.get(conversation);
    if (channel) return channel.teams ?? [TEAM_ID];
    const person = /^D[UW]/.test(conversation) ? this.users.get(conversation.slice(1)) : undefined;
    return [...new Set([TEAM_ID, person?.team_id ?? TEAM_ID])];
  }

  /**
   * The installation through which Slack sends what a person of workspace `team` does in
   * `conversation`: their own workspace's if it installed the app, otherwise one that is in the
   * conversation (the host's first). In single-token mode that is always TEAM_ID.
   */
  installationFor(team: string, conversation?: string): string {
    if (this.installedTeams.has(team)) return team;
    const teams = conversation ? this.teamsOf(conversation) : [TEAM_ID];
    return teams.find((t) => this.installedTeams.has(t)) ?? TEAM_ID;
  }

  /** What Slackbot answers `user` alone in `channel`: Slack's own reply, never the app's. */
  slackbotSays(channel: string, user: string, text: string): EphemeralMessage {
    return this.addEphemeral(channel, user, { text }, 'slackbot');
  }

  /**
   * What Slack does with a slash command typed by someone whose workspace has not installed the
   * app: nothing reaches the app; Slackbot tells them, only them, it is not a valid command.
   */
  commandNotInstalled(channel: string, user: string, command: string): EphemeralMessage {
    return this.slackbotSays(channel, user, notAValidCommand(command));
  }

  /**
   * A trigger_id Slack sends the app now, in a request from `user`: a modal it opens is theirs, and
   * it can open one within TRIGGER_LIFETIME_MS. Issuing the same id again changes nothing.
   */
  recordTrigger(triggerId: string, user: string): void {
    if (this.triggerLives.has(triggerId)) return;
    this.triggers.set(triggerId, user);
    this.triggerLives.set(triggerId, { issuedAt: Date.now() });
  }

  /** The modal a trigger_id opened, as it is now (after any views.update). */
  openedBy(triggerId: string): OpenView | undefined {
    const viewId = this.triggerLives.get(triggerId)?.viewId;
    return viewId ? this.findView(viewId) : undefined;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Forgets what was called, what people see, and every installation but TEAM_ID's and those made
   * by OAuth whose tokens still work; keeps users and channels.
   */
  resetCalls(): void {
    this.calls.length = 0;
    this.responseUrlPosts.length = 0;
    this.unhandled.length = 0;
    this.channelsWithoutBot.clear();
    this.conversations.clear();
    this.files.clear();
    this.ephemerals.length = 0;
    this.modals.clear();
    this.homes.clear();
    this.triggers.clear();
    this.triggerLives.clear();
    this.responseTargets.clear();
    this.groupDms.clear();
    this.refusals.length = 0;
    this.installedTeams.clear();
    this.installedTeams.add(TEAM_ID);
    // A workspace installed by OAuth stays installed while its bot token works.
    for (const issued of this.installs.tokens.values()) {
      if (issued.kind === 'bot' && !issued.revoked && issued.teamId) this.installedTeams.add(issued.teamId);
    }
  }

  /** Resolves once `check` passes, for effects the app produces after acknowledging. */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 3_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('fake Slack: the expected call never came');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** A person posts a message in a channel (or a thread): returns it as Slack stores it. */
  postAsUser(channel: string, user: string, text: string, threadTs?: string): StoredMessage {
    const message: StoredMessage = { type: 'message', user, text, ts: this.nextTs() };
    if (threadTs) message.thread_ts = threadTs;
    this.conversations.set(channel, [...(this.conversations.get(channel) ?? []), message]);
    return message;
  }

  /** Adds or removes a person's reaction; false when the message does not exist or nothing changed. */
  react(channel: string, ts: string, user: string, name: string, add: boolean): boolean {
    const message = this.conversations.get(channel)?.find((m) => m.ts === ts) as StoredMessage | undefined;
    if (!message) return false;
    const reactions = message.reactions ?? [];
    const reaction = reactions.find((r) => r.name === name);
    const has = reaction?.users.includes(user) ?? false;
    if (has === add) return false;
    if (add) {
      if (reaction) reaction.users.push(user);
      else reactions.push({ name, users: [user], count: 0 });
    } else if (reaction) {
      reaction.users = reaction.users.filter((u) => u !== user);
    }
    message.reactions = reactions
      .map((r) => ({ ...r, count: r.users.length }))
      .filter((r) => r.users.length > 0);
    return true;
  }

  /** A message by conversation and ts. */
  message(channel: string, ts: string): StoredMessage | undefined {
    return this.conversations.get(channel)?.find((m) => m.ts === ts) as StoredMessage | undefined;
  }

  /** The view with this id on anyone's stack. */
  findView(viewId: string): OpenView | undefined {
    for (const stack of this.modals.values()) {
      const open = stack.find((v) => v.id === viewId);
      if (open) return open;
    }
    return undefined;
  }

  /** Closes a person's modal and every view pushed above it. */
  closeView(user: string, viewId: string): void {
    const stack = this.modals.get(user) ?? [];
    const at = stack.findIndex((v) => v.id === viewId);
    if (at >= 0) this.modals.set(user, stack.slice(0, at));
  }

  /** Closes every modal of a person (a submission answered with response_action "clear"). */
  clearViews(user: string): void {
    this.modals.delete(user);
  }

  /** Adds a view above a person's current one (response_action "push"). */
  pushView(user: string, view: Record<string, unknown>): OpenView {
    const opened = { id: `V${this.nextTs().replace('.', '')}`, hash: this.nextTs(), view };
    this.modals.set(user, [...(this.modals.get(user) ?? []), opened]);
    return opened;
  }

  /** A reply only `user` sees in `channel`: what a command answers in its HTTP response. */
  addEphemeral(
    channel: string,
    user: string,
    body: Record<string, unknown>,
    from: EphemeralMessage['from'] = 'app',
  ): EphemeralMessage {
    const ephemeral = {
      id: `E${this.nextTs().replace('.', '')}`,
      channel,
      user,
      from,
      text: typeof body.text === 'string' ? body.text : '',
      blocks: Array.isArray(body.blocks) ? (body.blocks as unknown[]) : null,
      at: this.clock?.now() ?? new Date(),
    };
    this.ephemerals.push(ephemeral);
    return ephemeral;
  }

  /**
   * A post to a response_url, as Slack applies it: in the channel for everyone ("in_channel"), or
   * for the person alone; replacing or deleting the message the action came from when asked.
   */
  respondTo(target: ResponseTarget, body: Record<string, unknown>): void {
    const replace = body.replace_original === true || body.replace_original === 'true';
    const remove = body.delete_original === true || body.delete_original === 'true';
    const ephemeral = this.ephemerals.find((e) => e.id === target.ephemeralId);
    if (ephemeral && (replace || remove)) {
      if (remove) this.ephemerals.splice(this.ephemerals.indexOf(ephemeral), 1);
      else Object.assign(ephemeral, { text: String(body.text ?? ''), blocks: body.blocks ?? null });
      return;
    }
    const original = target.messageTs ? this.message(target.channel, target.messageTs) : undefined;
    if (original && (replace || remove)) {
      const list = this.conversations.get(target.channel) ?? [];
      if (remove) list.splice(list.indexOf(original), 1);
      else Object.assign(original, { text: body.text, blocks: body.blocks });
      return;
    }
    if (body.response_type === 'in_channel') {
      const message = {
        type: 'message',
        text: body.text,
        blocks: body.blocks,
        ts: this.nextTs(),
        bot_id: BOT_ID,
      };
      this.conversations.set(target.channel, [...(this.conversations.get(target.channel) ?? []), message]);
      return;
    }
    this.addEphemeral(target.channel, target.user, body);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Every request the app sends: a Web API call, a response_url post, a file upload. Protected so a
   * subclass can hold or inspect any request (the tests' slow Slack, test/helpers/fake-slack.ts).
   */
  protected async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    if (path.startsWith('/upload/')) return this.receiveUpload(path.slice('/upload/'.length), bytes, req);
    if (path.startsWith('/respond/')) {
      const id = path.slice('/respond/'.length);
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      this.responseUrlPosts.push({ id, body });
      const target = this.responseTargets.get(id);
      if (target) this.respondTo(target, body);
      return { status: 200, body: { ok: true } };
    }
    const method = path.replace(/^\/api\//, '');
    // Slack takes the token as a Bearer header or a `token` argument (docs.slack.dev/apis/web-api,
    // "Authentication"); the Web API client sends both. It is kept apart from the arguments.
    const { token: bodyToken, ...args } = parseArgs(raw, req.headers['content-type']);
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ')
      ? header.slice('Bearer '.length)
      : typeof bodyToken === 'string'
        ? bodyToken
        : undefined;
    const auth: CallAuth = { token, basic: basicCredentials(header) };
    this.calls.push({ method, args, token });
    if (!CREDENTIAL_METHODS.has(method)) {
      const refusal = this.tokenRefusal(method, token);
      if (refusal) return { status: 200, body: { ok: false, error: refusal } };
    }
    const team =
      CREDENTIAL_METHODS.has(method) || APP_LEVEL_METHODS.has(method) ? TEAM_ID : this.teamOfToken(token);
    if (!team) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    return this.answerCall({ method, args, token }, (handler = this.handlers[method]) =>
      this.runHandler(method, args, { ...auth, team }, handler),
    );
  }

  /**
   * Answers an authorised Web API call; `answer` runs the method's handler (or the one given) as
   * Slack would. A subclass can answer before or instead of it, or change its reply (the tests'
   * failures, test/helpers/fake-slack.ts) without repeating the dispatch.
   */
  protected answerCall(
    _call: SlackCall,
    answer: (handler?: WebApiHandler) => WebApiReply,
  ): WebApiReply | Promise<WebApiReply> {
    return answer();
  }

  /**
   * Why Slack refuses a call's token, if it does: an app-level method takes only the app token
   * (xapp-); other methods take SLACK_BOT_TOKEN (the single-token workspace's) or a bot token
   * oauth.v2.access issued, until it is revoked or expires. No token: `not_authed` "No
   * authentication token provided."; an unknown one: `invalid_auth` (docs.slack.dev/reference/
   * methods/auth.test, "Errors").
   */
  private tokenRefusal(method: string, token: string | undefined): string | undefined {
    if (token === undefined) return 'not_authed';
    if (APP_LEVEL_METHODS.has(method)) return token === APP_TOKEN ? undefined : 'invalid_auth';
    if (token === BOT_TOKEN) return undefined;
    return this.installs.refusalOf(token);
  }

  /** The workspace (or organisation) whose installation a bot token is. */
  private teamOfToken(token: string | undefined): string | undefined {
    if (token === undefined) return undefined;
    const known = this.tokenTeams.get(token);
    if (known) return known;
    const issued = this.installs.tokens.get(token);
    return issued?.teamId ?? issued?.enterpriseId;
  }

  /** Uninstalls the app from a workspace, as its admin does in Slack: its tokens stop working. */
  uninstall(teamId: string): string[] {
    this.installedTeams.delete(teamId);
    return this.installs.revoke({ teamId });
  }

  /** A handler's answer; a method without one is counted in `unhandled`, a refusal in `refusals`. */
  private runHandler(
    method: string,
    args: Record<string, unknown>,
    context: CallContext,
    handler: WebApiHandler | undefined,
  ): WebApiReply {
    if (!handler) {
      this.unhandled.push(method);
      return { status: 200, body: { ok: false, error: 'unknown_method' } };
    }
    const body = handler(args, context);
    if (body.ok === false) {
      const details = (body.response_metadata as { messages?: string[] } | undefined)?.messages ?? [];
      this.refusals.push({ method, error: [String(body.error), ...details].join(': ') });
    }
    return { status: 200, body };
  }

  /**
   * The upload URL files.getUploadURLExternal handed out: like Slack's, it takes the file's bytes
   * (as the Web API client sends them, a multipart form) and answers 200, or 404 for an unknown id.
   */
  private async receiveUpload(id: string, bytes: Buffer, req: IncomingMessage) {
    const file = this.files.get(id);
    if (!file || file.bytes) return { status: 404, body: { ok: false, error: 'file_not_found' } };
    const contentType = String(req.headers['content-type'] ?? '');
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(bytes), {
        headers: { 'content-type': contentType },
      }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
      file.bytes = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    } else {
      file.bytes = bytes;
    }
    if (file.bytes.length !== file.length)
      return { status: 400, body: { ok: false, error: 'invalid_length' } };
    return { status: 200, body: { ok: true } };
  }

  /** Whether someone is in a channel the bot is in (else, from another workspace, a stranger). */
  private seesInAChannel(userId: string): boolean {
    for (const [channel, members] of this.channelMembers) {
      if (!this.channelsWithoutBot.has(channel) && members.includes(userId)) return true;
    }
    return false;
  }

  /** How many ts this stand-in has made: a restored one goes on after it, so no ts repeats. */
  get tsSequence(): number {
    return this.tsCounter;
  }

  continueTsAfter(sequence: number): void {
    this.tsCounter = Math.max(this.tsCounter, sequence);
  }

  private nextTs(): string {
    this.tsCounter += 1;
    const second = this.clock ? Math.floor(this.clock.now().getTime() / 1000) : 1_700_000_000;
    // Unique and increasing: the counter never repeats, and the clock only moves forward.
    return `${second}.${String(this.tsCounter % 1_000_000).padStart(6, '0')}`;
  }

  private readonly handlers: Record<string, WebApiHandler> = {
    // Shape of Slack's auth.test example (web-api/openapi-examples/auth.test.ok.json); a token
    // oauth.v2.access issued answers for its own workspace (or organisation, is_enterprise_install).
    'auth.test': (_args, { token }) => {
      const issued = token === undefined ? undefined : this.installs.tokens.get(token);
      if (!issued) {
        return {
          ok: true,
          team: this.teamName,
          team_id: TEAM_ID,
          url: 'https://rapport-playground.slack.com/',
          user: 'rapport',
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        };
      }
      const name = issued.teamName ?? issued.enterpriseName ?? 'workspace';
      return {
        ok: true,
        team: name,
        team_id: issued.teamId ?? issued.enterpriseId,
        ...(issued.enterpriseId ? { enterprise_id: issued.enterpriseId } : {}),
        is_enterprise_install: issued.isEnterpriseInstall,
        url: issued.isEnterpriseInstall
          ? `https://${slug(name)}.enterprise.slack.com/`
          : `https://${slug(name)}.slack.com/`,
        user: 'rapport',
        user_id: issued.botUserId,
        bot_id: BOT_ID,
      };
    },
    // The code exchange and token rotation (src/slack-emulator/installs.ts has each rule's source);
    // a workspace is installed once its code is exchanged.
    'oauth.v2.access': (args, { basic }) => {
      const answer = this.installs.access(args, basic);
      if (answer.ok && 'team' in answer && answer.team) this.installedTeams.add(answer.team.id);
      return answer;
    },
    // team.info (scope team:read): this workspace without `team`; another one only if it shares a
    // channel with this one, else a refusal. Shape and errors from the Web API spec
    // (slack-fixtures/specs/slack_web_openapi_v2.json, /team.info; docs.slack.dev/reference/methods/team.info).
    'team.info': (args, { team }) => {
      const id = args.team === undefined || args.team === '' ? team : String(args.team);
      const name = this.teams.get(id);
      if (name === undefined) return { ok: false, error: 'no_permission' };
      const domain = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      return { ok: true, team: { id, name, domain, email_domain: '', icon: { image_default: true } } };
    },
    // usergroups.list (scope usergroups:read): the token's own workspace's user groups, each with its
    // id, team_id, handle and name; disabled ones only with include_disabled (docs.slack.dev/reference/
    // methods/usergroups.list). A partner organisation's groups are not listed.
    'usergroups.list': (args, { team }) => {
      const includeDisabled = args.include_disabled === true || args.include_disabled === 'true';
      const usergroups = [...this.userGroups.entries()]
        .filter(([, g]) => g.teamId === team && (!g.disabled || includeDisabled))
        .map(([id, g]) => ({
          id,
          team_id: g.teamId,
          handle: g.handle,
          name: g.handle,
          date_delete: g.disabled ? 1 : 0,
        }));
      return { ok: true, usergroups };
    },
    // usergroups.users.list (scope usergroups:read): a user group of the token's own workspace, its
    // members' ids; another workspace's group (a Slack Connect partner's) or an unknown id is
    // no_such_subteam, and a disabled one too unless include_disabled (docs.slack.dev/reference/
    // methods/usergroups.users.list: "no_such_subteam: No usergroup found with the given Id").
    'usergroups.users.list': (args, { team }) => {
      const group = this.userGroups.get(String(args.usergroup ?? ''));
      const includeDisabled = args.include_disabled === true || args.include_disabled === 'true';
      if (!group || group.teamId !== team || (group.disabled && !includeDisabled)) {
        return { ok: false, error: 'no_such_subteam' };
      }
      return { ok: true, users: [...group.users] };
    },
    'users.info': (args, { team }) => {
      const user = this.users.get(String(args.user));
      if (!user) return { ok: false, error: 'user_not_found' };
      const withLocale = args.include_locale === true || args.include_locale === 'true';
      return {
        ok: true,
        user: userObject(user, {
          askingTeam: team,
          ownTeam: TEAM_ID,
          isStranger: !this.seesInAChannel(user.id),
          withLocale,
        }),
      };
    },
    // Like Slack: a channel the installation can see; a private one the bot was not invited to, or
    // one not shared with the asker's workspace, is channel_not_found (docs.slack.dev/reference/
    // methods/conversations.info, "Errors"). A public channel answers without the bot (is_member false).
    'conversations.info': (args, { team }) => {
      const id = String(args.channel ?? '');
      const channel = this.channels.get(id);
      if (!channel) {
        const person = /^D[UW]/.test(id) ? this.users.get(id.slice(1)) : undefined;
        if (!person) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id,
            is_im: true,
            user: person.id,
            is_ext_shared: this.teamsOf(id).length > 1,
            context_team_id: team,
          },
        };
      }
      const isMember = !this.channelsWithoutBot.has(id);
      const visible = (channel.teams ?? [TEAM_ID]).includes(team) && (isMember || !channel.isPrivate);
      if (!visible) return { ok: false, error: 'channel_not_found' };
      return { ok: true, channel: channelObject(channel, { askingTeam: team, ownTeam: TEAM_ID, isMember }) };
    },
    'chat.postMessage': (args) => {
      const invalid = checkMessage(args);
      if (invalid) return invalid;
      const channel = String(args.channel);
      if (this.channelsWithoutBot.has(channel)) return { ok: false, error: 'not_in_channel' };
      const ts = this.nextTs();
      const conversation = /^[UW]/.test(channel) ? `D${channel}` : channel;
      const message = {
        type: 'message',
        text: args.text,
        blocks: args.blocks,
        ts,
        bot_id: BOT_ID,
        metadata: args.metadata,
        ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
      };
      this.conversations.set(conversation, [...(this.conversations.get(conversation) ?? []), message]);
      return { ok: true, channel: conversation, ts, message };
    },
    'chat.update': (args) => {
      const invalid = checkMessage(args);
      if (invalid) return invalid;
      const channel = String(args.channel);
      const found = this.conversations.get(channel)?.find((m) => m.ts === args.ts);
      if (!found) return { ok: false, error: 'message_not_found' };
      Object.assign(found, { text: args.text, blocks: args.blocks });
      return { ok: true, channel, ts: args.ts, text: args.text };
    },
    'views.open': (args, { team }) => {
      if (!args.trigger_id) return { ok: false, error: 'invalid_trigger_id' };
      const trigger = String(args.trigger_id);
      const life = this.triggerLives.get(trigger) ?? { issuedAt: Date.now() };
      if (life.viewId) return { ok: false, error: 'exchanged_trigger_id' };
      if (Date.now() - life.issuedAt > TRIGGER_LIFETIME_MS) return { ok: false, error: 'expired_trigger_id' };
      const invalid = checkView(args.view);
      if (invalid) return invalid;
      const view = args.view as Record<string, unknown>;
      const opened = {
        id: `V${this.nextTs().replace('.', '')}`,
        hash: this.nextTs(),
        view,
        appInstalledTeam: team,
      };
      this.triggerLives.set(trigger, { ...life, viewId: opened.id });
      const owner = this.triggers.get(trigger);
      if (owner) this.modals.set(owner, [...(this.modals.get(owner) ?? []), opened]);
      return { ok: true, view: { ...view, id: opened.id, hash: opened.hash } };
    },
    'views.update': (args) => {
      if (!args.view_id && !args.external_id) return { ok: false, error: 'invalid_arguments' };
      const invalid = checkView(args.view);
      if (invalid) return invalid;
      const view = args.view as Record<string, unknown>;
      const open = this.findView(String(args.view_id));
      if (open && args.hash !== undefined && args.hash !== open.hash)
        return { ok: false, error: 'hash_conflict' };
      const hash = this.nextTs();
      if (open) Object.assign(open, { view, hash });
      return { ok: true, view: { ...view, id: args.view_id ?? `V${this.nextTs().replace('.', '')}`, hash } };
    },
    // Like Slack: a Home tab is a view of type "home" with at most 100 blocks, for a known user.
    'views.publish': (args) => {
      const view = args.view as { blocks?: unknown[]; type?: string } | undefined;
      if (!this.users.has(String(args.user_id))) return { ok: false, error: 'user_not_found' };
      if (view?.type !== 'home') return { ok: false, error: 'invalid_arguments' };
      const invalid = checkView(view);
      if (invalid) return invalid;
      const published = { ...view, id: `V${this.nextTs().replace('.', '')}`, hash: this.nextTs() };
      this.homes.set(String(args.user_id), published);
      return { ok: true, view: published };
    },
    'conversations.members': (args) => {
      const members = this.channelMembers.get(String(args.channel));
      if (!members) return { ok: false, error: 'channel_not_found' };
      return { ok: true, members, response_metadata: { next_cursor: '' } };
    },
    // docs.slack.dev/reference/methods/conversations.open: 1 to 8 users ("too_many_users", and
    // "users_list_not_supplied" for none); one user is the bot's DM with them, several a group DM,
    // the same one each time for the same people. People of other organisations only where they
    // are all in a channel together ("invalid_user_combination: All external people must already
    // be in at least one channel together"; slack-api-specs web-api/slack_web_openapi_v2.json).
    'conversations.open': (args, { team }) => {
      const users = String(args.users ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== '');
      if (users.length === 0) return { ok: false, error: 'users_list_not_supplied' };
      if (users.length > 8) return { ok: false, error: 'too_many_users' };
      if (users.length === 1) return { ok: true, channel: { id: `D${users[0] ?? ''}` } };
      if (users.some((u) => !this.users.has(u))) return { ok: false, error: 'user_not_found' };
      const external = users.some((u) => this.teamOf(u) !== team);
      const together = [...this.channelMembers.values()].some((members) =>
        users.every((u) => members.includes(u)),
      );
      if (external && !together) return { ok: false, error: 'invalid_user_combination' };
      const members = [...users].sort();
      const id = `G${members.map((u) => u.slice(-4)).join('')}`.toUpperCase().slice(0, 20);
      const already = this.groupDms.has(id);
      this.groupDms.set(id, members);
      return { ok: true, ...(already ? { already_open: true } : {}), channel: { id } };
    },
    'conversations.history': (args) => {
      const messages = [...(this.conversations.get(String(args.channel)) ?? [])].reverse();
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
      return {
        ok: true,
        messages: messages.map(({ metadata, ...m }) => (withMetadata ? { ...m, metadata } : m)),
        has_more: false,
      };
    },
    // Shape from web-api/java-samples/chat.getPermalink.json. Like Slack, no link into a channel
    // the bot cannot see (a private channel it was not invited to).
    'chat.getPermalink': (args) => {
      const channel = String(args.channel ?? '');
      if (!channel || this.channelsWithoutBot.has(channel)) return { ok: false, error: 'channel_not_found' };
      if (!/^\d+\.\d+$/.test(String(args.message_ts ?? ''))) return { ok: false, error: 'message_not_found' };
      return {
        ok: true,
        channel,
        permalink: `https://rapport-test.slack.com/archives/${channel}/p${String(args.message_ts).replace('.', '')}`,
      };
    },
    // Shape from web-api/java-samples/files.getUploadURLExternal.json. The image's description is
    // `alt_txt` (docs.slack.dev/reference/methods/files.getUploadURLExternal, "Optional arguments");
    // Slack ignores any other name, such as the `alt_text` @slack/web-api 8's filesUploadV2 sends.
    // Over 1,000 characters it is `alt_txt_too_large` (the method's "Errors").
    'files.getUploadURLExternal': (args) => {
      const length = Number(args.length);
      if (!args.filename || !Number.isSafeInteger(length) || length <= 0) {
        return { ok: false, error: 'invalid_arguments' };
      }
      const id = `F${this.nextTs().replace('.', '')}`;
      const altText = args.alt_txt === undefined ? undefined : String(args.alt_txt);
      if ((altText?.length ?? 0) > 1000) return { ok: false, error: 'alt_txt_too_large' };
      this.files.set(id, { id, filename: String(args.filename), length, altText });
      return { ok: true, upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
    },
    // Shape from web-api/java-samples/files.completeUploadExternal.json; shared in a thread, the file
    // becomes a reply there.
    'files.completeUploadExternal': (args) => {
      const wanted = (Array.isArray(args.files) ? args.files : []) as { id?: string; title?: string }[];
      const files = wanted.map((f) => this.files.get(String(f.id)));
      if (wanted.length === 0 || files.some((f) => !f?.bytes)) return { ok: false, error: 'file_not_found' };
      const channel = args.channel_id === undefined ? undefined : String(args.channel_id);
      if (channel && this.channelsWithoutBot.has(channel)) return { ok: false, error: 'not_in_channel' };
      const threadTs = args.thread_ts === undefined ? undefined : String(args.thread_ts);
      for (const [i, file] of files.entries())
        Object.assign(file as FakeFile, { title: wanted[i]?.title, channel, threadTs });
      const shared = files.map((f) => ({
        id: f?.id,
        name: f?.filename,
        title: f?.title ?? f?.filename,
        mimetype: 'image/png',
      }));
      if (channel) {
        const reply = {
          type: 'message',
          ts: this.nextTs(),
          thread_ts: threadTs,
          bot_id: BOT_ID,
          files: shared,
        };
        this.conversations.set(channel, [...(this.conversations.get(channel) ?? []), reply]);
      }
      return { ok: true, files: shared };
    },
    'conversations.replies': (args) => {
      const messages = (this.conversations.get(String(args.channel)) ?? []).filter(
        (m) => m.ts === args.ts || m.thread_ts === args.ts,
      );
      if (!messages.some((m) => m.ts === args.ts)) return { ok: false, error: 'thread_not_found' };
      return { ok: true, messages, has_more: false };
    },
    'chat.postEphemeral': (args) => {
      const invalid = checkMessage(args);
      if (invalid) return invalid;
      const ts = this.nextTs();
      this.addEphemeral(String(args.channel), String(args.user), args);
      return { ok: true, message_ts: ts };
    },
  };
}

type Refusal = { ok: false; error: string; response_metadata?: { messages: string[] } };

/** The bot's user id in a workspace that installed the app: one per workspace, as in Slack. */
function botUserIdOf(installer: Installer): string {
  // The stand-in's own workspace has the bot user it has in single-token mode.
  if (installer.teamId === TEAM_ID) return BOT_USER_ID;
  return `U0BOT${(installer.teamId ?? installer.enterpriseId ?? '').slice(-5)}`;
}

/** HTTP Basic credentials (RFC 7617), as oauth.v2.access accepts the client id and secret. */
function basicCredentials(header: string): { id: string; secret: string } | undefined {
  if (!header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * What Slack refuses in a message (chat.postMessage, chat.update, chat.postEphemeral): no channel,
 * nothing to show, text over 40,000 characters, or blocks Block Kit's rules reject, named in
 * response_metadata.messages as Slack names them.
 */
function checkMessage(args: Record<string, unknown>): Refusal | undefined {
  const blocks = args.blocks as unknown;
  if (!args.channel) return { ok: false, error: 'channel_not_found' };
  if (!args.text && !blocks) return { ok: false, error: 'no_text' };
  if (typeof args.text === 'string' && args.text.length > 40_000) return { ok: false, error: 'msg_too_long' };
  if (blocks === undefined) return undefined;
  const problems = Array.isArray(blocks) ? validateBlocks(blocks, 'message') : ['blocks must be an array'];
  return problems.length > 0
    ? { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } }
    : undefined;
}

/** What Slack refuses in a modal or a Home tab (views.open, views.update, views.publish). */
function checkView(view: unknown): Refusal | undefined {
  const problems = validateView(view);
  return problems.length > 0
    ? { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } }
    : undefined;
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}');
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
