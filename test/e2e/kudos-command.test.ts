import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CAL = 'U0CAL00003';
const BOT = 'U0SOMEBOT';
const GONE = 'U0GONE0004';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  for (const u of [
    { id: ANA, name: 'ana' },
    { id: BEN, name: 'ben' },
    { id: CAL, name: 'cal', is_admin: true },
    { id: BOT, name: 'deploybot', is_bot: true },
    { id: GONE, name: 'gone', deleted: true },
  ]) {
    t.slack.addUser(u);
  }
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

const kudosRows = () =>
  t.database.db.query(
    `select team_id, giver_id, receiver_id, channel_id, source, reason, message_ts, emoji
     from kudos order by receiver_id`,
    [],
    z.object({
      team_id: z.string(),
      giver_id: z.string(),
      receiver_id: z.string(),
      channel_id: z.string(),
      source: z.string(),
      reason: z.string().nullable(),
      message_ts: z.string().nullable(),
      emoji: z.string().nullable(),
    }),
  );

const mention = (id: string, name: string) => `<@${id}|${name}>`;
/** Where a command is typed unless a test says otherwise (the request builder's default). */
const CHANNEL = 'C0GENERAL';
/** The bot's posts in one conversation: the announcement, not the receivers' DMs. */
const postsIn = (channel: string) =>
  t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

describe('/kudos @user … <reason>', () => {
  test('records one kudos per recipient and announces it in the channel', async () => {
    const res = await t.requests.command({
      text: `${mention(BEN, 'ben')} ${mention(CAL, 'cal')} for running the launch review`,
      user_id: ANA,
      channel_id: 'C0LAUNCH',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');

    expect(await kudosRows()).toEqual([
      {
        team_id: TEAM_ID,
        giver_id: ANA,
        receiver_id: BEN,
        channel_id: 'C0LAUNCH',
        source: 'command',
        reason: 'for running the launch review',
        message_ts: null,
        emoji: null,
      },
      expect.objectContaining({ receiver_id: CAL, giver_id: ANA }),
    ]);

    const post = await t.slack.waitFor(() => postsIn('C0LAUNCH')[0]);
    expect(post.args.channel).toBe('C0LAUNCH');
    expect(post.args.text).toContain(`<@${ANA}> gave kudos to <@${BEN}> and <@${CAL}>`);
    expect(JSON.stringify(post.args.blocks)).toContain('>for running the launch review');
  });

  test('a slow Slack Web API never holds the acknowledgement', async () => {
    await t.requests.command({ text: `${mention(BEN, 'ben')} warm-up`, user_id: ANA });
    await t.slack.waitFor(() => postsIn(CHANNEL)[0]);
    await t.app.background.drain();
    t.slack.slowDown(2_000);
    const started = Date.now();
    const res = await t.requests.command({ text: `${mention(BEN, 'ben')} for the quick fix`, user_id: ANA });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(postsIn(CHANNEL)).toHaveLength(1);
    await t.slack.waitFor(() => postsIn(CHANNEL)[1], 5_000);
  });

  test('a replayed command (same trigger_id) records nothing new and says so', async () => {
    const body = t.requests.commandBody({ text: `${mention(BEN, 'ben')} thanks!`, user_id: ANA });
    const first = await t.requests.post(body, 'application/x-www-form-urlencoded');
    const second = await t.requests.post(body, 'application/x-www-form-urlencoded');
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect((await second.json()) as object).toMatchObject({
      text: expect.stringContaining('already recorded'),
    });
    expect(await kudosRows()).toHaveLength(1);
    await t.app.background.drain();
    expect(postsIn(CHANNEL)).toHaveLength(1);
  });

  test('in a channel the bot is not in, the announcement goes through the response_url', async () => {
    t.slack.channelsWithoutBot.add('G0PRIVATE');
    const res = await t.requests.command({
      text: `${mention(BEN, 'ben')} great pairing`,
      user_id: ANA,
      channel_id: 'G0PRIVATE',
    });
    expect(res.status).toBe(200);
    const posted = await t.slack.waitFor(() => t.slack.responseUrlPosts[0]);
    expect(posted.body).toMatchObject({
      response_type: 'in_channel',
      text: expect.stringContaining('gave kudos'),
    });
    expect(await kudosRows()).toHaveLength(1);
  });

  test('@channel and @here in a reason are quoted as words, never pinging everyone', async () => {
    await t.requests.command({
      text: `${mention(BEN, 'ben')} thanks <!channel> and <!here> look`,
      user_id: ANA,
    });
    const post = await t.slack.waitFor(() => t.slack.callsTo('chat.postMessage')[0]);
    const sent = JSON.stringify(post.args);
    expect(sent).not.toContain('<!channel>');
    expect(sent).not.toContain('<!here>');
    expect(sent).toContain('@channel');
    expect((await kudosRows())[0]?.reason).toBe('thanks @channel and @here look');
  });
});

describe('/kudos refuses, records nothing, and says why', () => {
  const cases: [string, string, RegExp][] = [
    ['no recipient', 'great job everyone', /Tell me who/],
    ['a plain @name without autocomplete', '@ben thanks', /couldn't tell who @ben is/],
    ['yourself', `${mention(ANA, 'ana')} for me`, /cannot give them to yourself/],
    ['yourself among others', `${mention(BEN, 'ben')} ${mention(ANA, 'ana')} team work`, /yourself/],
    ['a bot', `${mention(BOT, 'deploybot')} for deploying`, /is a bot/],
    ['an unknown user', `${mention('U0NOBODY99', 'nobody')} thanks`, /can't find/],
    ['a deactivated user', `${mention(GONE, 'gone')} thanks`, /deactivated/],
    ['a missing reason', `${mention(BEN, 'ben')}`, /Say what the kudos are for/],
    ['a reason over 500 characters', `${mention(BEN, 'ben')} ${'x'.repeat(501)}`, /501 characters/],
    ['a user group', '<!subteam^S0TEAM|@design> thanks', /not to user groups/],
    ['the whole channel', '<!channel> thanks', /not to the whole channel/],
  ];

  test.each(cases)('%s', async (_name, text, message) => {
    const res = await t.requests.command({ text, user_id: ANA });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { response_type: string; text: string };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(message);
    expect(reply.text).not.toMatch(/Error|at .*\.ts|stack/);
    expect(await kudosRows()).toEqual([]);
    await t.app.background.drain();
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  test('exactly 500 characters is accepted', async () => {
    const res = await t.requests.command({ text: `${mention(BEN, 'ben')} ${'y'.repeat(500)}`, user_id: ANA });
    expect(await res.text()).toBe('');
    expect(await kudosRows()).toHaveLength(1);
  });

  test('a command without text is the usage; one missing what Slack always sends is refused', async () => {
    const noText = new URLSearchParams(t.requests.commandBody({ text: 'x', user_id: ANA }));
    noText.delete('text');
    const usage = await t.requests.post(noText.toString(), 'application/x-www-form-urlencoded');
    expect(await usage.json()).toMatchObject({ response_type: 'ephemeral', text: 'How to use /kudos' });

    const body = new URLSearchParams(
      t.requests.commandBody({ text: `${mention(BEN, 'ben')} thanks`, user_id: ANA }),
    );
    body.delete('channel_id');
    const res = await t.requests.post(body.toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { response_type: string; text: string };
    expect(reply).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/arrived incomplete/),
    });
    expect(await kudosRows()).toEqual([]);
  });

  test('a huge hostile text gets a clear answer', async () => {
    const text = `${mention(BEN, 'ben')} ${'<script>&amp;'.repeat(2000)}`;
    const res = await t.requests.command({ text, user_id: ANA });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toMatch(/characters long/);
    expect(await kudosRows()).toEqual([]);
  });
});

describe('/kudos help, mine and emoji', () => {
  test('/kudos with no text and /kudos help show the usage', async () => {
    for (const text of ['', 'help']) {
      const res = await t.requests.command({ text, user_id: ANA });
      const reply = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
      expect(reply.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply.blocks)).toContain('/kudos @person');
      expect(JSON.stringify(reply.blocks)).toContain(':clap:');
    }
  });

  test('/kudos mine counts what you received and gave, last 30 days and all time', async () => {
    await t.requests.command({ text: `${mention(BEN, 'ben')} for the review`, user_id: ANA });
    await t.requests.command({ text: `${mention(ANA, 'ana')} for the docs`, user_id: BEN });
    await t.requests.command({ text: `${mention(ANA, 'ana')} for the demo`, user_id: CAL });
    t.clock.advance(31 * 24 * 60 * 60 * 1000);
    await t.requests.command({ text: `${mention(ANA, 'ana')} for the fix`, user_id: BEN });

    const res = await t.requests.command({ text: 'mine', user_id: ANA });
    const reply = (await res.json()) as { response_type: string; blocks: unknown[] };
    expect(reply.response_type).toBe('ephemeral');
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain('*Received:* 1 in the last 30 days, 3 in all.');
    expect(shown).toContain('*Given:* 0 in the last 30 days, 1 in all.');
    expect(shown).toContain('for the fix');
  });

  test('one workspace never sees another’s kudos', async () => {
    await t.requests.command({ text: `${mention(ANA, 'ana')} for the docs`, user_id: BEN });
    // Rapport is installed there too: Slack sends that workspace's people's commands through it.
    t.slack.installedTeams.add('T0OTHERORG');
    const res = await t.requests.command({ text: 'mine', user_id: ANA, team_id: 'T0OTHERORG' });
    expect(JSON.stringify(await res.json())).toContain('*Received:* 0 in the last 30 days, 0 in all.');
  });

  test('/kudos emoji shows the set; an admin replaces it; others may not', async () => {
    const shown = await t.requests.command({ text: 'emoji', user_id: ANA });
    expect(((await shown.json()) as { text: string }).text).toContain('`clap`');

    const refused = await t.requests.command({ text: 'emoji tada', user_id: ANA });
    expect(((await refused.json()) as { text: string }).text).toMatch(/Only workspace admins/);

    const bad = await t.requests.command({ text: 'emoji <script>', user_id: CAL });
    expect(((await bad.json()) as { text: string }).text).toMatch(/not an emoji name/);

    const changed = await t.requests.command({ text: 'emoji :tada: heart', user_id: CAL });
    expect(((await changed.json()) as { text: string }).text).toContain('now :tada: `tada`, :heart: `heart`');
    const [row] = await t.database.db.query(
      'select kudos_emoji from workspaces where team_id = $1',
      [TEAM_ID],
      z.object({ kudos_emoji: z.array(z.string()) }),
    );
    expect(row?.kudos_emoji).toEqual(['tada', 'heart']);
  });
});
