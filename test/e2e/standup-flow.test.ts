import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

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
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'Europe/Berlin' });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN]);
  t.clock.set('2026-11-20T07:00:00Z'); // Friday, 08:00 in Berlin
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Button = { action_id: string; value: string };
const buttonsOf = (call: { args: Record<string, unknown> }) =>
  ((call.args.blocks as { type: string; elements?: Button[] }[]).find((b) => b.type === 'actions')
    ?.elements ?? []) as Button[];

/** Configures a stand-up by slash command and lets the clock reach 09:30 in Berlin. */
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

const answerValues = (answers: string[]) =>
  Object.fromEntries(
    answers.map((a, i) => [`question_${i}`, { answer: { type: 'plain_text_input', value: a } }]),
  );

test('the prompt DM, the Answer button, the modal, and the answers in the day’s thread', async () => {
  await standupDue();

  const prompts = t.slack.callsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('U0'));
  expect(prompts.map((c) => c.args.channel).sort()).toEqual([ANA, BEN]);
  const prompt = prompts.find((c) => c.args.channel === ANA);
  expect(prompt?.args.text).toBe(`Stand-up for <#${CHANNEL}>, Friday, 20 November`);
  const [answer, skip] = prompt ? buttonsOf(prompt) : [];
  expect([answer?.action_id, skip?.action_id]).toEqual(['standup_answer', 'standup_skip']);

  // Ana clicks Answer: the modal opens with the three questions.
  const clicked = await t.requests.blockAction({
    user_id: ANA,
    action_id: 'standup_answer',
    value: answer?.value ?? '',
  });
  expect(clicked.status).toBe(200);
  const view = (await openedModal(t.slack, 0)) as {
    callback_id: string;
    private_metadata: string;
    blocks: { type: string; label?: { text: string } }[];
  };
  expect(view.callback_id).toBe('standup_checkin');
  expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.label?.text)).toEqual([
    'What did you get done since last time?',
    'What will you do next?',
    'Anything blocking you?',
  ]);

  // She submits: the modal closes, the day's header goes to the channel, her answers into its thread.
  const submitted = await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'standup_checkin',
    private_metadata: view.private_metadata,
    values: answerValues(['Shipped the export', 'Retro notes', 'Waiting on the API key from IT']),
  });
  expect(submitted.status).toBe(200);
  expect(await submitted.text()).toBe('');
  await t.app.background.drain();
  const channelPosts = t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
  expect(channelPosts.map((c) => c.args.text)).toEqual([
    'Stand-up · Friday, 20 November',
    `<@${ANA}> checked in · :warning: raised a blocker`,
  ]);
  const header = t.slack.conversations.get(CHANNEL)?.[0];
  expect(channelPosts[1]?.args.thread_ts).toBe(header?.ts);
  expect(JSON.stringify(channelPosts[1]?.args.blocks)).toContain('Waiting on the API key from IT');

  const [row] = await t.database.db.query(
    `select status, blocker, answers from checkins where user_id = $1`,
    [ANA],
    z.object({
      status: z.string(),
      blocker: z.boolean(),
      answers: z.array(z.object({ question: z.string(), answer: z.string() })),
    }),
  );
  expect(row).toMatchObject({ status: 'answered', blocker: true });
  expect(row?.answers[0]).toEqual({
    question: 'What did you get done since last time?',
    answer: 'Shipped the export',
  });

  // Ben answers too: same header, a second reply in its thread.
  await t.requests.viewSubmission({
    user_id: BEN,
    callback_id: 'standup_checkin',
    private_metadata: view.private_metadata,
    values: answerValues(['Docs', 'Tests', 'none']),
  });
  await t.app.background.drain();
  const benReply = t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL)[2];
  expect(benReply?.args).toMatchObject({ text: `<@${BEN}> checked in`, thread_ts: header?.ts });

  // Ana edits her answers: her reply is updated in place, not posted again.
  await t.requests.blockAction({ user_id: ANA, action_id: 'standup_answer', value: answer?.value ?? '' });
  const reopened = await openedModal(t.slack, 1);
  expect(JSON.stringify(reopened)).toContain('"initial_value":"Shipped the export"');
  await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'standup_checkin',
    private_metadata: view.private_metadata,
    values: answerValues(['Shipped the export and the docs', 'Retro notes', 'no']),
  });
  await t.app.background.drain();
  expect(t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL)).toHaveLength(3);
  const update = t.slack.callsTo('chat.update').find((c) => c.args.channel === CHANNEL);
  expect(update?.args).toMatchObject({ channel: CHANNEL, text: `<@${ANA}> checked in` });
});

test('the prompt goes out once, however often the jobs run', async () => {
  await standupDue();
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  t.clock.advance(60_000);
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  expect(t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === ANA)).toHaveLength(1);
});

test('Skip today records the day off, and the prompt says so in place', async () => {
  await standupDue();
  const prompt = t.slack.callsTo('chat.postMessage').find((c) => c.args.channel === BEN);
  const skip = prompt ? buttonsOf(prompt)[1] : undefined;
  const res = await t.requests.blockAction({
    user_id: BEN,
    action_id: 'standup_skip',
    value: skip?.value ?? '',
  });
  expect(res.status).toBe(200);
  await t.app.jobs.deliver();
  const replaced = t.slack.callsTo('chat.update').find((c) => c.args.channel === `D${BEN}`);
  expect(replaced?.args.text).toBe(`Stand-up for <#${CHANNEL}>, Friday, 20 November: skipped today`);
  const [row] = await t.database.db.query(
    `select status from checkins where user_id = $1`,
    [BEN],
    z.object({ status: z.string() }),
  );
  expect(row?.status).toBe('skipped');
});

test('an empty submission is refused on the form; a removed stand-up says so', async () => {
  await standupDue();
  const prompt = t.slack.callsTo('chat.postMessage').find((c) => c.args.channel === ANA);
  const value = prompt ? (buttonsOf(prompt)[0]?.value ?? '') : '';
  const metadata = value;
  const empty = await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'standup_checkin',
    private_metadata: metadata,
    values: answerValues(['', ' ', '']),
  });
  expect(await empty.json()).toEqual({
    response_action: 'errors',
    errors: { question_0: 'Answer at least one question, or skip today instead.' },
  });

  const id = JSON.parse(value).r as number;
  await t.requests.command({ command: '/rituals', text: `remove ${id}`, user_id: ANA, channel_id: CHANNEL });
  await t.requests.blockAction({ user_id: ANA, action_id: 'standup_answer', value });
  const told = await t.slack.waitFor(() => t.slack.responseUrlPosts[0]);
  expect(told.body).toMatchObject({
    response_type: 'ephemeral',
    text: 'This stand-up no longer exists; nothing was saved.',
  });
  expect(t.slack.callsTo('views.open')).toEqual([]);
});

describe('/checkin', () => {
  const checkin = async (text: string, user_id: string) =>
    t.requests.command({ command: '/checkin', text, user_id, channel_id: CHANNEL });
  const statuses = async () =>
    (
      await t.database.db.query(
        `select participant_id, status from ritual_occurrences order by participant_id`,
        [],
        z.object({ participant_id: z.string(), status: z.string() }),
      )
    ).map((o) => `${o.participant_id} ${o.status}`);

  test('answering early opens today’s modal; whoever answered gets no prompt, whoever is away neither', async () => {
    await t.requests.command({
      command: '/rituals',
      text: 'standup mon-fri 09:30 local',
      user_id: ANA,
      channel_id: CHANNEL,
    });
    await t.app.background.drain();

    const opened = await checkin('', ANA);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toBe('');
    const view = (await openedModal(t.slack, 0)) as {
      private_metadata: string;
    };
    expect(JSON.parse(view.private_metadata)).toMatchObject({ d: '2026-11-20' });
    await t.requests.viewSubmission({
      user_id: ANA,
      callback_id: 'standup_checkin',
      private_metadata: view.private_metadata,
      values: answerValues(['Early bird', '', '']),
    });

    const away = (await (await checkin('away 2026-11-23', BEN)).json()) as { text: string };
    expect(away.text).toContain('away until 2026-11-23');

    t.clock.set('2026-11-20T08:30:05Z');
    await t.app.jobs.tick();
    await t.app.jobs.deliver();
    expect(await statuses()).toEqual([`${ANA} answered`, `${BEN} away`]);
    expect(
      t.slack.callsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('U0')),
    ).toEqual([]);

    const back = (await (await checkin('back', BEN)).json()) as { text: string };
    expect(back.text).toContain('Welcome back');
    t.clock.set('2026-11-23T08:30:05Z');
    await t.app.jobs.tick();
    await t.app.jobs.deliver();
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === BEN)).toHaveLength(1);
  });

  test.each([
    ['away tomorrow', /needs the last day you are away, as YYYY-MM-DD/],
    ['away 2026-11-19', /has passed/],
    ['later', /I don't know `\/checkin later`/],
    ['', /not in any stand-up yet/],
  ])('%j gets a clear answer', async (text, message) => {
    const reply = (await (await checkin(text, ANA)).json()) as { response_type: string; text: string };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(message);
  });
});

test('one reminder before the close, only to those who have not answered, never after the close', async () => {
  await standupDue(); // prompts at 09:30 Berlin; the close is 12:30, the reminder at 11:30
  const prompt = t.slack.callsTo('chat.postMessage').find((c) => c.args.channel === ANA);
  await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'standup_checkin',
    private_metadata: prompt ? (buttonsOf(prompt)[0]?.value ?? '') : '',
    values: answerValues(['Done', '', '']),
  });
  await t.app.background.drain();
  const reminders = () =>
    t.slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).startsWith('Reminder'));

  t.clock.set('2026-11-20T10:29:00Z');
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  expect(reminders()).toEqual([]);

  t.clock.set('2026-11-20T10:30:05Z');
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  expect(reminders().map((c) => c.args.channel)).toEqual([BEN]);
  expect(reminders()[0]?.args.text).toContain(`closes <!date^${Date.parse('2026-11-20T11:30:00Z') / 1000}^`);
  expect(buttonsOf(reminders()[0] ?? { args: { blocks: [] } }).map((b) => b.action_id)).toEqual([
    'standup_answer',
    'standup_skip',
  ]);
});

test('after downtime past the close, no reminder is sent', async () => {
  await standupDue();
  t.clock.set('2026-11-20T12:00:00Z'); // 13:00 Berlin, after the 12:30 close
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  expect(
    t.slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).startsWith('Reminder')),
  ).toEqual([]);
});
