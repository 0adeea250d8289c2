import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { exportRecords } from '../../src/export/records.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Coffee pairs across sides (issue 19), through the HTTP endpoint and the scheduler: `/rituals
 * pairs`, joining by button and by command, a round's group DMs with a starter and two times,
 * the halfway "Did you meet?", leaving and pausing, and Slack refusing a group DM across
 * organisations. Ana, Cy and Dee are this workspace (Berlin); Ben and Eve the partner's.
 */
const ANA = 'U0ANA00001';
const BEN = 'W0BEN00002';
const CY = 'U0CY000003';
const DEE = 'U0DEE00004';
const EVE = 'W0EVE00005';
const CHANNEL = 'C0ALLIANCE';
const PARTNER = 'T0PARTNER9';
/** Monday 14 December 2026, 10:00 in Berlin: the first round. */
const ROUND_AT = '2026-12-14T09:00:00Z';
/** Halfway through the weekly round. */
const HALFWAY = '2026-12-17T21:00:00Z';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: DEE, name: 'dee', tz: 'Europe/London' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York', team_id: PARTNER });
  t.slack.addUser({ id: EVE, name: 'eve', team_id: PARTNER });
  t.slack.addChannel({ id: CHANNEL, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY, DEE, EVE]);
  t.clock.set('2026-12-10T12:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

type Reply = { text: string; blocks?: unknown[] };
type Block = { type: string; elements?: { action_id?: string; value?: string }[] };

async function command(name: string, text: string, user_id = ANA, team_id?: string): Promise<Reply> {
  const res = await t.requests.command({
    command: name,
    text,
    user_id,
    channel_id: CHANNEL,
    ...(team_id ? { team_id } : {}),
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body ? JSON.parse(body) : {}) as Reply;
}

async function at(instant: string) {
  t.clock.set(instant);
  await t.app.jobs.tick();
  for (let pass = 0; pass <= 4; pass += 1) {
    t.clock.set(new Date(Date.parse(instant) + pass * 1_100));
    await t.app.jobs.deliver();
  }
  await t.app.background.drain();
}

const posts = () => t.slack.callsTo('chat.postMessage');
const buttonsOf = (blocks: unknown) =>
  ((blocks as Block[] | undefined) ?? []).flatMap((b) => b.elements ?? []);
/** The groups a round made, as conversations.open was asked for them. */
const groupsOpened = () =>
  t.slack
    .callsTo('conversations.open')
    .map((c) => String(c.args.users))
    .filter((users) => users.includes(','));

async function press(user: string, actionId: string, value: string, channel = CHANNEL, team_id?: string) {
  const res = await t.requests.blockAction({
    user_id: user,
    action_id: actionId,
    value,
    channel_id: channel,
    ...(team_id ? { team_id } : {}),
  });
  expect(res.status).toBe(200);
  await t.app.background.drain();
}

async function setUpAndJoin(members = [ANA, BEN, CY, DEE, EVE]) {
  const created = await command('/rituals', 'pairs weekly mon 10:00 Europe/Berlin');
  expect(created.text).toMatch(/Coffee pairs \d+ is set|coffee pairs/i);
  await t.app.jobs.deliver();
  const intro = posts().find(
    (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith('Coffee pairs'),
  );
  expect(intro).toBeDefined();
  const join = buttonsOf(intro?.args.blocks).find((b) => b.action_id === 'pairs_join');
  expect(join?.value).toBe(CHANNEL);
  for (const member of members) {
    const partner = member.startsWith('W');
    await press(member, 'pairs_join', CHANNEL, CHANNEL, partner ? PARTNER : undefined);
  }
}

describe('coffee pairs', () => {
  test('a round pairs those who joined, across the sides, each group in its own DM with a starter and two times', async () => {
    await setUpAndJoin();
    expect((await command('/pairs', '')).text).toContain('You are in');
    await at(ROUND_AT);
    await t.slack.waitFor(() => posts().filter((c) => /^G/.test(String(c.args.channel))).length === 2);

    const groups = groupsOpened().map((g) => g.split(',').sort());
    // Five people: a pair and a group of three, every one across the sides.
    expect(groups.map((g) => g.length).sort()).toEqual([2, 3]);
    expect(groups.flat().sort()).toEqual([ANA, BEN, CY, DEE, EVE].sort());
    for (const g of groups)
      expect(g.some((m) => m.startsWith('W')) && g.some((m) => m.startsWith('U'))).toBe(true);
    const intros = posts().filter((c) => /^G/.test(String(c.args.channel)));
    expect(intros).toHaveLength(2);
    const text = JSON.stringify(intros[0]?.args.blocks);
    expect(text).toContain('To start:');
    expect(text).toContain('Two times that fall in everyone');
    expect((text.match(/<!date\^/g) ?? []).length).toBeGreaterThanOrEqual(3);

    // The same round again (a second tick, another replica): nothing more.
    const before = posts().length;
    await at(ROUND_AT);
    expect(posts().length).toBe(before);
  });

  test('halfway, each group is asked once whether it met; "We met" counts, once, and only from its members', async () => {
    await setUpAndJoin([ANA, BEN]);
    await at(ROUND_AT);
    await at(HALFWAY);
    const check = posts().find((c) => String(c.args.text).startsWith('Did you meet?'));
    expect(check).toBeDefined();
    const met = buttonsOf(check?.args.blocks).find((b) => b.action_id === 'pairs_met');
    expect(met?.value).toMatch(/^\d+:2026-12-14:1$/);
    const group = String(check?.args.channel);

    await press(CY, 'pairs_met', met?.value ?? '', group);
    expect(t.slack.responseUrlPosts.at(-1)?.body.text).toContain('Only the people paired in this group');

    await press(BEN, 'pairs_met', met?.value ?? '', group, PARTNER);
    const replaced = t.slack.responseUrlPosts.at(-1)?.body;
    expect(replaced?.replace_original).toBe(true);
    expect(String(replaced?.text)).toContain('met this round');
    expect(JSON.stringify(replaced?.blocks)).not.toContain('pairs_met');

    await press(ANA, 'pairs_met', met?.value ?? '', group);
    expect(t.slack.responseUrlPosts.at(-1)?.body.text).toContain('Already noted');
    // The export has the group and that it met, nothing else.
    const pairings: Record<string, unknown>[] = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined }))
      if (r.type === 'pairing') pairings.push(r);
    expect(pairings).toEqual([
      expect.objectContaining({
        type: 'pairing',
        round_date: '2026-12-14',
        members: [ANA, BEN].sort(),
        met: true,
      }),
    ]);
    expect(Object.keys(pairings[0] ?? {}).sort()).toEqual(
      ['channel_id', 'group_no', 'members', 'met', 'ritual_id', 'round_date', 'team_id', 'type'].sort(),
    );
    // A second halfway tick asks nobody again.
    const asked = posts().filter((c) => String(c.args.text).startsWith('Did you meet?')).length;
    await at(HALFWAY);
    expect(posts().filter((c) => String(c.args.text).startsWith('Did you meet?')).length).toBe(asked);
  });

  test('nobody is paired without joining; leaving and pausing take people out of the rounds', async () => {
    await setUpAndJoin([ANA, BEN, CY, DEE]);
    expect((await command('/pairs', 'leave', CY)).text).toContain('You left');
    expect((await command('/pairs', 'pause 2026-12-20', DEE)).text).toContain('Paused');
    expect((await command('/pairs', 'pause 2026-12-01', ANA)).text).toContain('has passed');
    expect((await command('/pairs', 'pause tomorrow', ANA)).text).toContain('YYYY-MM-DD');
    await at(ROUND_AT);
    expect(groupsOpened().map((g) => g.split(',').sort())).toEqual([[ANA, BEN].sort()]);
    // EVE never joined, CY left, DEE is paused until the 20th: the next round pairs DEE again.
    await at('2026-12-21T09:00:00Z');
    expect(groupsOpened().at(-1)?.split(',').sort()).toEqual(expect.arrayContaining([DEE]));
  });

  test('where Slack opens no group DM across the organisations, each member hears it in their own DM', async () => {
    await setUpAndJoin([ANA, BEN]);
    // Ben is not in a channel with Ana any more: Slack refuses the group DM (invalid_user_combination).
    t.slack.channelMembers.set(CHANNEL, [ANA, CY, DEE, EVE]);
    await at(ROUND_AT);
    expect(t.slack.refusals).toContainEqual({
      method: 'conversations.open',
      error: 'invalid_user_combination',
    });
    const dms = posts().filter((c) => c.args.channel === ANA || c.args.channel === BEN);
    expect(dms.map((c) => c.args.channel).sort()).toEqual([ANA, BEN].sort());
    expect(String(dms[0]?.args.text)).toContain('Coffee pairs');
  });

  test('where Slack opens no group DM, a retry after an uncertain outcome looks in each DM and tells nobody twice', async () => {
    await setUpAndJoin([ANA, BEN]);
    t.slack.channelMembers.set(CHANNEL, [ANA, CY, DEE, EVE]);
    const before = posts().length;
    // The first member's DM is posted, but Slack's answer is lost: the attempt's outcome is uncertain.
    t.slack.failNextAfterPosting('chat.postMessage', 500);
    await at(ROUND_AT);
    await at(new Date(Date.parse(ROUND_AT) + 60_000).toISOString());
    const dms = posts()
      .slice(before)
      .filter((c) => c.args.channel === ANA || c.args.channel === BEN);
    expect(dms.map((c) => c.args.channel).sort()).toEqual([ANA, BEN].sort());
    expect(t.slack.callsTo('conversations.history').length).toBeGreaterThan(0);
  });
});
