import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const CY = 'U0CY000003';
const CHANNEL = 'C0ALLIANCE';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin' });
  t.slack.channelMembers.set(CHANNEL, [ANA, CY]);
  t.clock.set('2026-12-10T12:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = { type: string; elements?: { action_id?: string; value?: string; text?: { text: string } }[] };
type Call = { args: Record<string, unknown> };

async function at(instant: string) {
  t.clock.set(instant);
  await t.app.jobs.tick();
  for (let pass = 0; pass <= 3; pass += 1) {
    t.clock.set(new Date(Date.parse(instant) + pass * 1_100));
    await t.app.jobs.deliver();
  }
  await t.app.background.drain();
}

const dmPosts = (user: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
const dmEdits = (user: string) => t.slack.callsTo('chat.update').filter((c) => c.args.channel === `D${user}`);
const buttonsOf = (call: Call | undefined) =>
  ((call?.args.blocks as Block[] | undefined) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({ action_id: e.action_id, text: e.text?.text }));
const refOf = (call: Call | undefined) =>
  ((call?.args.blocks as Block[] | undefined) ?? []).flatMap((b) => b.elements ?? [])[0]?.value ?? '';

async function answer(user: string, priority: string, ref: string) {
  const n = t.slack.callsTo('views.open').length;
  await t.requests.blockAction({ user_id: user, action_id: 'review_answer', value: ref });
  const form = await openedModal<{ private_metadata: string; blocks: unknown[] }>(t.slack, n);
  const res = await t.requests.viewSubmission({
    user_id: user,
    callback_id: 'review_answer_form',
    private_metadata: form.private_metadata,
    values: { review_priority1: { value: { type: 'plain_text_input', value: priority } } },
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('');
  return form;
}

async function reviewPrompted() {
  await t.requests.command({
    command: '/rituals',
    text: 'review quarterly mon 10:00 Europe/Berlin',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  await t.app.background.drain();
  await at('2026-12-28T09:00:00Z'); // a week before the review, 10:00 in Berlin
}

test('an answer turns the review DM into "Answered" with Change answer, which opens the answer again', async () => {
  await reviewPrompted();
  const prompt = dmPosts(ANA)[0];
  expect(buttonsOf(prompt)).toEqual([{ action_id: 'review_answer', text: 'Answer' }]);

  await answer(ANA, 'Faster partner onboarding', refOf(prompt));
  await at('2026-12-28T10:00:00Z');
  const [edit] = dmEdits(ANA);
  expect(edit?.args.ts).toBe(t.slack.conversations.get(`D${ANA}`)?.[0]?.ts);
  expect(JSON.stringify(edit?.args.blocks)).toContain('Answered · thank you');
  expect(buttonsOf(edit)).toEqual([{ action_id: 'review_answer', text: 'Change answer' }]);

  // Change answer opens her answer; changing it says nothing new in the DM.
  const form = await answer(ANA, 'Hiring plan', refOf(edit));
  expect(JSON.stringify(form.blocks)).toContain('Faster partner onboarding');
  await at('2026-12-28T11:00:00Z');
  expect(dmEdits(ANA)).toHaveLength(1);
});

test('answered after the reminder: the DM and the reminder both say so', async () => {
  await reviewPrompted();
  await at('2027-01-03T09:00:00Z'); // a day before: the reminder
  const [prompt, reminder] = dmPosts(CY);
  expect(String(reminder?.args.text)).toMatch(/^Reminder/);

  await answer(CY, 'Launch in Japan', refOf(prompt));
  await at('2027-01-03T10:00:00Z');
  const edits = dmEdits(CY);
  expect(edits.map((c) => c.args.ts).sort()).toEqual(
    (t.slack.conversations.get(`D${CY}`) ?? []).map((m) => m.ts).sort(),
  );
  for (const edit of edits) {
    expect(JSON.stringify(edit.args.blocks)).toContain('Answered · thank you');
    expect(JSON.stringify(edit.args.blocks)).not.toContain('Reminder');
    expect(buttonsOf(edit)).toEqual([{ action_id: 'review_answer', text: 'Change answer' }]);
  }
});
