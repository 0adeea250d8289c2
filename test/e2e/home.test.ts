import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { storeHealthPeriod } from '../helpers/health-periods.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CHANNEL = 'C0TEAMROOM';
const OTHER_TEAM = 'T0OTHERTEAM';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN]);
  // Friday 20 November 2026, 10:00 UTC.
  t.clock.set('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Element = { action_id?: string; value?: string };
type Block = {
  type: string;
  text?: { text: string };
  elements?: ({ text?: string } & Element)[];
  accessory?: Element;
};
type HomeView = { type: string; blocks: Block[] };

/** Opens the Home tab as `user` and returns what the app published for them. */
async function openHome(user = ANA, team_id?: string): Promise<HomeView> {
  const before = t.slack.callsTo('views.publish').length;
  const res = await t.requests.event(
    {
      type: 'app_home_opened',
      user,
      channel: `D${user}`,
      tab: 'home',
      event_ts: `${Date.now() / 1000}`,
    },
    team_id ? { team_id } : {},
  );
  expect(res.status).toBe(200);
  await t.app.background.drain();
  const call = await t.slack.waitFor(() => t.slack.callsTo('views.publish')[before]);
  expect(call.args.user_id).toBe(user);
  return call.args.view as HomeView;
}

const textOf = (view: HomeView) =>
  view.blocks
    .map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')].join(' '))
    .join('\n');

const command = async (command: string, text: string, user_id = ANA) => {
  t.clock.advance(1_000);
  const res = await t.requests.command({ command, text, user_id, channel_id: CHANNEL });
  expect(res.status).toBe(200);
  await t.app.background.drain();
  return res;
};

const doneBy = async () =>
  (
    await t.database.db.query(
      'select body, done_by from action_items order by id',
      [],
      z.object({ body: z.string(), done_by: z.string().nullable() }),
    )
  ).map((r) => `${r.body}: ${r.done_by ?? 'open'}`);

describe('the Home tab', () => {
  test('a newcomer sees an empty dashboard that says what to do', async () => {
    const view = await openHome();
    expect(view.type).toBe('home');
    const text = textOf(view);
    expect(text).toContain('You received *0* kudos and gave *0* in the last 30 days');
    expect(text).toContain('No kudos to you yet');
    expect(text).toContain('You are in no stand-up or pulse check yet.');
    expect(text).not.toContain('Your open action items');
  });

  test('kudos, open action items, next check-ins, away and channels, each person their own', async () => {
    await command('/kudos', `<@${ANA}|ana> for untangling the <!channel> release`, BEN);
    await command('/kudos', `<@${BEN}|ben> for the review`, ANA);
    await command('/rituals', 'standup mon-fri 09:30 local');
    await command('/retro', `action <@${ANA}|ana> Write the runbook by 2026-11-27`, BEN);
    await command('/retro', `action <@${BEN}|ben> Ben's own item`, ANA);
    await command('/checkin', 'away 2026-11-24');

    const text = textOf(await openHome());
    expect(text).toContain('You received *1* kudos and gave *1* in the last 30 days');
    expect(text).toContain(`From <@${BEN}> in <#${CHANNEL}>`);
    // The reason as kept: @channel a plain word, never a ping.
    expect(text).toContain('untangling the @channel release');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('Write the runbook');
    expect(text).toContain('due 2026-11-27');
    expect(text).not.toContain("Ben's own item");
    expect(text).toContain('You are away until 2026-11-24');
    // Monday 23 November, 09:30 in Berlin.
    expect(text).toMatch(
      new RegExp(`Stand-up in <#${CHANNEL}>: <!date\\^${Date.parse('2026-11-23T08:30:00Z') / 1000}\\^`),
    );
    expect(text).toContain(`<#${CHANNEL}>: stand-up`);

    const bens = textOf(await openHome(BEN));
    expect(bens).toContain("Ben's own item");
    expect(bens).not.toContain('Write the runbook');
    expect(bens).not.toContain('You are away');
  });

  test('Done on an item marks it done and draws the tab again without it; only its owner can', async () => {
    await command('/retro', `action <@${ANA}|ana> Write the runbook`, BEN);
    await command('/retro', `action <@${BEN}|ben> Ben's own item`, ANA);
    const view = await openHome();
    const done = view.blocks.find((b) => b.accessory?.action_id === 'home_action_done')?.accessory;
    expect(done?.value).toMatch(/^\d+$/);

    // Ana forges Ben's item's number: nothing changes.
    const bensItem = Number(done?.value) + 1;
    await t.requests.homeButton({ user_id: ANA, action_id: 'home_action_done', value: String(bensItem) });
    await t.app.background.drain();
    expect(await doneBy()).toEqual(['Write the runbook: open', "Ben's own item: open"]);

    const publishes = t.slack.callsTo('views.publish').length;
    const res = await t.requests.homeButton({
      user_id: ANA,
      action_id: 'home_action_done',
      value: String(done?.value),
    });
    expect(res.status).toBe(200);
    await t.app.background.drain();
    expect(await doneBy()).toEqual([`Write the runbook: ${ANA}`, "Ben's own item: open"]);
    const redrawn = t.slack.callsTo('views.publish')[publishes]?.args.view as HomeView;
    expect(redrawn.type).toBe('home');
    expect(textOf(redrawn)).not.toContain('Write the runbook');
    expect(t.slack.responseUrlPosts).toEqual([]);
  });

  test('credits waiting for an answer have their buttons; Confirm there confirms it and redraws the tab', async () => {
    await command('/credit', `<@${ANA}|ana> for the Q3 launch: ran the <!channel> research`, BEN);
    await command('/credit', `<@${ANA}|ana> for the pricing page: wrote it`, BEN);
    const view = await openHome();
    const text = textOf(view);
    expect(text).toContain('2 credits to you; 2 wait for your answer.');
    expect(text).toContain(`*the Q3 launch* in <#${CHANNEL}>, from <@${BEN}>: ran the`);
    expect(text).not.toContain('<!channel>');
    const answers = view.blocks.filter((b) => b.type === 'actions');
    expect(answers.map((b) => b.elements?.map((e) => e.action_id))).toEqual([
      ['credit_confirm', 'credit_correct', 'credit_decline'],
      ['credit_confirm', 'credit_correct', 'credit_decline'],
    ]);

    const publishes = t.slack.callsTo('views.publish').length;
    const confirm = answers[0]?.elements?.[0];
    await t.requests.homeButton({ user_id: ANA, action_id: 'credit_confirm', value: String(confirm?.value) });
    await t.app.background.drain();
    const status = await t.database.db.query(
      'select status from credit_contributors where id = $1',
      [Number(confirm?.value)],
      z.object({ status: z.string() }),
    );
    expect(status).toEqual([{ status: 'confirmed' }]);
    const redrawn = textOf(t.slack.callsTo('views.publish')[publishes]?.args.view as HomeView);
    expect(redrawn).toContain('2 credits to you; 1 waits for your answer.');
    expect(redrawn).toContain(':white_check_mark: *');
    expect(t.slack.responseUrlPosts).toEqual([]);
  });

  test('DMs about kudos can be turned off and on again from the tab', async () => {
    const kudosDms = (view: HomeView) => view.blocks.find((b) => b.accessory?.action_id === 'home_kudos_dms');
    const on = await openHome();
    expect(kudosDms(on)?.text?.text).toContain('*DMs about kudos:* on');
    expect(kudosDms(on)?.accessory?.value).toBe('off');

    await t.requests.homeButton({ user_id: ANA, action_id: 'home_kudos_dms', value: 'off' });
    await t.app.background.drain();
    const off = t.slack.callsTo('views.publish').at(-1)?.args.view as HomeView;
    expect(kudosDms(off)?.text?.text).toContain('*DMs about kudos:* off');
    expect(kudosDms(off)?.accessory?.value).toBe('on');

    const dmsToAna = () => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === ANA);
    await command('/kudos', `<@${ANA}|ana> for the plan`, BEN);
    await t.app.jobs.deliver();
    expect(dmsToAna()).toEqual([]);

    await t.requests.homeButton({ user_id: ANA, action_id: 'home_kudos_dms', value: 'on' });
    await command('/kudos', `<@${ANA}|ana> for the review`, BEN);
    t.clock.advance(2_000);
    await t.app.jobs.deliver();
    expect(dmsToAna().map((c) => String(c.args.text))).toEqual([expect.stringContaining('gave you kudos')]);
  });

  test('each of your channels shows its latest health score; never a channel you are not in', async () => {
    const QUIET = 'C0QUIETONE';
    const ELSEWHERE = 'C0ELSEWHER';
    await command('/rituals', 'standup mon-fri 09:30 local');
    // Ana is in the quiet channel through kudos only, and in no way in the other one.
    const res = await t.requests.command({
      command: '/kudos',
      text: `<@${ANA}|ana> for the map`,
      user_id: BEN,
      channel_id: QUIET,
    });
    expect(res.status).toBe(200);
    await t.app.background.drain();

    const week = (channelId: string, end: string, metrics: Record<string, number>, teamId = TEAM_ID) =>
      storeHealthPeriod(t.database.db, {
        teamId,
        channelId,
        start: new Date(Date.parse(end) - 7 * 86_400_000).toISOString(),
        end,
        metrics,
      });
    await week(CHANNEL, '2026-11-09T08:00:00Z', { participation: 0.3 });
    await week(CHANNEL, '2026-11-16T08:00:00Z', { participation: 0.8, credits_confirmed: 0.64 });
    await week(QUIET, '2026-11-16T08:00:00Z', {});
    await week(ELSEWHERE, '2026-11-16T08:00:00Z', { pulse: 0.35 });
    // The same channel id in another workspace is another channel.
    await week(CHANNEL, '2026-11-19T08:00:00Z', { pulse: 0.1 }, OTHER_TEAM);

    const lines = textOf(await openHome())
      .split('\n')
      .filter((l) => l.startsWith('• <#'));
    const weekTo = (day: string) =>
      `(week to <!date^${Date.parse(`${day}T08:00:00Z`) / 1000}^{date_short}|${day}>)`;
    expect(lines).toEqual([
      // A week without data says so, never 0.
      `• <#${QUIET}> · health: no data ${weekTo('2026-11-16')}`,
      // The latest week's score, rounded as the digest shows it: 100 × mean(0.8, 0.64) = 72.
      `• <#${CHANNEL}>: stand-up · health 72 ${weekTo('2026-11-16')}`,
    ]);
    expect(JSON.stringify(t.slack.callsTo('views.publish'))).not.toContain(ELSEWHERE);
  });

  test('the Messages tab draws nothing; another workspace sees none of this one', async () => {
    await command('/kudos', `<@${ANA}|ana> for the plan`, BEN);
    const res = await t.requests.event({
      type: 'app_home_opened',
      user: ANA,
      channel: `D${ANA}`,
      tab: 'messages',
    });
    expect(res.status).toBe(200);
    await t.app.background.drain();
    expect(t.slack.callsTo('views.publish')).toEqual([]);

    const elsewhere = textOf(await openHome(ANA, OTHER_TEAM));
    expect(elsewhere).toContain('You received *0* kudos');
  });

  test('however much there is, the tab stays within Slack’s limits', async () => {
    const channels = Array.from({ length: 40 }, (_, i) => `C0MANY${String(i).padStart(4, '0')}`);
    const long = 'x'.repeat(499);
    await t.database.db.execute(
      `insert into action_items (team_id, channel_id, owner_id, body, due_on, created_by, create_key, created_at)
       select 'T0RAPPORT1', ($2::text[])[1 + i % 40], $1, repeat('long item ', 99), date '2026-12-01' + i % 30, $1,
              'bulk-' || i, now()
       from generate_series(1, 300) i`,
      [ANA, channels],
    );
    await t.database.db.execute(
      `insert into kudos (team_id, giver_id, receiver_id, channel_id, source, command_id, reason, created_at)
       select 'T0RAPPORT1', $2, $1, ($3::text[])[1 + i % 40], 'command', 'bulk-' || i, $4 || i,
              $5::timestamptz - i * interval '1 minute'
       from generate_series(1, 500) i`,
      [ANA, BEN, channels, long, new Date('2026-11-20T09:00:00Z')],
    );
    for (const channelId of channels) {
      await storeHealthPeriod(t.database.db, {
        teamId: TEAM_ID,
        channelId,
        start: '2026-11-09T08:00:00Z',
        end: '2026-11-16T08:00:00Z',
        metrics: { participation: 1 / 3 },
      });
    }
    const view = await openHome();
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const b of view.blocks) {
      if (b.type === 'section') expect(b.text?.text.length).toBeLessThanOrEqual(3000);
      if (b.type === 'header') expect(b.text?.text.length).toBeLessThanOrEqual(150);
    }
    const text = textOf(view);
    expect(text).toContain('You received *500* kudos');
    expect(text).toContain('…and 290 more');
    expect(text).toContain('…and more.');
    expect(text).toContain(`<#${channels[0]}> · health 33 (week to`);
    // The fake Slack accepted it, as Slack would.
    expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
