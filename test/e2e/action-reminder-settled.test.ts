import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * An action item's reminder DM carries Mark done; once the item is done, from there, the channel's
 * list or the Home tab, the reminder says so in place of its button: one edit, however often.
 */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CY = 'U0CY000003';
/** A partner's member, whose own workspace installed Rapport too. */
const EXT = 'U0EXT00009';
const PARTNER = 'T0PARTNER9';
const CHANNEL = 'C0TEAMROOM';
/** A Slack Connect channel, new in each test (the app remembers channels for a minute). */
let SHARED = '';
let channelCount = 0;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  channelCount += 1;
  SHARED = `C0ALLY${String(channelCount).padStart(4, '0')}`;
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: EXT, name: 'ext', tz: 'Europe/Berlin', team_id: PARTNER });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY]);
  t.slack.addChannel({ id: SHARED, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.channelMembers.set(SHARED, [ANA, EXT]);
  t.clock.set('2026-11-30T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Button = { action_id: string; value: string; text: { text: string } };
type Block = { type: string; elements?: Button[]; accessory?: Button };
type Call = { args: Record<string, unknown> };
const blocksOf = (call: Call | undefined) => (call?.args.blocks as Block[] | undefined) ?? [];
const buttonsOf = (call: Call | undefined) =>
  blocksOf(call).flatMap((b) => [
    ...(b.type === 'actions' ? (b.elements ?? []) : []),
    ...(b.accessory ? [b.accessory] : []),
  ]);
const textOf = (call: Call | undefined) => JSON.stringify(call?.args.blocks ?? null);

const dmPosts = (user: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
const dmEdits = (user: string) => t.slack.callsTo('chat.update').filter((c) => c.args.channel === `D${user}`);

async function deliver() {
  await t.app.background.drain();
  await t.app.jobs.deliver();
}

async function command(text: string, user_id = ANA, channel_id = CHANNEL) {
  const res = await t.requests.command({ command: '/retro', text, user_id, channel_id });
  expect(res.status).toBe(200);
  await deliver();
}

const itemId = async (body: string) => {
  const [row] = await t.database.db.query(
    'select id, done_by from action_items where body = $1',
    [body],
    z.object({ id: z.coerce.number(), done_by: z.string().nullable() }),
  );
  return row;
};

/** Ben's item due Friday 4 December; its reminder reaches him at 09:00 New York (14:00 UTC). */
async function reminded() {
  await command(`action <@${BEN}|ben> Fix the flaky deploy by 2026-12-04`);
  t.clock.set('2026-12-04T14:00:05Z');
  await t.app.jobs.deliver();
  const [reminder] = dmPosts(BEN);
  expect(reminder?.args.text).toBe(`:alarm_clock: Due today, from <#${CHANNEL}>: Fix the flaky deploy`);
  return reminder;
}

test('Mark done on the reminder: it says "Done · marked at 09:41" in the owner’s zone, with no button, once', async () => {
  const reminder = await reminded();
  const [markDone] = buttonsOf(reminder);
  expect(buttonsOf(reminder).map((b) => [b.action_id, b.text.text])).toEqual([
    ['retro_reminder_done', 'Mark done'],
  ]);

  t.clock.set('2026-12-04T14:41:30Z'); // 09:41 in New York
  const click = () =>
    t.requests.blockAction({
      user_id: BEN,
      action_id: 'retro_reminder_done',
      value: markDone?.value ?? '',
      channel_id: `D${BEN}`,
    });
  expect((await click()).status).toBe(200);
  await deliver();
  expect((await itemId('Fix the flaky deploy'))?.done_by).toBe(BEN);

  const [edit, ...more] = dmEdits(BEN);
  expect(more).toEqual([]);
  expect(edit?.args.ts).toBe(t.slack.conversations.get(`D${BEN}`)?.[0]?.ts);
  expect(textOf(edit)).toContain(':white_check_mark: Done · marked at 09:41');
  expect(textOf(edit)).toContain('Fix the flaky deploy');
  expect(buttonsOf(edit)).toEqual([]);
  // Said in place by the outbox, not through the click's response_url.
  expect(t.slack.responseUrlPosts).toEqual([]);

  // A second click (a stale client, or Slack sending it again) edits nothing more, and says so.
  expect((await click()).status).toBe(200);
  t.clock.advance(5_000);
  await deliver();
  expect(dmEdits(BEN)).toHaveLength(1);
  expect(t.slack.responseUrlPosts.map((p) => p.body.text)).toEqual(['Already done: Fix the flaky deploy']);

  // Someone else's click on it is refused: the button is the owner's.
  await command(`action <@${CY}|cy> Book the offsite by 2026-12-04`);
  const cys = await itemId('Book the offsite');
  await t.requests.blockAction({
    user_id: BEN,
    action_id: 'retro_reminder_done',
    value: String(cys?.id),
    channel_id: `D${BEN}`,
  });
  await deliver();
  expect((await itemId('Book the offsite'))?.done_by).toBeNull();
  expect(t.slack.responseUrlPosts.at(-1)?.body.text).toBe('That action item is no longer there.');
});

test('Done in the channel’s list settles the reminder too, saying who marked it, at the owner’s time', async () => {
  await reminded();
  const id = (await itemId('Fix the flaky deploy'))?.id;
  t.clock.set('2026-12-04T15:05:00Z'); // 10:05 in New York, 16:05 in Berlin
  const done = () =>
    t.requests.blockAction({
      user_id: CY,
      action_id: 'retro_action_done',
      value: String(id),
      channel_id: CHANNEL,
    });
  await done();
  await deliver();
  const [edit] = dmEdits(BEN);
  expect(textOf(edit)).toContain(`:white_check_mark: Done · marked at 10:05 by <@${CY}>`);
  expect(buttonsOf(edit)).toEqual([]);

  await done();
  t.clock.advance(5_000);
  await deliver();
  expect(dmEdits(BEN)).toHaveLength(1);
});

test('Done on the Home tab settles the reminder', async () => {
  await reminded();
  const id = (await itemId('Fix the flaky deploy'))?.id;
  t.clock.set('2026-12-04T16:00:00Z'); // 11:00 in New York
  const done = () =>
    t.requests.homeButton({ user_id: BEN, action_id: 'home_action_done', value: String(id) });
  expect((await done()).status).toBe(200);
  await deliver();
  const [edit] = dmEdits(BEN);
  expect(textOf(edit)).toContain(':white_check_mark: Done · marked at 11:00');
  expect(textOf(edit)).not.toContain('by <@');
  expect(buttonsOf(edit)).toEqual([]);

  await done();
  t.clock.advance(5_000);
  await deliver();
  expect(dmEdits(BEN)).toHaveLength(1);
});

test('an item done before its reminder would go: no reminder, and nothing to edit', async () => {
  await command(`action <@${BEN}|ben> Fix the flaky deploy by 2026-12-04`);
  const id = (await itemId('Fix the flaky deploy'))?.id;
  await t.requests.blockAction({
    user_id: ANA,
    action_id: 'retro_action_done',
    value: String(id),
    channel_id: CHANNEL,
  });
  await deliver();
  t.clock.set('2026-12-04T14:00:05Z');
  await t.app.jobs.deliver();
  t.clock.set('2026-12-04T18:00:00Z');
  await t.app.jobs.deliver();
  expect(dmPosts(BEN)).toEqual([]);
  expect(dmEdits(BEN)).toEqual([]);
});

test('a partner’s member marks their reminder done through their own workspace’s installation', async () => {
  t.slack.installedTeams.add(PARTNER);
  await command(`action <@${EXT}|ext> Share the API keys by 2026-12-04`, ANA, SHARED);
  t.clock.set('2026-12-04T23:00:00Z'); // past 09:00 wherever Rapport places them
  await t.app.jobs.deliver();
  const [reminder] = dmPosts(EXT);
  const [markDone] = buttonsOf(reminder);
  expect(markDone?.action_id).toBe('retro_reminder_done');

  // Slack sends the click through the partner's own installation (team PARTNER).
  const click = () =>
    t.requests.blockAction({
      user_id: EXT,
      action_id: 'retro_reminder_done',
      value: markDone?.value ?? '',
      channel_id: `D${EXT}`,
    });
  expect((await click()).status).toBe(200);
  await deliver();
  expect((await itemId('Share the API keys'))?.done_by).toBe(EXT);
  const [edit] = dmEdits(EXT);
  expect(textOf(edit)).toMatch(/:white_check_mark: Done · marked at \d\d:\d\d/);
  expect(buttonsOf(edit)).toEqual([]);

  await click();
  t.clock.advance(5_000);
  await deliver();
  expect(dmEdits(EXT)).toHaveLength(1);
});
