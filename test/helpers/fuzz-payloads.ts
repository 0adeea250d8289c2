import fc from 'fast-check';
import {
  ACTION_PAYLOADS,
  SHORTCUT_PAYLOADS,
  VIEW_PAYLOADS,
} from '../../src/slack/inbound/interaction-payloads.js';
import { EVENT_PAYLOADS } from '../../src/slack/inbound/event-payloads.js';

/**
 * Slack payloads to fuzz the app with: well-formed templates of every event, action, view and
 * shortcut Rapport handles (and a few it does not), shaped as Slack sends them (test/fixtures/slack),
 * then mutated: a field deleted, replaced by any JSON value, by hostile text, by null.
 */
export const FUZZ = {
  team: 'T0RAPPORT1',
  channel: 'C0FUZZROOM',
  ana: 'U0ANA00001',
  ben: 'U0BEN00002',
} as const;

export type FuzzRequest = { body: string; contentType: string };
type Json = Record<string, unknown>;

const FORM = 'application/x-www-form-urlencoded';
/** Distinct message timestamps and event ids, the same sequence in every run. */
let serial = 0;
const ts = () => {
  serial += 1;
  return `${1_700_000_000 + serial}.${String(serial % 1_000_000).padStart(6, '0')}`;
};

const envelope = (event: Json): Json => ({
  token: 'verification-token',
  team_id: FUZZ.team,
  api_app_id: 'A0RAPPORT',
  type: 'event_callback',
  event_id: `Ev0FUZZ${String((serial += 1)).padStart(8, '0')}`,
  event_time: 1_700_000_000,
  authorizations: [{ team_id: FUZZ.team, user_id: 'U0RAPPBOT', is_bot: true, is_enterprise_install: false }],
  is_ext_shared_channel: false,
  event: { ...event, event_ts: event.event_ts ?? ts() },
});

const interactionBase = (responseUrl: string): Json => ({
  team: { id: FUZZ.team, domain: 'rapport' },
  user: { id: FUZZ.ana, username: 'ana', name: 'ana', team_id: FUZZ.team },
  api_app_id: 'A0RAPPORT',
  token: 'verification-token',
  trigger_id: `${Date.now()}.fuzz`,
  response_url: responseUrl,
  is_enterprise_install: false,
  enterprise: null,
});

const modal = (callbackId: string): Json => ({
  id: 'V0FUZZ0001',
  team_id: FUZZ.team,
  app_installed_team_id: FUZZ.team,
  type: 'modal',
  callback_id: callbackId,
  private_metadata: '{"channelId":"C0FUZZROOM"}',
  hash: '1700000000.abcd',
  state: { values: { block: { value: { type: 'plain_text_input', value: 'fuzzed words' } } } },
});

/** Every other fuzzed message is a reply in a thread. */
let messages = 0;

const EVENTS: Record<string, () => Json> = {
  reaction_added: () => ({ type: 'reaction_added', user: FUZZ.ana, item_user: FUZZ.ben, reaction: 'clap', item: { type: 'message', channel: FUZZ.channel, ts: ts() } }),
  reaction_removed: () => ({ type: 'reaction_removed', user: FUZZ.ana, item_user: FUZZ.ben, reaction: 'clap', item: { type: 'message', channel: FUZZ.channel, ts: ts() } }),
  member_joined_channel: () => ({ type: 'member_joined_channel', user: FUZZ.ben, channel: FUZZ.channel, channel_type: 'C', team: FUZZ.team }),
  member_left_channel: () => ({ type: 'member_left_channel', user: FUZZ.ben, channel: FUZZ.channel, channel_type: 'C', team: FUZZ.team }),
  channel_shared: () => ({ type: 'channel_shared', connected_team_id: 'T0PARTNER1', channel: FUZZ.channel }),
  channel_unshared: () => ({ type: 'channel_unshared', previously_connected_team_id: 'T0PARTNER1', channel: FUZZ.channel, is_ext_shared: false }),
  user_change: () => ({ type: 'user_change', user: { id: FUZZ.ben, team_id: FUZZ.team, name: 'ben', real_name: 'Ben', tz: 'Europe/London', deleted: false, is_bot: false, is_admin: false, profile: { display_name: 'ben' } }, cache_ts: 1_700_000_000 }),
  app_home_opened: () => ({ type: 'app_home_opened', user: FUZZ.ana, channel: `D${FUZZ.ana}`, tab: 'home' }),
  app_uninstalled: () => ({ type: 'app_uninstalled' }),
  tokens_revoked: () => ({ type: 'tokens_revoked', tokens: { oauth: [FUZZ.ana], bot: [] } }),
  message: () => ({ type: 'message', user: FUZZ.ana, user_team: FUZZ.team, text: 'can you review this?', channel: FUZZ.channel, channel_type: 'channel', ts: ts(), ...((messages += 1) % 2 === 0 ? { thread_ts: ts() } : {}) }),
}; // prettier-ignore

/** Values a button of each kind plausibly carries: ids, refs, switches, nonsense. */
const BUTTON_VALUES = ['1', '42', 'on', 'off', 'home', '{"ritualId":1,"localDate":"2026-11-20"}', '', 'new'];

function actionTemplate(actionId: string, responseUrl: string, value: string): Json {
  const select = actionId.startsWith('ritual_settings_');
  const users = actionId === 'credit_people';
  const element = users
    ? { type: 'multi_users_select', action_id: actionId, block_id: 'b', selected_users: [FUZZ.ana, FUZZ.ben] }
    : select
      ? {
          type: 'static_select',
          action_id: actionId,
          block_id: 'b',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value },
        }
      : {
          type: 'button',
          action_id: actionId,
          block_id: 'b',
          value,
          text: { type: 'plain_text', text: 'Go' },
        };
  const inModal = select || users;
  return {
    type: 'block_actions',
    ...interactionBase(responseUrl),
    container: inModal
      ? { type: 'view', view_id: 'V0FUZZ0001' }
      : { type: 'message', message_ts: ts(), channel_id: FUZZ.channel, is_ephemeral: false },
    ...(inModal
      ? { view: modal(users ? 'credit_form' : 'ritual_settings') }
      : { channel: { id: FUZZ.channel, name: 'fuzz' }, message: { type: 'message', ts: ts(), text: 'x' } }),
    actions: [element],
  };
}

function shortcutTemplate(callbackId: string, responseUrl: string): Json {
  return {
    type: 'message_action',
    ...interactionBase(responseUrl),
    callback_id: callbackId,
    message_ts: ts(),
    channel: { id: FUZZ.channel, name: 'fuzz' },
    message: { type: 'message', user: FUZZ.ben, ts: ts(), text: 'the thing we shipped' },
  };
}

const COMMANDS = [
  '/kudos',
  '/rituals',
  '/checkin',
  '/health',
  '/pulse',
  '/retro',
  '/charter',
  '/decisions',
  '/credit',
  '/gave',
];

/** Text people (and attackers) type after a command. */
export const commandText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    'help',
    'mine',
    `<@${FUZZ.ben}|ben> for the review`,
    `<@${FUZZ.ben}> <@${FUZZ.ana}> thanks`,
    'standup mon-fri 09:30 local',
    'retro weekly fri 15:00 Europe/London',
    'pulse weekly wed 11:00 Mars/Olympus',
    'digest mon 09:00 Europe/Berlin',
    'away 2026-12-24 2026-12-31',
    'away 2026-02-30',
    'list',
    'channel',
    `<@${FUZZ.ben}> the scripts — saved 2 weeks · $4,000 · high risk`,
    'remove 999999999999999999999',
    'action <@U0BEN00002> ship it by 2026-12-01',
    'sides Northwind=T0RAPPORT1 Globex=T0PARTNER1',
    "'; drop table kudos; --",
    '<script>alert(1)</script> &amp; &lt;',
    '\u0000\u0001\u202e',
    'x'.repeat(5000),
  ),
  fc
    .array(
      fc.constantFrom(
        '<@U0BEN00002|ben>',
        '<#C0FUZZROOM|fuzz>',
        'for',
        'the',
        '2026-12-01',
        '09:30',
        '🎉',
        '*bold*',
      ),
      { maxLength: 30 },
    )
    .map((w) => w.join(' ')),
);

/** A value that replaces a field. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    null,
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    '1.2.3',
    '../../etc/passwd',
    'x'.repeat(20_000),
    '\u0000',
    [],
    {},
    true,
    2 ** 60,
  ),
);

type Mutation = { kind: 'delete' | 'replace'; pick: number; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete' as const, 'replace' as const),
  pick: fc.nat(),
  value: hostileValue,
});

/** Every path to a value in a JSON object, parents before children. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => [[...prefix, key], ...pathsOf(v, [...prefix, key])]);
}

function mutate(target: Json, m: Mutation): void {
  const paths = pathsOf(target);
  const path = paths[m.pick % Math.max(paths.length, 1)];
  if (!path) return;
  let parent: unknown = target;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const last = path.at(-1) as string | number;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Json)[last];
  } else {
    (parent as Record<string | number, unknown>)[last] = m.value;
  }
}

const form = (payload: Json): FuzzRequest => ({
  body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  contentType: FORM,
});

/** A signed event: a template of each handled type (and an unhandled one), maybe mutated. */
export const fuzzedEvent = fc
  .record({ type: fc.constantFrom(...Object.keys(EVENTS)), mutations: fc.array(mutation, { maxLength: 3 }) })
  .map(({ type, mutations }): FuzzRequest => {
    const body = envelope((EVENTS[type] as () => Json)());
    for (const m of mutations) mutate(body, m);
    return { body: JSON.stringify(body), contentType: 'application/json' };
  });

/** A signed interaction: every action, view and shortcut Rapport handles, and unknown ones, maybe mutated. */
export const fuzzedInteraction = (responseUrl: () => string) =>
  fc
    .record({
      template: fc.oneof(
        fc
          .constantFrom(...Object.keys(ACTION_PAYLOADS), 'nobody_listens')
          .chain((id) =>
            fc.constantFrom(...BUTTON_VALUES).map((value) => ({ surface: 'action' as const, id, value })),
          ),
        fc
          .constantFrom(...Object.keys(VIEW_PAYLOADS), 'unknown_form')
          .map((id) => ({ surface: 'view' as const, id, value: '' })),
        fc
          .constantFrom(...Object.keys(SHORTCUT_PAYLOADS), 'unknown_shortcut')
          .map((id) => ({ surface: 'shortcut' as const, id, value: '' })),
      ),
      mutations: fc.array(mutation, { maxLength: 3 }),
    })
    .map(({ template, mutations }): FuzzRequest => {
      const url = responseUrl();
      const body =
        template.surface === 'action'
          ? actionTemplate(template.id, url, template.value)
          : template.surface === 'view'
            ? {
                type: 'view_submission',
                ...interactionBase(url),
                response_url: undefined,
                view: modal(template.id),
              }
            : shortcutTemplate(template.id, url);
      for (const m of mutations) mutate(body, m);
      return form(body);
    });

/** A signed slash command with what people might type, its fields sometimes missing or odd. */
export const fuzzedCommand = (responseUrl: () => string) =>
  fc
    .record({
      command: fc.constantFrom(...COMMANDS, '/unknown'),
      text: commandText,
      drop: fc.subarray(['team_id', 'user_id', 'channel_id', 'trigger_id', 'response_url']),
      user: fc.constantFrom(FUZZ.ana, FUZZ.ben, 'U0NOBODY01', 'not-a-user', ''),
    })
    .map(({ command, text, drop, user }): FuzzRequest => {
      const fields: Record<string, string> = {
        token: 'verification-token',
        team_id: FUZZ.team,
        team_domain: 'rapport',
        channel_id: FUZZ.channel,
        channel_name: 'fuzz',
        user_id: user,
        user_name: 'someone',
        command,
        text,
        api_app_id: 'A0RAPPORT',
        is_enterprise_install: 'false',
        response_url: responseUrl(),
        trigger_id: `${Date.now()}.fuzz`,
      };
      for (const field of drop) delete fields[field];
      return { body: new URLSearchParams(fields).toString(), contentType: FORM };
    });

/**
 * Slack's own payloads (test/fixtures/slack, copied from slackapi's repositories), with the ids and
 * timestamps their templates leave empty filled in as Slack would fill them, then mutated.
 */
const FIXTURES = [
  'events/reaction_added.realistic.json',
  'events/reaction_added.json',
  'events/reaction_removed.json',
  'events/app_home_opened.json',
  'events/member_joined_channel.json',
  'events/tokens_revoked.json',
  'events/app_uninstalled.json',
  'events/app_rate_limited.json',
  'events/message.json',
  'events/app_mention.json',
  'interactivity/block_actions.json',
  'interactivity/view_submission.json',
  'interactivity/view_closed.json',
];

/** Empty ids and timestamps in a fixture, filled as a real delivery would have them. */
function filled(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => filled(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, filled(v, k)]));
  }
  if (value !== '') return value;
  if (/(^|_)ts$/.test(key)) return ts();
  if (key === 'team_id' || key === 'team') return FUZZ.team;
  if (key === 'user' || key === 'user_id' || key === 'item_user') return FUZZ.ana;
  if (key === 'channel' || key === 'channel_id') return FUZZ.channel;
  if (key === 'id') return 'V0FUZZ0001';
  return value;
}

export const fuzzedFixture = (load: (path: string) => Record<string, unknown>) =>
  fc
    .record({
      path: fc.constantFrom(...FIXTURES),
      fill: fc.boolean(),
      mutations: fc.array(mutation, { maxLength: 3 }),
    })
    .map(({ path, fill, mutations }): FuzzRequest => {
      const fixture = load(path);
      const body = (fill ? filled(fixture) : fixture) as Json;
      for (const m of mutations) mutate(body, m);
      return path.startsWith('events/')
        ? { body: JSON.stringify(body), contentType: 'application/json' }
        : form(body);
    });

/** Every event type, action, view and shortcut the edge has a schema for, for a coverage check. */
export const TEMPLATES = { events: Object.keys(EVENTS) };

export const HANDLED = {
  events: Object.keys(EVENT_PAYLOADS),
  actions: Object.keys(ACTION_PAYLOADS),
  views: Object.keys(VIEW_PAYLOADS),
  shortcuts: Object.keys(SHORTCUT_PAYLOADS),
};
