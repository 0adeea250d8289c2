import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CHANNEL = 'C0TEAMROOM';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN]);
  t.clock.set('2026-11-20T07:00:00Z'); // Friday, 08:00 in Berlin
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Button = { action_id: string; value: string; text: { text: string } };
type Call = { args: Record<string, unknown> };
const buttonsOf = (call: Call | undefined) =>
  ((call?.args.blocks as { type: string; elements?: Button[] }[] | undefined) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((b) => ({ action_id: b.action_id, text: b.text.text }));
const textOf = (call: Call | undefined) => JSON.stringify(call?.args.blocks ?? null);

/** The prompts (and reminders) the bot posted to a person, and the edits of that DM. */
const dmPosts = (user: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
const dmEdits = (user: string) => t.slack.callsTo('chat.update').filter((c) => c.args.channel === `D${user}`);

async function deliver() {
  await t.app.background.drain();
  await t.app.jobs.deliver();
}

/** A stand-up at 09:30 local (Berlin for Ana, New York for Ben); the clock reaches Ana's. */
async function standupDue() {
  await t.requests.command({
    command: '/rituals',
    text: 'standup mon-fri 09:30 local',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  await t.app.background.drain();
  t.clock.set('2026-11-20T08:30:05Z');
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
}

const refOf = (user: string) =>
  (dmPosts(user)[0]?.args.blocks as { type: string; elements?: Button[] }[]).find((b) => b.type === 'actions')
    ?.elements?.[0]?.value ?? '';

const answer = (user: string, answers: string[]) =>
  t.requests.viewSubmission({
    user_id: user,
    callback_id: 'standup_checkin',
    private_metadata: refOf(user),
    values: Object.fromEntries(
      answers.map((a, i) => [`question_${i}`, { answer: { type: 'plain_text_input', value: a } }]),
    ),
  });

const skip = (user: string) =>
  t.requests.blockAction({ user_id: user, action_id: 'standup_skip', value: refOf(user) });

test('an answer turns the prompt into "Answered at 09:41 · Edit", in the person’s zone, once', async () => {
  await standupDue();
  const prompt = dmPosts(ANA)[0];
  expect(buttonsOf(prompt).map((b) => b.action_id)).toEqual(['standup_answer', 'standup_skip']);

  t.clock.set('2026-11-20T08:41:30Z'); // 09:41 in Berlin
  expect((await answer(ANA, ['Shipped the export', '', ''])).status).toBe(200);
  await deliver();

  const [edit] = dmEdits(ANA);
  expect(edit?.args.ts).toBe(t.slack.conversations.get(`D${ANA}`)?.[0]?.ts);
  expect(edit?.args.text).toBe(`Stand-up for <#${CHANNEL}>, Friday, 20 November: answered at 09:41`);
  expect(textOf(edit)).toContain('Answered at 09:41');
  // Only Edit is left; it opens the answer again (the Answer action, filled with her answers).
  expect(buttonsOf(edit)).toEqual([{ action_id: 'standup_answer', text: 'Edit' }]);
  expect(textOf(edit)).not.toContain('standup_skip');

  // Editing her answers edits the thread reply, not the prompt again.
  await answer(ANA, ['Shipped the export and the docs', '', '']);
  await deliver();
  expect(dmEdits(ANA)).toHaveLength(1);

  // A Skip click on the old message (a stale client) changes nothing and says so.
  await skip(ANA);
  await deliver();
  expect(dmEdits(ANA)).toHaveLength(1);
  expect(t.slack.responseUrlPosts.at(-1)?.body).toMatchObject({
    response_type: 'ephemeral',
    text: 'You already answered this day; your answers stand.',
  });
});

test('Skip today turns the prompt into "Skipped today · Answer anyway"; answering then settles it', async () => {
  await standupDue();
  t.clock.set('2026-11-20T14:30:05Z'); // 09:30 in New York: Ben's prompt
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  expect(dmPosts(BEN)).toHaveLength(1);

  expect((await skip(BEN)).status).toBe(200);
  await deliver();
  const [skipped] = dmEdits(BEN);
  expect(textOf(skipped)).toContain('Skipped today');
  expect(buttonsOf(skipped)).toEqual([{ action_id: 'standup_answer', text: 'Answer anyway' }]);
  // Said in place by the outbox, not through the click's response_url.
  expect(t.slack.responseUrlPosts).toEqual([]);

  // A second click on Skip (Slack retries, or a double click) queues nothing more.
  await skip(BEN);
  await deliver();
  expect(dmEdits(BEN)).toHaveLength(1);

  t.clock.set('2026-11-20T14:45:00Z'); // 09:45 in New York
  await answer(BEN, ['Docs', '', '']);
  await deliver();
  const answered = dmEdits(BEN)[1];
  expect(textOf(answered)).toContain('Answered at 09:45');
  expect(buttonsOf(answered)).toEqual([{ action_id: 'standup_answer', text: 'Edit' }]);
});

test('answered after the reminder: the prompt and the reminder both say so', async () => {
  await standupDue(); // Ana's prompt at 09:30 Berlin, her reminder at 11:30
  t.clock.set('2026-11-20T10:30:05Z');
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  const reminder = dmPosts(ANA)[1];
  expect(String(reminder?.args.text)).toMatch(/^Reminder/);

  t.clock.set('2026-11-20T10:40:00Z'); // 11:40 in Berlin
  await answer(ANA, ['Done', '', '']);
  await deliver();
  const edits = dmEdits(ANA);
  const sent = t.slack.conversations.get(`D${ANA}`) ?? [];
  expect(edits.map((c) => c.args.ts).sort()).toEqual(sent.map((m) => m.ts).sort());
  for (const edit of edits) {
    expect(textOf(edit)).toContain('Answered at 11:40');
    expect(textOf(edit)).not.toContain('Reminder');
    expect(buttonsOf(edit)).toEqual([{ action_id: 'standup_answer', text: 'Edit' }]);
  }
});

test('answered before any prompt: nothing to settle, and no prompt comes', async () => {
  await t.requests.command({
    command: '/rituals',
    text: 'standup mon-fri 09:30 local',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  await t.app.background.drain();
  await t.requests.command({ command: '/checkin', text: '', user_id: ANA, channel_id: CHANNEL });
  const modal = await openedModal<{ private_metadata: string }>(t.slack, 0);
  await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'standup_checkin',
    private_metadata: modal.private_metadata,
    values: { question_0: { answer: { type: 'plain_text_input', value: 'Early' } } },
  });
  const [row] = await t.database.db.query(
    'select status from checkins where user_id = $1',
    [ANA],
    z.object({ status: z.string() }),
  );
  expect(row?.status).toBe('answered');
  t.clock.set('2026-11-20T08:30:05Z');
  await t.app.jobs.tick();
  await deliver();
  expect(dmPosts(ANA)).toEqual([]);
  expect(dmEdits(ANA)).toEqual([]);
});
