import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CY = 'U0CY000003';
const BOT = 'U0SOMEBOT9';
const CHANNEL = 'C0TEAMROOM';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BOT, name: 'robot', is_bot: true });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY]);
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Element = { action_id?: string; value?: string };
type Block = { type: string; text?: { text: string }; elements?: Element[]; accessory?: Element };

async function retro(text: string, user_id = ANA) {
  t.clock.advance(2_000);
  const res = await t.requests.command({ command: '/retro', text, user_id, channel_id: CHANNEL });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  t.clock.advance(2_000);
  await t.app.jobs.deliver();
  return (body === '' ? { text: '' } : JSON.parse(body)) as { text: string; blocks?: Block[] };
}

async function deliverAt(instant: string) {
  t.clock.set(instant);
  await t.app.jobs.deliver();
}

const items = () =>
  t.database.db.query(
    `select owner_id, body, to_char(due_on, 'YYYY-MM-DD') as due_on, retro_id, done_by from action_items order by id`,
    [],
    z.object({
      owner_id: z.string(),
      body: z.string(),
      due_on: z.string().nullable(),
      retro_id: z.coerce.number().nullable(),
      done_by: z.string().nullable(),
    }),
  );
const dmsTo = (user: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
const channelPosts = () => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);

test('an action item by command: announced, and its owner gets one reminder at 09:00 their time on the due date', async () => {
  t.clock.set('2026-11-30T10:00:00Z');
  const reply = await retro('action <@U0BEN00002|ben> Write the <!here> launch checklist by 2026-12-04');
  expect(reply.text).toBe(`Added: <@${BEN}> Write the @here launch checklist · due 2026-12-04`);
  expect(await items()).toEqual([
    {
      owner_id: BEN,
      body: 'Write the @here launch checklist',
      due_on: '2026-12-04',
      retro_id: null,
      done_by: null,
    },
  ]);
  expect(channelPosts().map((c) => c.args.text)).toEqual([
    `:pushpin: New action item: <@${BEN}> Write the @here launch checklist · due 2026-12-04 (added by <@${ANA}>)`,
  ]);

  // The reminder asks its owner to act, so it goes before notifications waiting for them.
  const queued = await t.database.db.query(
    `select view, asks from outbox where channel_id = $1 and status = 'pending'`,
    [BEN],
    z.object({ view: z.string(), asks: z.boolean() }),
  );
  expect(queued).toEqual([{ view: 'retros.action-reminder', asks: true }]);

  // 09:00 in New York on 4 December is 14:00 UTC.
  await deliverAt('2026-12-04T13:59:00Z');
  expect(dmsTo(BEN)).toHaveLength(0);
  await deliverAt('2026-12-04T14:00:01Z');
  await deliverAt('2026-12-04T16:00:00Z');
  await t.app.jobs.tick();
  await deliverAt('2026-12-05T14:00:00Z');
  expect(dmsTo(BEN)).toHaveLength(1);
  expect(dmsTo(BEN)[0]?.args.text).toBe(
    `:alarm_clock: Due today, from <#${CHANNEL}>: Write the @here launch checklist`,
  );

  // A command Slack delivers twice (the same trigger) adds nothing and queues no second reminder.
  const once = {
    command: '/retro',
    text: 'action <@U0CY000003|cy> Order badges by 2026-12-05',
    user_id: ANA,
    channel_id: CHANNEL,
    trigger_id: '1701.replayed.1',
  };
  expect(await (await t.requests.command(once)).json()).toMatchObject({
    text: expect.stringContaining('Added:'),
  });
  expect(await (await t.requests.command(once)).json()).toMatchObject({
    text: 'That action item is already recorded.',
  });
  expect(await items()).toHaveLength(2);
  await t.app.background.drain();
  await deliverAt('2026-12-05T09:00:00Z');
  await deliverAt('2026-12-05T10:00:00Z');
  expect(dmsTo(CY)).toHaveLength(1);
});

test('open items head the next retro; anyone in the channel marks one done, which withdraws its reminder', async () => {
  t.clock.set('2026-12-07T10:00:00Z');
  await retro('action <@U0BEN00002|ben> Fix the flaky deploy by 2026-12-10');
  await retro('action <@U0CY000003|cy> Book the offsite');
  expect((await retro('actions', BEN)).blocks?.map((b) => b.text?.text)).toEqual([
    '*Open action items* (2)',
    `• <@${BEN}> Fix the flaky deploy · due 2026-12-10`,
    `• <@${CY}> Book the offsite`,
  ]);

  await retro('Sprint 14');
  const message = channelPosts().find((c) => String(c.args.text).startsWith('Retro: Sprint 14'));
  const blocks = message?.args.blocks as Block[];
  const done = blocks.filter((b) => b.accessory?.action_id === 'retro_action_done');
  expect(done.map((b) => b.text?.text)).toEqual([
    `• <@${BEN}> Fix the flaky deploy · due 2026-12-10`,
    `• <@${CY}> Book the offsite`,
  ]);

  // A Done from another channel's message is refused; from this channel, anyone may press it.
  const value = done[0]?.accessory?.value ?? '';
  await t.requests.blockAction({
    user_id: ANA,
    action_id: 'retro_action_done',
    value,
    channel_id: 'C0ELSEWHERE',
  });
  await t.requests.blockAction({ user_id: ANA, action_id: 'retro_action_done', value, channel_id: CHANNEL });
  await t.requests.blockAction({ user_id: CY, action_id: 'retro_action_done', value, channel_id: CHANNEL });
  await t.app.background.drain();
  expect(t.slack.responseUrlPosts.map((p) => p.body.text)).toEqual([
    'That action item is no longer there.',
    ':white_check_mark: Marked done: Fix the flaky deploy',
    'Already done: Fix the flaky deploy',
  ]);
  expect((await items()).map((i) => i.done_by)).toEqual([ANA, null]);
  // The open retro's message no longer lists it.
  const updated = t.slack.callsTo('chat.update').at(-1)?.args.blocks as Block[];
  expect(
    updated.filter((b) => b.accessory?.action_id === 'retro_action_done').map((b) => b.text?.text),
  ).toEqual([`• <@${CY}> Book the offsite`]);

  await deliverAt('2026-12-10T20:00:00Z');
  expect(dmsTo(BEN)).toHaveLength(0);
  expect((await retro('actions')).blocks?.map((b) => b.text?.text)).toEqual([
    '*Open action items* (1)',
    `• <@${CY}> Book the offsite`,
  ]);
});

test('the summary’s button adds an item to that retro through a form, once however often Slack sends it', async () => {
  t.clock.set('2026-12-14T10:00:00Z');
  await retro('Sprint 15');
  await retro('close');
  const summary = channelPosts().find((c) => String(c.args.text).startsWith('Retro summary'));
  const button = (summary?.args.blocks as Block[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'retro_add_action');
  await t.requests.blockAction({
    user_id: CY,
    action_id: 'retro_add_action',
    value: button?.value ?? '',
    channel_id: CHANNEL,
  });
  const view = (await openedModal(t.slack, 0)) as {
    private_metadata: string;
  };
  const submit = (owner: string | null, text: string, date: string | null) =>
    t.requests.viewSubmission({
      user_id: CY,
      callback_id: 'retro_action_form',
      private_metadata: view.private_metadata,
      values: {
        retro_owner: { value: { type: 'users_select', selected_user: owner } },
        retro_action: { value: { type: 'plain_text_input', value: text } },
        retro_due: { value: { type: 'datepicker', selected_date: date } },
      },
    });
  const errors = async (res: Response) => ((await res.text()) || '{}') as string;

  expect(JSON.parse(await errors(await submit('U0NOBODY01', 'Do it', null)))).toEqual({
    response_action: 'errors',
    errors: { retro_owner: '<@U0NOBODY01> can’t own an action item: pick an active person (not a bot).' },
  });
  expect(JSON.parse(await errors(await submit(BOT, 'Do it', null))).errors.retro_owner).toContain(
    'not a bot',
  );
  expect(JSON.parse(await errors(await submit(null, 'Do it', null))).errors).toEqual({
    retro_owner: 'Pick who owns it.',
  });
  expect(JSON.parse(await errors(await submit(ANA, ' ', null))).errors.retro_action).toBe(
    'Write what is to be done.',
  );
  expect(JSON.parse(await errors(await submit(ANA, 'Do it', '2026-12-01'))).errors.retro_due).toContain(
    'has already passed',
  );
  expect(JSON.parse(await errors(await submit(ANA, 'Do it', '2026-02-30'))).errors.retro_due).toContain(
    'real date',
  );
  expect(await items()).toEqual([]);

  expect(await errors(await submit(ANA, 'Write the retro guide', null))).toBe('{}');
  expect(await errors(await submit(ANA, 'Write the retro guide', null))).toBe('{}');
  await t.app.background.drain();
  const [row] = await t.database.db.query('select id from retros', [], z.object({ id: z.coerce.number() }));
  expect(await items()).toEqual([
    { owner_id: ANA, body: 'Write the retro guide', due_on: null, retro_id: row?.id, done_by: null },
  ]);
});

test('malformed /retro action commands say what to type and record nothing', async () => {
  t.clock.set('2026-12-15T10:00:00Z');
  expect((await retro('action')).text).toContain('Name the owner first');
  expect((await retro('action ben write it')).text).toContain('Name the owner first');
  expect((await retro('action <!channel> write it')).text).toContain('name one person, not a group');
  expect((await retro('action <@U0BEN00002|ben>')).text).toContain('Say what the action is');
  expect((await retro('action <@U0BEN00002|ben> fix by 2026-13-01')).text).toContain(
    'real date as YYYY-MM-DD',
  );
  expect((await retro('action <@U0BEN00002|ben> fix by 2026-12-01')).text).toContain('has already passed');
  expect((await retro(`action <@U0BEN00002|ben> ${'x'.repeat(1001)}`)).text).toContain(
    'up to 1000 characters',
  );
  expect((await retro('action <@U0NOBODY01|who> fix it')).text).toContain('pick an active person');
  expect((await retro('action <@U0SOMEBOT9|robot> fix it')).text).toContain('pick an active person');
  expect(await items()).toEqual([]);
  expect(channelPosts()).toEqual([]);
  expect((await retro('actions')).text).toBe('No open action items in this channel.');
});
