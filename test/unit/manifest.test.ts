import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { REDIRECT_PATH, SLACK_EVENTS_PATH } from '../../src/http/server.js';
import { BOT_SCOPES } from '../../src/slack/installations/scopes.js';
import { projectPath } from '../../src/project-path.js';
import { CHARTER, COMMANDS, CREDITS, DECISIONS, GIVES, KUDOS } from '../../src/slack/ids.js';

/**
 * manifest.json is what an admin pastes into api.slack.com to create the app. These checks keep it
 * valid against Slack's manifest schema and in step with the code: every command and event the app
 * listens for must be declared, with the scopes Slack demands for it.
 */

type Manifest = {
  display_information: { name: string; description?: string; background_color?: string };
  features?: {
    slash_commands?: { command: string; url?: string; should_escape?: boolean }[];
    shortcuts?: { name: string; type: 'message' | 'global'; callback_id: string; description: string }[];
  };
  oauth_config?: { redirect_urls?: string[]; scopes?: { bot?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
  };
};

/**
 * The bot scopes each event needs. From Slack's Events API spec, `x-scopes-required` per event
 * (slackapi/slack-api-specs events-api/slack_events_api_async_v1.json, kept in
 * shared/slack-fixtures/specs/; not copied into test/fixtures). app_home_opened is newer than that
 * spec; its page (api.slack.com/events/app_home_opened) lists no required scope.
 * Subscribe to a new event? Add it here with the scopes its page lists.
 */
const EVENT_SCOPES: Record<string, readonly string[]> = {
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  user_change: ['users:read'],
  // Slack lists both; either one grants the event for its kind of channel (public, private).
  member_joined_channel: ['channels:read', 'groups:read'],
  member_left_channel: ['channels:read', 'groups:read'],
  app_home_opened: [],
  // https://docs.slack.dev/reference/events/channel_shared and …/channel_unshared: either scope.
  channel_shared: ['channels:read', 'groups:read'],
  channel_unshared: ['channels:read', 'groups:read'],
  // The spec's x-scopes-required: each kind of channel's messages need its history scope.
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  // Installs by OAuth: the spec lists no scope for either (app.uninstalled, tokens.revoked).
  app_uninstalled: [],
  tokens_revoked: [],
};

/**
 * The bot scopes of the Web API calls the outbox makes on its own. conversations.history and
 * .replies from slack_web_openapi_v2.json (shared/slack-fixtures/specs): the history scope of each
 * kind of conversation it reads (public, private, DMs). files.getUploadURLExternal and
 * files.completeUploadExternal are newer than that spec; their pages list files:write.
 */
const OUTBOX_METHOD_SCOPES: Record<string, readonly string[]> = {
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
};

const readJson = (...parts: string[]): unknown => JSON.parse(readFileSync(projectPath(...parts), 'utf8'));

const manifest = readJson('manifest.json') as Manifest;
const botScopes = manifest.oauth_config?.scopes?.bot ?? [];
const botEvents = manifest.settings?.event_subscriptions?.bot_events ?? [];
const slashCommands = manifest.features?.slash_commands ?? [];

/** The TypeScript files under a folder, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `app.event(…)` call in the listeners: the event names, and the calls this test cannot read. */
function listenedEvents(): { events: Set<string>; unreadable: string[] } {
  const root = projectPath('src', 'slack', 'listeners');
  const events = new Set<string>();
  const unreadable: string[] = [];
  for (const file of sourceFiles(root)) {
    const source = readFileSync(file, 'utf8');
    for (const call of source.matchAll(/\bapp\.event\(\s*([^,)]*)/g)) {
      const name = /^(['"`])([\w.]+)\1$/.exec(call[1]?.trim() ?? '')?.[2];
      if (name) events.add(name);
      else unreadable.push(`${relative(projectPath(), file)}: app.event(${call[1]}`);
    }
  }
  return { events, unreadable };
}

describe('manifest.json', () => {
  test('is a valid Slack app manifest', () => {
    const schema = readJson('test', 'fixtures', 'slack', 'manifests', 'manifest.schema.1.0.0.json') as {
      $schema?: string;
    };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    // strict: false because the schema has keywords Ajv does not know (`requires`, `regex`, `_note`);
    // its only format is `uri`, on the optional `$schema` property, so formats are not checked.
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('has a name, and a background colour Slack accepts', () => {
    expect(manifest.display_information.name).toBe('Rapport');
    // The schema spells its colour pattern `regex`, which no validator applies, so check it here.
    expect(manifest.display_information.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
  });

  test('declares every slash command the app registers, escaped so mentions arrive as <@U…|name>', () => {
    for (const command of Object.values(COMMANDS)) {
      expect(slashCommands.find((c) => c.command === command)).toMatchObject({
        command,
        should_escape: true,
      });
    }
    expect(botScopes).toContain('commands');
  });

  test('declares /charter and /decisions, escaped like the others', () => {
    for (const command of [CHARTER.command, DECISIONS.command]) {
      expect(slashCommands.find((c) => c.command === command)).toMatchObject({
        command,
        should_escape: true,
      });
    }
  });

  test('declares every shortcut a listener handles, "Log a decision" as a message shortcut', () => {
    const shortcuts = manifest.features?.shortcuts ?? [];
    expect(shortcuts).toContainEqual(
      expect.objectContaining({ callback_id: DECISIONS.shortcut, type: 'message', name: 'Log a decision' }),
    );
    expect(shortcuts).toContainEqual(
      expect.objectContaining({ callback_id: KUDOS.shortcut, type: 'message', name: 'Give kudos' }),
    );
    // Each app.shortcut(…) in the listeners has its own entry, and no entry lacks a listener.
    const registered = sourceFiles(projectPath('src', 'slack', 'listeners')).flatMap((file) => [
      ...readFileSync(file, 'utf8').matchAll(/\bapp\.shortcut\b/g),
    ]);
    expect(registered).toHaveLength(shortcuts.length);
    expect(new Set(shortcuts.map((s) => s.callback_id)).size).toBe(shortcuts.length);
  });

  test('declares /credit, escaped, and "Give credit for this" as a message shortcut', () => {
    expect(slashCommands.find((c) => c.command === CREDITS.command)).toMatchObject({ should_escape: true });
    expect(manifest.features?.shortcuts).toContainEqual(
      expect.objectContaining({
        callback_id: CREDITS.shortcut,
        type: 'message',
        name: 'Give credit for this',
      }),
    );
  });

  test('declares /gave, escaped', () => {
    expect(slashCommands.find((c) => c.command === GIVES.command)).toMatchObject({ should_escape: true });
  });

  test('subscribes to every event a listener handles', () => {
    const { events, unreadable } = listenedEvents();
    // A call like app.event(EVENTS.x) would escape this check: name events with string literals.
    expect(unreadable).toEqual([]);
    expect(events.size).toBeGreaterThan(0);
    // A `message` listener hears the message.* events subscribed to (message.channels: "A message
    // was posted to a channel", sent as type "message" with its channel_type).
    const subscribed = botEvents.map((e) => (e.startsWith('message.') ? 'message' : e));
    for (const event of events) expect(subscribed).toContain(event);
  });

  test('hears messages in public and private channels only, never in DMs', () => {
    expect(botEvents.filter((e) => e.startsWith('message'))).toEqual(['message.channels', 'message.groups']);
  });

  test('grants the scopes of the calls the outbox makes: finding its own posts, sharing a chart', () => {
    for (const [method, scopes] of Object.entries(OUTBOX_METHOD_SCOPES)) {
      for (const scope of scopes) {
        expect({ method, scopes: botScopes }).toEqual({ method, scopes: expect.arrayContaining([scope]) });
      }
    }
  });

  test('grants team:read, which team.info needs for the names of an alliance’s workspaces', () => {
    // slack_web_openapi_v2.json (shared/slack-fixtures/specs), /team.info's token: "Requires scope:
    // `team:read`"; src/people/team-names.ts calls it.
    const required = ['team:read'];
    expect(botScopes).toEqual(expect.arrayContaining(required));
  });

  test('grants the scopes each subscribed event requires', () => {
    for (const event of botEvents) {
      expect(Object.keys(EVENT_SCOPES)).toContain(event);
      for (const scope of EVENT_SCOPES[event] ?? []) {
        expect({ event, scopes: botScopes }).toEqual({ event, scopes: expect.arrayContaining([scope]) });
      }
    }
  });

  test(`sends every request to ${SLACK_EVENTS_PATH}`, () => {
    const urls = [
      manifest.settings?.event_subscriptions?.request_url,
      manifest.settings?.interactivity?.request_url,
      ...slashCommands.map((c) => c.url),
    ];
    expect(urls).toHaveLength(2 + slashCommands.length);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\//);
      expect(new URL(url ?? '').pathname).toBe(SLACK_EVENTS_PATH);
    }
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
  });

  test('an install by OAuth asks for exactly the manifest’s bot scopes, and comes back to the redirect URL', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...botScopes].sort());
    expect(botScopes).toContain('team:read');
    const redirects = manifest.oauth_config?.redirect_urls ?? [];
    expect(redirects).toHaveLength(1);
    expect(new URL(redirects[0] ?? '').pathname).toBe(REDIRECT_PATH);
  });
});
