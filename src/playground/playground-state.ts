import type {
  Block,
  GroupDm,
  LogEntry,
  Message,
  PlaygroundState,
  Shortcut,
  SlashCommand,
  StandUpPrompt,
  View,
} from './api-types.js';
import { BOT_USER_ID, type SlackStandIn, type StoredMessage } from '../slack-emulator/index.js';
import { CHANNELS, PEOPLE, TEAMS } from './workspace.js';

/** The metadata key of a stand-up prompt's DM (standupKeys.dm), as the outbox posts it. */
const PROMPT_KEY = /^standup-prompt:/;
/** A prompt still offers Skip until it is answered or skipped (then it says which). */
const SKIP_ACTION = 'standup_skip';

export const FILES_PATH = '/playground/files/';

/**
 * What one person sees of the playground's Slack: their channels, their DM with the bot and the
 * group DMs they are in, the replies only they see, their Home tab and open modal; plus the clock
 * and the activity log.
 */
export function stateFor(input: {
  slack: SlackStandIn;
  me: string;
  now: Date;
  nextRitualAt: Date | undefined;
  log: LogEntry[];
  commands: SlashCommand[];
  shortcuts: Shortcut[];
  /** Whether a workspace has installed Rapport. */
  installed(teamId: string): boolean;
}): PlaygroundState {
  const { slack, me } = input;
  const channels = CHANNELS.filter((c) => c.members.includes(me));
  const groupDms = groupDmsOf(slack, me);
  const conversations: Record<string, Message[]> = {};
  for (const id of [...channels.map((c) => c.id), `D${me}`, ...groupDms.map((g) => g.id)]) {
    conversations[id] = (slack.conversations.get(id) ?? []).map((m) => messageOf(slack, m as StoredMessage));
  }
  const top = slack.modals.get(me)?.at(-1);
  const home = slack.homes.get(me);
  return {
    now: input.now.toISOString(),
    nextRitualAt: input.nextRitualAt?.toISOString() ?? null,
    me,
    teams: TEAMS.map((t) => ({ ...t, installed: input.installed(t.id) })),
    people: PEOPLE,
    botUserId: BOT_USER_ID,
    channels,
    groupDms,
    conversations,
    ephemerals: slack.ephemerals
      .filter((e) => e.user === me)
      .map((e) => ({
        id: e.id,
        channel: e.channel,
        from: e.from,
        text: e.text,
        blocks: e.blocks as Block[] | null,
        at: e.at.toISOString(),
      })),
    home: home ? (home as View) : null,
    modal: top ? { viewId: top.id, view: top.view as View, errors: top.errors ?? {} } : null,
    log: input.log,
    standUpPrompts: standUpPrompts(slack),
    commands: slack.hasInstalled(me) ? input.commands : [],
    shortcuts: slack.hasInstalled(me) ? input.shortcuts : [],
  };
}

/** The group DMs `me` is in, as conversations.open made them, in the order they were opened. */
export function groupDmsOf(slack: SlackStandIn, me: string): GroupDm[] {
  return [...slack.groupDms]
    .filter(([, members]) => members.includes(me))
    .map(([id, members]) => ({ id, members: [...members] }));
}

function messageOf(slack: SlackStandIn, m: StoredMessage): Message {
  return {
    ts: m.ts,
    user: m.user ?? null,
    botId: m.bot_id ?? null,
    text: typeof m.text === 'string' ? m.text : '',
    blocks: Array.isArray(m.blocks) ? (m.blocks as Block[]) : null,
    threadTs: m.thread_ts ?? null,
    reactions: (m.reactions ?? []).map((r) => ({ name: r.name, users: [...r.users] })),
    files: (m.files ?? []).map((f) => {
      const file = f.id ? slack.files.get(f.id) : undefined;
      return {
        id: String(f.id),
        title: f.title ?? f.name ?? '',
        altText: file?.altText ?? null,
        url: `${FILES_PATH}${String(f.id)}`,
      };
    }),
    edited: m.edited !== undefined,
  };
}

function standUpPrompts(slack: SlackStandIn): StandUpPrompt[] {
  const prompts = PEOPLE.flatMap((person) =>
    (slack.conversations.get(`D${person.id}`) ?? []).flatMap((raw) => {
      const m = raw as StoredMessage & { metadata?: { event_payload?: { key?: unknown } } };
      const key = m.metadata?.event_payload?.key;
      if (typeof key !== 'string' || !PROMPT_KEY.test(key)) return [];
      const pending = JSON.stringify(m.blocks ?? []).includes(`"${SKIP_ACTION}"`);
      return [{ user: person.id, ts: m.ts, pending }];
    }),
  );
  return prompts.sort((a, b) => Number(a.ts) - Number(b.ts));
}
