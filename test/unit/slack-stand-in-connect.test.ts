import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { BOT_TOKEN, SlackStandIn, TEAM_ID } from '../../src/slack-emulator/index.js';
import { loadFixture } from '../helpers/fixtures.js';

/**
 * The stand-in's Web API answers across workspaces (Slack Connect), as Slack documents them: a
 * partner's profile without a zone, a shared channel's conversations.info, and a file's
 * description read as `alt_txt`. Sources beside each handler in src/slack-emulator.
 */
const GLOBEX = 'T0GLOBEX01';
const ANA = 'U0ANALIMA1';
const DANA = 'U0DANAKOW1';
const ZED = 'U0ZEDSTRA1';
let slack: SlackStandIn;

beforeAll(async () => {
  slack = await SlackStandIn.start();
  slack.addUser({ id: ANA, name: 'ana', tz: 'America/Sao_Paulo', locale: 'pt-BR' });
  slack.addUser({ id: DANA, name: 'dana', tz: 'Europe/Warsaw', team_id: GLOBEX });
  slack.addUser({ id: ZED, name: 'zed', tz: 'Asia/Tokyo', team_id: GLOBEX });
  slack.addChannel({ id: 'C0ALLIANCE', name: 'northwind-globex', teams: [TEAM_ID, GLOBEX] });
  slack.addChannel({ id: 'C0GENERAL1', name: 'general' });
  slack.addChannel({ id: 'C0DESIGN01', name: 'design-crit', isPrivate: true });
  slack.addChannel({ id: 'C0RANDOM01', name: 'random' });
  slack.addChannel({ id: 'C0GLOBEXIN', name: 'globex-internal', teams: [GLOBEX] });
  slack.channelMembers.set('C0ALLIANCE', [ANA, DANA]);
  slack.channelsWithoutBot.add('C0DESIGN01');
  slack.channelsWithoutBot.add('C0RANDOM01');
});
afterAll(() => slack.stop());

const call = async (method: string, args: Record<string, unknown>) =>
  (await (
    await fetch(`${slack.apiUrl}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify(args),
    })
  ).json()) as Record<string, unknown> & { ok: boolean; error?: string };

describe('users.info', () => {
  test('someone of the installed workspace: zone, and locale when asked', async () => {
    const user = (await call('users.info', { user: ANA, include_locale: true })).user as Record<
      string,
      unknown
    >;
    expect(user).toMatchObject({ team_id: TEAM_ID, tz: 'America/Sao_Paulo', tz_offset: 0, locale: 'pt-BR' });
    const sample = loadFixture('web-api/java-samples/users.info.json').user as object;
    expect(Object.keys(user).filter((k) => !(k in sample))).toEqual([]);
  });

  test('a partner’s member: no tz, tz_label, tz_offset or locale; a stranger only outside every shared channel', async () => {
    const dana = (await call('users.info', { user: DANA, include_locale: true })).user as Record<
      string,
      unknown
    >;
    expect(dana).toMatchObject({ id: DANA, team_id: GLOBEX, profile: { team: GLOBEX } });
    for (const key of ['tz', 'tz_label', 'tz_offset', 'locale', 'is_stranger'])
      expect(dana).not.toHaveProperty(key);
    const zed = (await call('users.info', { user: ZED })).user as Record<string, unknown>;
    expect(zed).toMatchObject({ team_id: GLOBEX, is_stranger: true });
    expect(zed).not.toHaveProperty('tz');
  });
});

describe('conversations.info', () => {
  test('a shared channel, with the Slack Connect fields of Slack’s sample', async () => {
    const answer = await call('conversations.info', { channel: 'C0ALLIANCE' });
    const channel = answer.channel as Record<string, unknown>;
    expect(answer.ok).toBe(true);
    expect(channel).toMatchObject({
      id: 'C0ALLIANCE',
      is_member: true,
      is_shared: true,
      is_ext_shared: true,
      shared_team_ids: [TEAM_ID, GLOBEX],
      connected_team_ids: [GLOBEX],
      internal_team_ids: [TEAM_ID],
      conversation_host_id: TEAM_ID,
      context_team_id: TEAM_ID,
    });
    const sample = loadFixture('web-api/java-samples/conversations.info.json').channel as object;
    expect(Object.keys(channel).filter((k) => !(k in sample))).toEqual([]);
  });

  test('a channel of one workspace; one the bot cannot see is channel_not_found', async () => {
    expect((await call('conversations.info', { channel: 'C0GENERAL1' })).channel).toMatchObject({
      is_ext_shared: false,
      is_member: true,
      conversation_host_id: TEAM_ID,
    });
    // A public channel is readable without the bot in it; a private one it was not invited to is not.
    expect((await call('conversations.info', { channel: 'C0RANDOM01' })).channel).toMatchObject({
      is_member: false,
    });
    for (const channel of ['C0DESIGN01', 'C0GLOBEXIN', 'C0NOWHERE1']) {
      expect(await call('conversations.info', { channel })).toEqual({
        ok: false,
        error: 'channel_not_found',
      });
    }
  });
});

describe('files.getUploadURLExternal', () => {
  test('the description is alt_txt; alt_text is not an argument Slack reads', async () => {
    const named = await call('files.getUploadURLExternal', {
      filename: 'a.png',
      length: 3,
      alt_txt: 'A chart',
    });
    expect(slack.files.get(String(named.file_id))?.altText).toBe('A chart');
    const misnamed = await call('files.getUploadURLExternal', {
      filename: 'b.png',
      length: 3,
      alt_text: 'lost',
    });
    expect(slack.files.get(String(misnamed.file_id))?.altText).toBeUndefined();
    expect(
      await call('files.getUploadURLExternal', { filename: 'c.png', length: 3, alt_txt: 'x'.repeat(1001) }),
    ).toEqual({ ok: false, error: 'alt_txt_too_large' });
  });
});
