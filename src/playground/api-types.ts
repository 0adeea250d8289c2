/**
 * The playground's page talks to its server in JSON over these shapes (same origin):
 *   GET  /playground/api/state?as=<userId>   → PlaygroundState
 *   POST /playground/api/<action>            → ActionResult; the body is the action's request
 *   GET  /playground/files/<fileId>           → the bytes of a file the bot uploaded (PNG)
 * Every action is turned into the request Slack would send (signed, to /slack/events) or the Web
 * API answer Slack would give; the page never reaches around the app.
 */

/** A Block Kit block or element, as the app sent it (the page draws it; see block-kit/). */
export type Block = Record<string, unknown>;

export type Person = {
  id: string;
  name: string;
  realName: string;
  title: string;
  tz: string;
  teamId: string;
};

export type Team = { id: string; name: string };
/** A workspace as the page shows it: whether it has installed Rapport (by OAuth). */
export type TeamState = Team & { installed: boolean };

export type Channel = {
  id: string;
  name: string;
  isPrivate: boolean;
  /** A Slack Connect channel: members come from more than one team. */
  isShared: boolean;
  members: string[];
};

/**
 * A group DM `me` is in (one the app opened with conversations.open, as coffee pairs do): its id
 * and everyone in it, `me` included. Slack names it by the other members' names.
 */
export type GroupDm = { id: string; members: string[] };

export type Reaction = { name: string; users: string[] };
export type SharedFile = { id: string; title: string; altText: string | null; url: string };

export type Message = {
  ts: string;
  /** Who posted it: a person, or the bot (botId set). */
  user: string | null;
  botId: string | null;
  text: string;
  blocks: Block[] | null;
  threadTs: string | null;
  reactions: Reaction[];
  files: SharedFile[];
  edited: boolean;
};

/** A message only `as` sees (a command's reply, chat.postEphemeral), under the channel it was in. */
export type Ephemeral = {
  id: string;
  channel: string;
  /** Who says it: the app, or Slackbot (Slack's own answer, to a command the workspace doesn't have). */
  from: 'app' | 'slackbot';
  text: string;
  blocks: Block[] | null;
  at: string;
};

export type View = Record<string, unknown> & { type: string; blocks: Block[] };
export type OpenModal = { viewId: string; view: View; errors: Record<string, string> };

/** What happened, for the page's activity log: requests sent, what Slack refused, clock moves. */
export type LogEntry = { at: string; kind: 'request' | 'slack_error' | 'clock' | 'info'; text: string };

export type StandUpPrompt = { user: string; ts: string; pending: boolean };

export type SlashCommand = { command: string; description: string; usageHint: string };
export type Shortcut = { callbackId: string; name: string; type: 'message' | 'global' };

export type PlaygroundState = {
  /** Playground time (ISO), which the clock control moves. */
  now: string;
  /** When the next ritual is due, if any (ISO). */
  nextRitualAt: string | null;
  me: string;
  teams: TeamState[];
  people: Person[];
  botUserId: string;
  /** Channels `me` is a member of. */
  channels: Channel[];
  /** Group DMs `me` is a member of, oldest first. */
  groupDms: GroupDm[];
  /**
   * Messages by conversation id, oldest first: `me`'s channels, their DM with the bot ("D" + me)
   * and their group DMs.
   */
  conversations: Record<string, Message[]>;
  ephemerals: Ephemeral[];
  /** `me`'s Home tab as the bot last published it. */
  home: View | null;
  /** The modal `me` has open (the top of the stack), if any. */
  modal: OpenModal | null;
  log: LogEntry[];
  /**
   * Everyone's stand-up prompts in their DM with Rapport, oldest first: the page's guide says who
   * was just prompted. `pending` while the prompt still waits for an answer or a skip.
   */
  standUpPrompts: StandUpPrompt[];
  /** The app's commands and shortcuts in `me`'s Slack: none unless their workspace installed it. */
  commands: SlashCommand[];
  shortcuts: Shortcut[];
};

/** An element's action as Slack puts it in a block_actions payload's `actions[0]`. */
export type ElementAction = Record<string, unknown> & { type: string; action_id: string; block_id: string };

/** A view's input values as Slack sends them in `view.state.values`: block_id → action_id → value. */
export type ViewValues = Record<string, Record<string, Record<string, unknown>>>;

export type ActionRequests = {
  /** `text` starts with the command: "/kudos @ana thanks for the review". */
  command: { as: string; channel: string; text: string };
  message: { as: string; channel: string; text: string; threadTs?: string };
  reaction: { as: string; channel: string; ts: string; name: string; add: boolean };
  shortcut: { as: string; channel: string; ts: string; callbackId: string };
  /** A button, select or picker used in a message, an ephemeral message, the Home tab or a modal. */
  action: {
    as: string;
    container:
      | { type: 'message'; channel: string; ts: string }
      | { type: 'ephemeral'; channel: string; id: string }
      | { type: 'view'; viewId: string };
    action: ElementAction;
    /** The view's input values at the time, for an action inside a modal. */
    values?: ViewValues;
  };
  submit: { as: string; viewId: string; values: ViewValues };
  close: { as: string; viewId: string };
  home: { as: string };
  clock: { as: string; advance: 'hour' | 'day' | 'next' };
  sample: { as: string };
  /** An admin of `as`'s workspace installs Rapport there: the OAuth flow, through the app. */
  install: { as: string };
  reset: { as: string };
};

export type ActionResult = {
  ok: boolean;
  /** What went wrong, in words for the page (an app error, Slack's refusal, a bad request). */
  error?: string;
};

/**
 * GET /playground/api/health: the headline numbers of Rapport's own metrics (the registry /metrics
 * serves), for the page's "Health of Rapport" panel.
 */
export type HealthSummary = {
  /** Slack requests answered, and those that ended in an error (5xx or no answer). */
  requests: { total: number; failed: number };
  /** Web API calls made, and those rate limited (429). */
  apiCalls: { total: number; rateLimited: number };
  /** Messages waiting in the outbox, and the oldest one's age in seconds. */
  outbox: { waiting: number; oldestSeconds: number };
  /** Scheduler ticks run, and when the last one finished (ISO, playground time), if any. */
  ticks: { total: number; lastAt: string | null };
  /** The database pool's connections. */
  pool: { total: number; idle: number; waiting: number };
};
