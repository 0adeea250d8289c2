import type { ActionRequests, ActionResult, LogEntry, SlashCommand } from './api-types.js';
import type { PlaygroundClock } from './playground-clock.js';
import {
  APP_ID,
  type AppAnswer,
  BOT_ID,
  type OpenView,
  readAnswer,
  type SlackRequests,
  type SlackStandIn,
} from '../slack-emulator/index.js';
import { channelById, conversationName, asSlackSendsIt, personById, TEAMS } from './workspace.js';
import type { PlaygroundInstalls } from './playground-installs.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type ActionDeps = {
  slack: SlackStandIn;
  requests: SlackRequests;
  clock: PlaygroundClock;
  commands: SlashCommand[];
  /** Runs the scheduler's tick and one outbox delivery pass, as their clocks would. */
  runJobs(): Promise<void>;
  nextRitualAt(): Promise<Date | undefined>;
  reset(): Promise<void>;
  installs: PlaygroundInstalls;
  /** Replaces the workspace's contents with four weeks of sample activity. */
  loadSample(): Promise<void>;
  note(kind: LogEntry['kind'], text: string): void;
};

type Handlers = {
  [K in keyof ActionRequests]: (deps: ActionDeps, body: ActionRequests[K]) => Promise<ActionResult>;
};

const ok: ActionResult = { ok: true };
const refused = (error: string): ActionResult => ({ ok: false, error });

/**
 * What a person does in the playground, turned into what Slack would do: a request to the app
 * (signed, through Bolt and the database like any other), or a change to the stand-in's Slack
 * followed by the event Slack would send. Nothing here reaches around the app.
 */
export const ACTIONS: Handlers = {
  async command(deps, body) {
    const [command = '', ...rest] = body.text.trim().split(/\s+/);
    const where = conversationOf(deps.slack, body.as, body.channel);
    if (!where.ok) return where;
    // Slack knows only the commands of apps the person's workspace installed; for any other, Slackbot
    // answers them alone, and nothing reaches the app.
    if (!deps.commands.some((c) => c.command === command)) {
      deps.slack.commandNotInstalled(body.channel, body.as, command);
      return ok;
    }
    const text = asSlackSendsIt(body.text.trim().slice(command.length).trim());
    const outcome = await deps.requests.slashCommand({
      user_id: body.as,
      channel_id: body.channel,
      channel_name: nameForSlack(deps.slack, body.channel),
      command,
      text,
    });
    if (!outcome.delivered) {
      deps.note(
        'info',
        `${nameOf(body.as)} typed ${command}: their workspace has not installed Rapport, so Slack did not send it; Slackbot answered`,
      );
      return ok;
    }
    deps.note('request', `${nameOf(body.as)} ran ${command}${rest.length > 0 ? ` ${rest.join(' ')}` : ''}`);
    return commandReply(deps, body, command, await readAnswer(outcome.response));
  },

  async message(deps, body) {
    const where = conversationOf(deps.slack, body.as, body.channel);
    if (!where.ok) return where;
    if (!body.text.trim()) return refused('A message needs some text.');
    // The manifest makes Rapport's Messages tab read-only: people reach it by command, not by message.
    if (body.channel === `D${body.as}`)
      return refused('Sending messages to this app is turned off. Type a / command instead.');
    const posted = deps.slack.postAsUser(body.channel, body.as, asSlackSendsIt(body.text), body.threadTs);
    // The manifest subscribes to message.channels and message.groups: Slack sends the app each
    // message of a channel it is in (docs.slack.dev/reference/events/message.channels), with
    // channel_type "channel" or "group", and in a shared channel the author's `user_team`. Not
    // message.mpim: what people say in a group DM stays between them.
    if (deps.slack.channelsWithoutBot.has(body.channel) || deps.slack.groupDms.has(body.channel)) return ok;
    const team = personById(body.as)?.teamId;
    return answered(
      deps,
      await deps.requests.event({
        type: 'message',
        channel: body.channel,
        channel_type: channelById(body.channel)?.isPrivate ? 'group' : 'channel',
        user: body.as,
        text: posted.text,
        ts: posted.ts,
        ...(posted.thread_ts ? { thread_ts: posted.thread_ts } : {}),
        ...(team ? { team, user_team: team } : {}),
      }),
    );
  },

  async reaction(deps, body) {
    const message = deps.slack.message(body.channel, body.ts);
    if (!message || !conversationOf(deps.slack, body.as, body.channel).ok)
      return refused('That message is not here.');
    if (!/^[a-z0-9_+-]{1,100}$/.test(body.name)) return refused(`:${body.name}: is not an emoji name.`);
    if (!deps.slack.react(body.channel, body.ts, body.as, body.name, body.add)) return ok;
    deps.note('request', `${nameOf(body.as)} ${body.add ? 'reacted with' : 'removed'} :${body.name}:`);
    return answered(
      deps,
      await deps.requests.event({
        type: body.add ? 'reaction_added' : 'reaction_removed',
        user: body.as,
        item: { type: 'message', channel: body.channel, ts: body.ts },
        reaction: body.name,
        ...(message.user ? { item_user: message.user } : {}),
      }),
    );
  },

  async shortcut(deps, body) {
    const message = deps.slack.message(body.channel, body.ts);
    if (!message || !conversationOf(deps.slack, body.as, body.channel).ok)
      return refused('That message is not here.');
    // Message shortcuts, like commands, are only in workspaces that installed the app.
    if (!deps.slack.hasInstalled(body.as))
      return refused('Your workspace has not installed Rapport: its shortcuts are not in your Slack.');
    deps.note('request', `${nameOf(body.as)} used the shortcut ${body.callbackId}`);
    return answered(
      deps,
      await deps.requests.messageShortcut({
        user_id: body.as,
        callback_id: body.callbackId,
        channel_id: body.channel,
        channel_name: nameForSlack(deps.slack, body.channel),
        message: { ...message, team: personById(message.user ?? '')?.teamId },
      }),
    );
  },

  async action(deps, body) {
    const { container } = body;
    deps.note('request', `${nameOf(body.as)} used ${body.action.type} ${body.action.action_id}`);
    if (container.type === 'view') {
      const view = viewOf(deps.slack, body.as, container.viewId);
      if (!view) return refused('That view is no longer open.');
      const payloadView = {
        ...view.view,
        id: view.id,
        hash: view.hash,
        state: { values: body.values ?? {} },
      };
      return answered(
        deps,
        await deps.requests.blockActions({
          user_id: body.as,
          action: body.action,
          where: { type: 'view', view: payloadView },
        }),
      );
    }
    const where = conversationOf(deps.slack, body.as, container.channel);
    if (!where.ok) return where;
    // In a group DM too (a pairs group's "We met"): the payload names the group's conversation, and
    // its response_url replaces the message there (SlackStandIn.respondTo).
    const channel_name = nameForSlack(deps.slack, container.channel);
    if (container.type === 'ephemeral') {
      if (!deps.slack.ephemerals.some((e) => e.id === container.id && e.user === body.as))
        return refused('That message is gone.');
      return answered(
        deps,
        await deps.requests.blockActions({
          user_id: body.as,
          action: body.action,
          where: { type: 'ephemeral', channel_id: container.channel, channel_name, id: container.id },
        }),
      );
    }
    const message = deps.slack.message(container.channel, container.ts);
    if (!message) return refused('That message is not here.');
    return answered(
      deps,
      await deps.requests.blockActions({
        user_id: body.as,
        action: body.action,
        where: { type: 'message', channel_id: container.channel, channel_name, message },
      }),
    );
  },

  async submit(deps, body) {
    const open = deps.slack.modals.get(body.as)?.find((v) => v.id === body.viewId);
    if (!open) return refused('That modal is no longer open.');
    deps.note('request', `${nameOf(body.as)} submitted ${String(open.view.callback_id ?? 'a modal')}`);
    const answer = await readAnswer(
      await deps.requests.viewSubmission({ user_id: body.as, view: viewPayload(open, body.values) }),
    );
    if (answer.status !== 200) return failed(deps, 'The modal could not be submitted', answer);
    applySubmissionAnswer(deps.slack, body.as, open, answer.body);
    return ok;
  },

  async close(deps, body) {
    const open = deps.slack.modals.get(body.as)?.find((v) => v.id === body.viewId);
    if (!open) return ok;
    deps.slack.closeView(body.as, body.viewId);
    if (open.view.notify_on_close === true)
      return answered(
        deps,
        await deps.requests.viewClosed({ user_id: body.as, view: viewPayload(open, {}) }),
      );
    return ok;
  },

  async home(deps, body) {
    return answered(
      deps,
      await deps.requests.event({
        type: 'app_home_opened',
        user: body.as,
        channel: `D${body.as}`,
        tab: 'home',
      }),
    );
  },

  async clock(deps, body) {
    if (body.advance === 'next') {
      const next = await deps.nextRitualAt();
      if (!next) return refused('No ritual is scheduled yet: set one up in a channel with /rituals.');
      deps.clock.advanceTo(new Date(next.getTime() + 1_000));
    } else {
      deps.clock.advance(body.advance === 'hour' ? HOUR_MS : DAY_MS);
    }
    deps.note('clock', `time moved to ${deps.clock.now().toISOString()}`);
    await deps.runJobs();
    return ok;
  },

  async sample(deps) {
    await deps.loadSample();
    return ok;
  },

  async reset(deps) {
    await deps.reset();
    return ok;
  },

  async install(deps, body) {
    const person = personById(body.as);
    const team = TEAMS.find((t) => t.id === person?.teamId);
    if (!person || !team) return refused('Choose who you are first.');
    if (deps.installs.isInstalled(team.id)) return refused(`Rapport is already installed in ${team.name}.`);
    await deps.installs.install(team.id, person.id);
    deps.note(
      'info',
      `${person.realName} installed Rapport in ${team.name}: its install page, "Allow" on Slack's authorize page, and oauth.v2.access; ${team.name}'s people now have its commands and shortcuts`,
    );
    return ok;
  },
};

/** A command's reply: its HTTP answer, shown only to whoever ran it unless it says "in_channel". */
function commandReply(
  deps: ActionDeps,
  body: ActionRequests['command'],
  command: string,
  answer: AppAnswer,
): ActionResult {
  if (answer.status !== 200) return failed(deps, `${command} failed`, answer);
  const reply = answer.body;
  if (reply && (typeof reply.text === 'string' || Array.isArray(reply.blocks))) {
    if (reply.response_type === 'in_channel')
      deps.slack.respondTo({ user: body.as, channel: body.channel }, reply);
    else deps.slack.addEphemeral(body.channel, body.as, reply);
  }
  return ok;
}

/** What Slack does with the answer to a submission: close, show errors, update, push or clear. */
function applySubmissionAnswer(
  slack: SlackStandIn,
  user: string,
  open: OpenView,
  body: Record<string, unknown> | null,
): void {
  switch (body?.response_action) {
    case 'errors':
      open.errors = (body.errors ?? {}) as Record<string, string>;
      return;
    case 'update':
      Object.assign(open, { view: body.view, errors: {} });
      return;
    case 'push':
      slack.pushView(user, body.view as Record<string, unknown>);
      return;
    case 'clear':
      slack.clearViews(user);
      return;
    default:
      slack.closeView(user, open.id);
  }
}

function viewPayload(open: OpenView, values: ActionRequests['submit']['values']) {
  return {
    ...open.view,
    id: open.id,
    hash: open.hash,
    state: { values },
    root_view_id: open.id,
    previous_view_id: null,
    app_id: APP_ID,
    bot_id: BOT_ID,
  };
}

function viewOf(slack: SlackStandIn, user: string, viewId: string): OpenView | undefined {
  const modal = slack.modals.get(user)?.find((v) => v.id === viewId);
  if (modal) return modal;
  const home = slack.homes.get(user);
  return home && home.id === viewId ? { id: viewId, hash: String(home.hash ?? ''), view: home } : undefined;
}

/** A channel the person is in, their DM with the bot, or a group DM they are in. */
function conversationOf(slack: SlackStandIn, user: string, channel: string): ActionResult {
  if (!personById(user)) return refused(`Nobody called ${user} is in this workspace.`);
  if (channel === `D${user}`) return ok;
  const group = slack.groupDms.get(channel);
  if (group) return group.includes(user) ? ok : refused('You are not in that conversation.');
  const found = channelById(channel);
  if (!found) return refused('That channel does not exist.');
  return found.members.includes(user) ? ok : refused(`You are not a member of #${found.name}.`);
}

/**
 * The conversation's name as Slack puts it in a request: a channel's, "directmessage" for a DM, and
 * for a group DM "mpdm-" and its members' handles joined by "--", then "-1" (Slack's mpim names).
 */
function nameForSlack(slack: SlackStandIn, channel: string): string {
  const group = slack.groupDms.get(channel);
  if (!group) return conversationName(channel);
  return `mpdm-${group.map((id) => personById(id)?.name ?? id.toLowerCase()).join('--')}-1`;
}

/** The app's answer to an event or an interaction: 200, or a failure the log shows. */
async function answered(deps: ActionDeps, response: Response): Promise<ActionResult> {
  const answer = await readAnswer(response);
  return answer.status === 200 ? ok : failed(deps, 'The app could not take that', answer);
}

function failed(deps: ActionDeps, what: string, answer: AppAnswer): ActionResult {
  const error = `${what}: the app answered ${answer.status}${answer.body?.error ? ` (${String(answer.body.error)})` : ''}.`;
  deps.note('slack_error', error);
  return refused(error);
}

function nameOf(userId: string): string {
  return personById(userId)?.realName ?? userId;
}
