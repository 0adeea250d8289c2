import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
/** Of the partner's workspace, which has not installed Rapport: Ben reacts and clicks, never types its commands. */
const BEN = 'W0BEN00002';
const CY = 'U0CY000003';
const ROBOT = 'U0ROBOT004';
const CHANNEL = 'C0ALLIANCE';
const ELSEWHERE = 'C0PRIVATE1';
const PARTNER = 'T0PARTNER9';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  // The partner's workspace, as team.info names it through the shared channel.
  t.slack.teams.set(PARTNER, 'Globex');
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York', team_id: PARTNER });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: ROBOT, name: 'robot', is_bot: true });
  t.slack.addChannel({ id: CHANNEL, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY]);
  t.slack.channelMembers.set(ELSEWHERE, [ANA, CY]);
  t.clock.set('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = { type: string; text?: { text: string } };
type Reply = { response_type: string; text: string; blocks?: Block[] };

async function command(name: string, text: string, user_id = ANA, channel_id = CHANNEL): Promise<Reply> {
  t.clock.advance(1_000);
  const res = await t.requests.command({ command: name, text, user_id, channel_id });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body ? JSON.parse(body) : {}) as Reply;
}

/** `giver` thanks `receiver` with :clap: on a message of theirs in the channel: a reaction kudos. */
async function clap(giver: string, receiver: string): Promise<void> {
  t.clock.advance(1_000);
  const message = t.slack.postAsUser(CHANNEL, receiver, 'Here is what you asked for');
  const res = await t.requests.event(
    reactionEvent({ user: giver, item_user: receiver, channel: CHANNEL, ts: message.ts, reaction: 'clap' }),
  );
  expect(res.status).toBe(200);
  await t.app.background.drain();
}

/** The outbox's one-second passes, as its clock runs them: the digest, then its chart. */
async function deliver(): Promise<void> {
  await t.app.background.drain();
  for (let pass = 0; pass < 3; pass += 1) {
    t.clock.advance(1_000);
    await t.app.jobs.deliver();
  }
}

const digests = () =>
  t.slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).startsWith('Alliance health for'));
const textOf = (blocks: Block[]) => blocks.map((b) => b.text?.text ?? '').join('\n');
const sharedFiles = () => [...t.slack.files.values()].filter((f) => f.channel !== undefined);

const storedWeeks = () =>
  t.database.db.query(
    `select channel_id, period_end, score from health_periods where team_id = any($1) order by period_end`,
    // The shared channel's records are its own set (under its id); the other channel's are the workspace's.
    [[TEAM_ID, CHANNEL]],
    z.object({ channel_id: z.string(), period_end: z.date(), score: z.number().nullable() }),
  );

describe('/health post', () => {
  test('posts the digest once, with its chart as a real PNG in the thread', async () => {
    await command('/kudos', `<@${BEN}|ben> for the API review`, ANA);
    await clap(BEN, ANA);
    const reply = await command('/health', 'post');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Posting this channel’s health digest'.replace('’', "'"));
    await deliver();

    expect(digests()).toHaveLength(1);
    const digest = digests()[0];
    expect(digest?.args.channel).toBe(CHANNEL);
    const text = textOf(digest?.args.blocks as Block[]);
    expect(text).toContain('*Health score:*');
    expect(text).toContain('*Relational trust:*');
    expect(text).toContain(`:clap: <@${ANA}> → <@${BEN}>: “for the API review”`);
    expect(JSON.stringify(digest?.args.blocks)).toContain('The chart of the last 8 weeks is in the thread.');

    const [file] = sharedFiles();
    const digestTs = t.slack.conversations.get(CHANNEL)?.find((m) => m.text === digest?.args.text)?.ts;
    expect(file?.threadTs).toBe(digestTs);
    expect(file?.channel).toBe(CHANNEL);
    expect(file?.bytes?.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(file?.altText).toMatch(/^Line chart of the three pillars over 1 week, latest: /);
    expect(file?.altText).toContain(
      'Kudos between sides this week: Globex to Rapport Playground: 1; Rapport Playground to Globex: 1.',
    );
    // It reached Slack as files.getUploadURLExternal documents the description: alt_txt.
    const [asked] = t.slack.callsTo('files.getUploadURLExternal');
    expect(asked?.args.alt_txt).toBe(file?.altText);
    expect(asked?.args).not.toHaveProperty('alt_text');

    // The same minute again (a double click, a replay) posts nothing more.
    const again = await command('/health', 'post');
    expect(again.text).toBe('The digest for this minute is already on its way.');
    await deliver();
    expect(digests()).toHaveLength(1);
    expect(sharedFiles()).toHaveLength(1);
    expect(await storedWeeks()).toHaveLength(1);
  });

  test('a chart whose sharing timed out is found in the thread, not shared twice', async () => {
    await command('/kudos', `<@${BEN}|ben> for the API review`, ANA);
    t.slack.failNextAfterPosting('files.completeUploadExternal');
    await command('/health', 'post');
    await deliver();
    t.clock.advance(60_000);
    await deliver();
    expect(t.slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(t.slack.callsTo('conversations.replies')).toHaveLength(1);
    expect(sharedFiles()).toHaveLength(1);
    const [row] = await t.database.db.query(
      `select status from outbox where method = 'files.upload'`,
      [],
      z.object({ status: z.string() }),
    );
    expect(row?.status).toBe('sent');
  });

  test('in a channel the bot is not in, neither the digest nor its chart is attempted twice', async () => {
    t.slack.channelsWithoutBot.add(CHANNEL);
    await command('/health', 'post');
    await deliver();
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(t.slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  test('an empty channel gets a digest that says "no data" and draws no empty chart', async () => {
    await command('/health', 'post');
    await deliver();
    const blocks = digests()[0]?.args.blocks as Block[];
    expect(textOf(blocks)).toContain('*Health score:* _no data_');
    expect(textOf(blocks)).toContain(
      '_No kudos with a reason, confirmed credits or finished action items this week._',
    );
    expect(textOf(blocks)).toContain('_Nothing overdue, nobody blocked._');
    expect(JSON.stringify(blocks)).not.toContain('chart');
    expect(t.slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
    // A week with no data is still the week this digest published.
    expect((await storedWeeks()).map((w) => w.score)).toEqual([null]);
  });

  test('celebrates and asks attention only with this channel’s data', async () => {
    await command('/kudos', `<@${CY}|cy> for the secret plan`, ANA, ELSEWHERE);
    await command('/retro', `action <@${CY}|cy> Write the private checklist by 2026-11-21`, ANA, ELSEWHERE);
    await command('/retro', `action <@${BEN}|ben> Share the API limits by 2026-11-21`, ANA);
    await command('/retro', `action <@${CY}|cy> Book the review room by 2026-11-30`, ANA);
    const [done] = await t.database.db.query(
      `select id from action_items where body = 'Book the review room'`,
      [],
      z.object({ id: z.coerce.number() }),
    );
    await t.requests.homeButton({ user_id: CY, action_id: 'home_action_done', value: String(done?.id) });
    await command('/kudos', `<@${CY}|cy> for *the* <!channel> test plan`, ANA);

    t.clock.set('2026-11-24T10:00:00Z');
    await command('/health', 'post');
    await deliver();
    const text = textOf(digests()[0]?.args.blocks as Block[]);
    expect(text).toContain(`:hourglass: <@${BEN}>: Share the API limits _(was due 2026-11-21)_`);
    expect(text).toContain(`:white_check_mark: <@${CY}>: Book the review room _(due 2026-11-30)_`);
    // Kudos reasons are quoted as they were kept: a broadcast in them was already defused.
    expect(text).toContain(`:clap: <@${ANA}> → <@${CY}>: “for *the* @channel test plan”`);
    expect(text).not.toContain('secret plan');
    expect(text).not.toContain('private checklist');
  });

  test('the give ledger counts in value creation, and the digest shows the value given by side', async () => {
    await command('/gave', `<@${BEN}|ben> staging access for the pilot · saved 4 hours`, ANA);
    await command('/gave', `<@${ANA}|ana> a review of the contract · $300`, CY);
    const answer = async (receiver: string, action: string) => {
      const [row] = await t.database.db.query(
        'select id from give_receivers where receiver_id = $1',
        [receiver],
        z.object({ id: z.coerce.number() }),
      );
      const res = await t.requests.blockAction({
        user_id: receiver,
        action_id: action,
        value: String(row?.id),
        channel_id: `D${receiver}`,
      });
      expect(res.status).toBe(200);
    };
    await answer(BEN, 'give_confirm');
    await answer(ANA, 'give_not_helpful');

    const card = textOf((await command('/health', '')).blocks ?? []);
    expect(card).toContain(
      '• *50* Value confirmed: 1 of 2 people who received a give confirmed what it was worth',
    );
    // Only Ana's workspace gave Globex anything confirmed: one way, so 0.
    expect(card).toMatch(
      /• \*0\* Value reciprocity between [^\n]+: confirmed gives each way, the quieter direction's count relative to the busier one's \(1 = balanced\)/,
    );
    expect(card).not.toMatch(/÷|Gini/);

    t.clock.set('2026-11-24T10:00:00Z');
    await command('/health', 'post');
    await deliver();
    const text = textOf(digests()[0]?.args.blocks as Block[]);
    expect(text).toContain('*Value given in 2026-Q4');
    expect(text).toMatch(/:gift: \*[^*]+ → Globex\*: 1 give, 1 confirmed; confirmed value: 4 hours saved/);
    // Ana said Cy's review didn't help: its $300 is nowhere in the digest.
    expect(text).not.toContain('$300');
  });

  test('"About these numbers" under /health opens every metric\'s definition, and nothing else changes', async () => {
    const reply = await command('/health', '');
    expect(JSON.stringify(reply.blocks)).toContain('"action_id":"health_about"');
    expect(JSON.stringify(reply.blocks)).not.toContain('docs/METRICS.md');
    const res = await t.requests.blockAction({
      user_id: CY,
      action_id: 'health_about',
      value: '',
      channel_id: CHANNEL,
    });
    expect(res.status).toBe(200);
    const [opened] = t.slack.callsTo('views.open');
    const modal = JSON.stringify(opened?.args.view);
    expect(modal).toContain('About these numbers');
    expect(modal).toContain('value_reciprocity');
    expect(modal).toContain('*`connections`*: The share of the pairs of people from different sides');
    expect(modal).toContain('Formula: met cross-side pairs ÷ possible cross-side pairs');
    expect(modal).toContain(
      "*`escalations_resolved_in_time`*: The share of the channel's escalations that were resolved before the target time",
    );
    expect(modal).toContain('Formula: resolved in time ÷ settled');
    expect(modal).toContain('_No data when no escalation settled in the period._');
    expect(modal).toContain('_No data when no stand-up prompt in the period._');
    // A quiet week says so in words, not "0 open for – days".
    expect(textOf(reply.blocks ?? [])).toContain('Blockers: 0 raised; no blocker was open this week');
  });

  test('a huge channel still fits Slack’s limits: lists cut and counted', async () => {
    const reason = `for ${'a very long reason '.repeat(200)}`.slice(0, 3900);
    await t.database.db.execute(
      `insert into kudos (team_id, giver_id, receiver_id, channel_id, source, command_id, reason, created_at)
       select $1, $2, 'U0MANY' || lpad(i::text, 4, '0'), $3, 'command', 'cmd' || (i % 300), $4,
              $5::timestamptz - make_interval(secs => i)
       from generate_series(1, 3000) i`,
      [CHANNEL, ANA, CHANNEL, reason, '2026-11-20T09:00:00Z'],
    );
    await t.database.db.execute(
      `insert into action_items (team_id, channel_id, owner_id, body, due_on, created_by, create_key, created_at)
       select $1, $2, $3, repeat('overdue thing ', 70), date '2026-10-01' + (i % 40), $3, 'k' || i, $4
       from generate_series(1, 400) i`,
      [CHANNEL, CHANNEL, BEN, '2026-09-01T00:00:00Z'],
    );
    await command('/health', 'post');
    await deliver();
    const digest = digests()[0];
    const blocks = digest?.args.blocks as Block[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) {
      expect((b.text?.text ?? '').length).toBeLessThanOrEqual(b.type === 'header' ? 150 : 3000);
    }
    const text = textOf(blocks);
    expect(text).toContain('_…and 297 more_');
    expect(text).toContain('_…and 397 more_');
    expect(text).toMatch(/and 5 more: “for a very long reason/);
    expect(sharedFiles()).toHaveLength(1);
  });
});

describe('/rituals digest', () => {
  test('posts the digest once per week at its time, and the trend reads the weeks stored', async () => {
    const created = await command('/rituals', 'digest mon 09:00 Europe/Berlin');
    expect(created.text).toMatch(/^Health digest \d+ is set: /);
    expect(JSON.stringify(created.blocks)).toContain(
      'the digest of the 7 days before is posted in this channel',
    );
    await command('/kudos', `<@${BEN}|ben> for the API review`, ANA);

    const at = async (instant: string) => {
      t.clock.set(instant);
      await t.app.jobs.tick();
      await deliver();
    };
    await at('2026-11-23T07:59:00Z');
    expect(digests()).toHaveLength(0);
    await at('2026-11-23T08:00:05Z'); // 09:00 on Monday in Berlin
    await at('2026-11-23T08:01:05Z');
    await at('2026-11-23T09:00:05Z');
    expect(digests()).toHaveLength(1);
    expect(sharedFiles()).toHaveLength(1);

    await clap(BEN, ANA);
    await at('2026-11-30T08:00:05Z');
    expect(digests()).toHaveLength(2);
    const weeks = await storedWeeks();
    expect(weeks.map((w) => w.period_end.toISOString())).toEqual([
      '2026-11-23T08:00:00.000Z',
      '2026-11-30T08:00:00.000Z',
    ]);
    expect(sharedFiles()[1]?.altText).toMatch(/over 2 weeks/);

    const history = await command('/health', 'history');
    const lines = textOf(history.blocks ?? []);
    expect(lines).toMatch(/• 23 Nov – 30 Nov 2026: \*\d+\* =/);
    expect(lines).toMatch(/• 16 Nov – 23 Nov 2026: \*\d+\*\n/);
    expect(lines.indexOf('23 Nov – 30 Nov')).toBeLessThan(lines.indexOf('16 Nov – 23 Nov'));
  });

  test('a digest schedule that makes no sense is refused and nothing is set', async () => {
    expect((await command('/rituals', 'digest mon')).text).toMatch(
      /^A digest needs one day of the week, a time/,
    );
    expect((await command('/rituals', 'digest mon,tue 09:00')).text).toMatch(
      /^A digest is posted on one day/,
    );
    expect((await command('/rituals', 'digest mon 09:00 Mars/Olympus')).text).toContain(
      'not a time zone I know',
    );
    const [row] = await t.database.db.query(
      'select count(*)::int as n from rituals',
      [],
      z.object({ n: z.number() }),
    );
    expect(row?.n).toBe(0);
  });
});

describe('/health history and /health sides', () => {
  test('history says how weeks get stored before there are any', async () => {
    const reply = await command('/health', 'history');
    expect(reply.text).toMatch(/^No week of <#C0ALLIANCE> is stored yet/);
  });

  test('declared sides replace the workspaces in the metrics between sides, and can be cleared', async () => {
    const declared = await command(
      '/health',
      `sides design: <@${ANA}|ana> ; engineering: <@${BEN}|ben>, <@${CY}|cy>`,
    );
    expect(declared.text).toBe('Sides declared: design, engineering');
    expect(textOf(declared.blocks ?? [])).toContain(`• *engineering* (2): <@${CY}> <@${BEN}>`);
    await command('/kudos', `<@${BEN}|ben> for the API review`, ANA);
    await clap(BEN, CY);

    const card = textOf((await command('/health', '')).blocks ?? []);
    // Ben and Cy are one side now: of 2 kudos, 1 crossed between design and engineering.
    expect(card).toContain('• *50* Cross-side kudos');
    expect(card).toContain('Kudos reciprocity between design and engineering');

    expect((await command('/health', 'sides', CY)).text).toBe('Sides of this channel: design, engineering');
    expect((await command('/health', 'sides clear')).text).toMatch(
      /^Cleared\. This channel declares no sides/,
    );
    const after = textOf((await command('/health', '')).blocks ?? []);
    // Back to workspaces: Ana and Cy on one, Ben on the partner's; both kudos crossed.
    expect(after).toContain('• *100* Cross-side kudos');
  });

  test('sides naming a bot, someone twice, or no one are refused and change nothing', async () => {
    await command('/health', `sides design: <@${ANA}|ana>`);
    const bot = await command('/health', `sides design: <@${ANA}|ana> ; bots: <@${ROBOT}|robot>`);
    expect(bot.text).toMatch(new RegExp(`^Sides are made of people, and <@${ROBOT}> is not one I can find`));
    const twice = await command('/health', `sides a: <@${ANA}|ana> ; b: <@${ANA}|ana>`);
    expect(twice.text).toBe(`<@${ANA}> is in both “a” and “b”; each person belongs to one side.`);
    expect((await command('/health', 'sides design:')).text).toBe(
      'The side “design” names nobody; @-mention its people.',
    );
    expect((await command('/health', 'sides design ana ben')).text).toMatch(
      /^Each side needs a name, a colon/,
    );
    expect((await command('/health', `sides ${'x'.repeat(41)}: <@${ANA}>`)).text).toMatch(
      /^Side names can be up to 40/,
    );
    expect((await command('/health', `sides design: <@${ANA}> and the rest`)).text).toMatch(
      /^After “design:” I expected only @-mentions/,
    );
    expect((await command('/health', 'sides')).text).toBe('Sides of this channel: design');
  });
});
