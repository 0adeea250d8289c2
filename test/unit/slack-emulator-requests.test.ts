import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  BOT_TOKEN,
  NotSentBySlack,
  SlackRequests,
  slackSignature,
  SlackStandIn,
  TEAM_ID,
} from '../../src/slack-emulator/index.js';
import { loadFixture } from '../helpers/fixtures.js';

/**
 * The emulator's requests (the playground's, the tests' and the benchmarks') have Slack's shapes:
 * every field they carry is one Slack's own examples carry (test/fixtures/slack), with the fields
 * Bolt reads, and they are signed as Slack signs them.
 */
let server: Server;
let slack: SlackStandIn;
let requests: SlackRequests;
const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
const SECRET = 'playground-test-secret';
/** Northwind (TEAM_ID) installed the app; Globex's people reach #northwind-globex by Slack Connect. */
const GLOBEX = 'T0GLOBEX01';
const ANA = 'U0ANALIMA1';
const DANA = 'U0DANAKOW1';
const ALLIANCE = 'C0ALLIANCE';

beforeAll(async () => {
  slack = await SlackStandIn.start();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  requests = new SlackRequests({ appUrl: url, signingSecret: SECRET, slack });
  slack.addUser({ id: ANA, name: 'ana' });
  slack.addUser({ id: DANA, name: 'dana', team_id: GLOBEX });
  slack.addChannel({ id: 'C0GENERAL1', name: 'general' });
  slack.addChannel({ id: ALLIANCE, name: 'northwind-globex', teams: [TEAM_ID, GLOBEX] });
  slack.channelMembers.set(ALLIANCE, [ANA, DANA]);
});
afterAll(async () => {
  await slack.stop();
  await new Promise((resolve) => server.close(resolve));
});

const lastBody = () => received.at(-1)?.body ?? '';
const lastPayload = () =>
  JSON.parse(new URLSearchParams(lastBody()).get('payload') ?? '{}') as Record<string, unknown>;
const keysOf = (o: unknown) => Object.keys(o as object).sort();

function expectKeysWithin(sent: unknown, fixture: unknown) {
  expect(keysOf(sent).filter((k) => !keysOf(fixture).includes(k))).toEqual([]);
}

test('a slash command: Slack’s form fields, signed with the signing secret', async () => {
  await requests.command({
    user_id: 'U0ANALIMA1',
    channel_id: 'C0GENERAL1',
    channel_name: 'general',
    command: '/kudos',
    text: 'hi',
  });
  const { body, headers } = received.at(-1) ?? { body: '', headers: {} };
  const fields = Object.fromEntries(new URLSearchParams(body));
  expectKeysWithin(fields, loadFixture('interactivity/slash_command.json'));
  expect(fields).toMatchObject({
    command: '/kudos',
    text: 'hi',
    user_id: 'U0ANALIMA1',
    channel_id: 'C0GENERAL1',
  });
  expect(headers['x-slack-signature']).toBe(
    slackSignature(SECRET, String(headers['x-slack-request-timestamp']), body),
  );
  // Its trigger opens a modal for Ana, and its response_url answers her.
  expect(slack.triggers.get(fields.trigger_id ?? '')).toBe('U0ANALIMA1');
  expect([...slack.responseTargets.values()].at(-1)).toEqual({ user: 'U0ANALIMA1', channel: 'C0GENERAL1' });
});

describe('events and interactivity', () => {
  test('an event envelope like Slack’s', async () => {
    await requests.event({
      type: 'reaction_added',
      user: 'U0ANALIMA1',
      reaction: 'clap',
      item: { type: 'message', channel: 'C0GENERAL1', ts: '1.2' },
    });
    const sent = JSON.parse(lastBody()) as Record<string, unknown>;
    expectKeysWithin(sent, loadFixture('events/reaction_added.json'));
    expect(sent).toMatchObject({
      type: 'event_callback',
      team_id: 'T0RAPPORT1',
      event: { type: 'reaction_added' },
    });
  });

  test('block_actions from a message, an ephemeral message and a view', async () => {
    const fixture = loadFixture('interactivity/block_actions.json');
    const action = { type: 'button', action_id: 'standup_answer', block_id: 'b', value: '1' };
    await requests.blockActions({
      user_id: 'U0BENOKAF1',
      action,
      where: {
        type: 'message',
        channel_id: 'DU0BENOKAF1',
        channel_name: 'directmessage',
        message: { ts: '1.5', text: 'x' },
      },
    });
    const fromMessage = lastPayload();
    expectKeysWithin(fromMessage, fixture);
    expectKeysWithin(fromMessage.container, fixture.container);
    expectKeysWithin(fromMessage.user, fixture.user);
    expect(fromMessage).toMatchObject({
      type: 'block_actions',
      actions: [action],
      container: { type: 'message', message_ts: '1.5' },
    });

    await requests.blockActions({
      user_id: 'U0BENOKAF1',
      action,
      where: { type: 'ephemeral', channel_id: 'C0GENERAL1', channel_name: 'general', id: 'E1' },
    });
    expect(lastPayload()).toMatchObject({ container: { is_ephemeral: true } });

    await requests.blockActions({
      user_id: 'U0BENOKAF1',
      action,
      where: { type: 'view', view: { id: 'V1', type: 'modal' } },
    });
    const fromView = lastPayload();
    expectKeysWithin(fromView, fixture);
    expect(fromView).toMatchObject({ container: { type: 'view', view_id: 'V1' }, view: { id: 'V1' } });
  });

  test('view_submission and view_closed', async () => {
    await requests.viewSubmission({
      user_id: 'U0ANALIMA1',
      view: { id: 'V2', type: 'modal', state: { values: {} } },
    });
    expectKeysWithin(lastPayload(), {
      ...loadFixture('interactivity/view_submission.json'),
      response_urls: [],
    });
    await requests.viewClosed({ user_id: 'U0ANALIMA1', view: { id: 'V2', type: 'modal' } });
    expectKeysWithin(lastPayload(), loadFixture('interactivity/view_closed.json'));
    expect(lastPayload()).toMatchObject({ type: 'view_closed', view: { id: 'V2' } });
  });
});

describe('the stand-in refuses what Slack refuses, and says why as Slack does', () => {
  const call = async (method: string, args: Record<string, unknown>) =>
    (await (
      await fetch(`${slack.apiUrl}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
        body: JSON.stringify(args),
      })
    ).json()) as { ok: boolean; error?: string; response_metadata?: { messages: string[] } };
  const divider = { type: 'divider' };

  test('a message of 51 blocks; a header of 151 characters; an unknown block', async () => {
    const tooMany = await call('chat.postMessage', {
      channel: 'C0GENERAL1',
      text: 'x',
      blocks: Array(51).fill(divider),
    });
    expect(tooMany).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(tooMany.response_metadata?.messages.join()).toContain('51 blocks');
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };
    expect(
      await call('chat.postMessage', { channel: 'C0GENERAL1', text: 'x', blocks: [header] }),
    ).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(
      await call('chat.postMessage', { channel: 'C0GENERAL1', text: 'x', blocks: [{ type: 'carousel' }] }),
    ).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(slack.conversations.get('C0GENERAL1')).toBeUndefined();
    expect(slack.refusals.at(-1)?.error).toMatch(/^invalid_blocks: /);
  });

  test('a modal without a title, and one of 101 blocks', async () => {
    expect(
      await call('views.open', { trigger_id: '1.2', view: { type: 'modal', blocks: [divider] } }),
    ).toMatchObject({ ok: false, error: 'invalid_arguments' });
    const huge = {
      type: 'modal',
      title: { type: 'plain_text', text: 'T' },
      blocks: Array(101).fill(divider),
    };
    expect(await call('views.open', { trigger_id: '1.2', view: huge })).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
    });
  });
});

/**
 * Which workspaces each request names, as Slack names them, for a member of the installed
 * workspace, a partner's member in a Slack Connect channel, and a partner's member in a DM from the
 * bot (the sources are beside each builder in src/slack-emulator/slack-requests.ts).
 */
describe('workspaces: who installed the app, and who acts', () => {
  const button = { type: 'button', action_id: 'standup_answer', block_id: 'b', value: '1' };
  const inAlliance = {
    type: 'message' as const,
    channel_id: ALLIANCE,
    channel_name: 'northwind-globex',
    message: { ts: '1.5', text: 'prompt' },
  };
  const lastEvent = () => JSON.parse(lastBody()) as Record<string, unknown>;
  const reaction = (user: string, channel: string) => ({
    type: 'reaction_added',
    user,
    reaction: 'clap',
    item: { type: 'message', channel, ts: '1.2' },
  });

  test('a member of the installed workspace: every request names it', async () => {
    await requests.command({
      user_id: ANA,
      channel_id: ALLIANCE,
      channel_name: 'x',
      command: '/kudos',
      text: '',
    });
    expect(Object.fromEntries(new URLSearchParams(lastBody()))).toMatchObject({ team_id: TEAM_ID });

    await requests.blockActions({ user_id: ANA, action: button, where: inAlliance });
    expect(lastPayload()).toMatchObject({ team: { id: TEAM_ID }, user: { id: ANA, team_id: TEAM_ID } });

    await requests.viewSubmission({
      user_id: ANA,
      view: { id: 'V0NW', type: 'modal', state: { values: {} } },
    });
    const submitted = lastPayload();
    expectKeysWithin(submitted.view, loadFixture('interactivity/view_submission.json').view);
    expect(submitted).toMatchObject({
      team: { id: TEAM_ID },
      user: { team_id: TEAM_ID },
      view: { team_id: TEAM_ID, app_installed_team_id: TEAM_ID },
    });

    await requests.event(reaction(ANA, 'C0GENERAL1'));
    const own = lastEvent();
    expectKeysWithin(own, loadFixture('events/reaction_added.json'));
    expect(own).toMatchObject({
      team_id: TEAM_ID,
      context_team_id: TEAM_ID,
      is_ext_shared_channel: false,
      authorizations: [{ team_id: TEAM_ID, is_bot: true }],
    });
  });

  test('a partner’s member in a shared channel: no command or shortcut reaches the app; Slackbot answers', async () => {
    const before = received.length;
    const outcome = await requests.slashCommand({
      user_id: DANA,
      channel_id: ALLIANCE,
      channel_name: 'northwind-globex',
      command: '/kudos',
      text: '@ana thanks',
    });
    expect(outcome.delivered).toBe(false);
    expect(received).toHaveLength(before);
    const slackbot = outcome.delivered ? undefined : outcome.slackbot;
    expect(slackbot).toMatchObject({ from: 'slackbot', user: DANA, channel: ALLIANCE });
    expect(slackbot?.text).toMatch(/^\/kudos is not a valid command\./);
    expect(slack.ephemerals.at(-1)).toBe(slackbot);

    await expect(
      requests.command({
        user_id: DANA,
        channel_id: ALLIANCE,
        channel_name: 'x',
        command: '/kudos',
        text: '',
      }),
    ).rejects.toBeInstanceOf(NotSentBySlack);
    expect(() =>
      requests.messageShortcut({
        user_id: DANA,
        callback_id: 'kudos_shortcut',
        channel_id: ALLIANCE,
        channel_name: 'northwind-globex',
        message: { ts: '1.5', user: ANA, text: 'hi' },
      }),
    ).toThrow(NotSentBySlack);
    expect(received).toHaveLength(before);
  });

  test('a partner’s member in a shared channel: a click names the installation, a submission their own workspace', async () => {
    await requests.blockActions({ user_id: DANA, action: button, where: inAlliance });
    expect(lastPayload()).toMatchObject({ team: { id: TEAM_ID }, user: { id: DANA, team_id: GLOBEX } });

    await requests.viewSubmission({
      user_id: DANA,
      view: { id: 'V0GX', type: 'modal', state: { values: {} } },
    });
    expect(lastPayload()).toMatchObject({
      team: { id: GLOBEX },
      user: { id: DANA, team_id: GLOBEX },
      view: { team_id: GLOBEX, app_installed_team_id: TEAM_ID },
    });
    await requests.viewClosed({ user_id: DANA, view: { id: 'V0GX', type: 'modal' } });
    expect(lastPayload()).toMatchObject({
      team: { id: GLOBEX },
      view: { team_id: GLOBEX, app_installed_team_id: TEAM_ID },
    });

    // Her reaction is sent once, through the one installation that sees the channel, which Northwind hosts.
    await requests.event(reaction(DANA, ALLIANCE));
    expect(lastEvent()).toMatchObject({
      team_id: TEAM_ID,
      context_team_id: TEAM_ID,
      is_ext_shared_channel: true,
      authorizations: [{ team_id: TEAM_ID }],
      event: { user: DANA },
    });
  });

  test('a partner’s member in a DM from the bot: the click and the modal it opens', async () => {
    await requests.blockActions({
      user_id: DANA,
      action: button,
      where: {
        type: 'message',
        channel_id: `D${DANA}`,
        channel_name: 'directmessage',
        message: { ts: '1.6' },
      },
    });
    const click = lastPayload();
    expect(click).toMatchObject({ team: { id: TEAM_ID }, user: { team_id: GLOBEX } });

    // The app opens a modal with the click's trigger_id, through Northwind's token.
    const opened = (await (
      await fetch(`${slack.apiUrl}views.open`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
        body: JSON.stringify({
          trigger_id: click.trigger_id,
          view: { type: 'modal', title: { type: 'plain_text', text: 'Stand-up' }, blocks: [] },
        }),
      })
    ).json()) as { ok: boolean; view: { id: string } };
    expect(opened.ok).toBe(true);
    expect(slack.modals.get(DANA)?.at(-1)?.appInstalledTeam).toBe(TEAM_ID);

    await requests.viewSubmission({ user_id: DANA, view: { id: opened.view.id, type: 'modal' } });
    expect(lastPayload()).toMatchObject({
      team: { id: GLOBEX },
      view: { id: opened.view.id, team_id: GLOBEX, app_installed_team_id: TEAM_ID },
    });
  });

  test('once Globex installs the app, its people’s commands come through Globex', async () => {
    slack.installedTeams.add(GLOBEX);
    try {
      await requests.command({
        user_id: DANA,
        channel_id: ALLIANCE,
        channel_name: 'x',
        command: '/kudos',
        text: '',
      });
      expect(Object.fromEntries(new URLSearchParams(lastBody()))).toMatchObject({
        team_id: GLOBEX,
        user_id: DANA,
      });
      await requests.blockActions({ user_id: DANA, action: button, where: inAlliance });
      expect(lastPayload()).toMatchObject({ team: { id: GLOBEX }, user: { team_id: GLOBEX } });
    } finally {
      slack.installedTeams.delete(GLOBEX);
    }
  });
});
