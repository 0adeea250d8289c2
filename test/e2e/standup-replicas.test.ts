import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { FakeSlack } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * Two replicas on one database, behind one Slack: the day's first two answers arrive at the same
 * moment, one at each replica. The day's header is said once (its key in the outbox), and both
 * answers land in its thread; no replica waits for another's post.
 */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CHANNEL = 'C0TEAMROOM';

let database: TestDatabase;
let slack: FakeSlack;
let one: TestApp;
let two: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start();
  one = await startTestApp({ database, slack });
  two = await startTestApp({ database, slack });
});
afterAll(async () => {
  await one.close();
  await two.close();
  await slack.stop();
  await database.close();
});

const answerValues = (answers: string[]) =>
  Object.fromEntries(
    answers.map((a, i) => [`question_${i}`, { answer: { type: 'plain_text_input', value: a } }]),
  );

test('two replicas answering the first answers of the day at once: one header, two answers in its thread', async () => {
  for (const id of [ANA, BEN]) slack.addUser({ id, name: id.slice(2, 5).toLowerCase(), tz: 'Europe/Berlin' });
  slack.channelMembers.set(CHANNEL, [ANA, BEN]);
  for (const app of [one, two]) app.clock.set('2026-11-20T07:00:00Z');
  await one.requests.command({
    command: '/rituals',
    text: 'standup mon-fri 09:30 local',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  await one.app.background.drain();
  for (const app of [one, two]) app.clock.set('2026-11-20T08:30:05Z');
  await one.app.jobs.tick();
  // Either replica may deliver the prompts: each is woken by the other's commit.
  const prompt = await slack.waitFor(() =>
    slack.callsTo('chat.postMessage').find((c) => c.args.channel === ANA),
  );
  const actions = (prompt?.args.blocks as { type: string; elements?: { value: string }[] }[]).find(
    (b) => b.type === 'actions',
  );
  const ref = actions?.elements?.[0]?.value ?? '';

  const submit = (app: TestApp, user: string, answers: string[]) =>
    app.requests.viewSubmission({
      user_id: user,
      callback_id: 'standup_checkin',
      private_metadata: ref,
      values: answerValues(answers),
    });
  const [first, second] = await Promise.all([
    submit(one, ANA, ['Shipped the export', 'Docs', 'none']),
    submit(two, BEN, ['Fixed the sync bug', 'Tests', 'none']),
  ]);
  expect([first.status, second.status]).toEqual([200, 200]);
  const postsIn = () => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
  await slack.waitFor(() => postsIn().length >= 3);
  await Promise.all([one.app.background.drain(), two.app.background.drain()]);
  await Promise.all([one.app.jobs.deliver(), two.app.jobs.deliver()]);

  const inChannel = postsIn();
  const headers = inChannel.filter((c) => c.args.thread_ts === undefined);
  expect(headers.map((c) => c.args.text)).toEqual(['Stand-up · Friday, 20 November']);
  const header = slack.conversations.get(CHANNEL)?.find((m) => m.thread_ts === undefined);
  const replies = inChannel.filter((c) => c.args.thread_ts !== undefined);
  expect(replies.map((c) => c.args.thread_ts)).toEqual([header?.ts, header?.ts]);
  expect(replies.map((c) => c.args.text).sort()).toEqual([`<@${ANA}> checked in`, `<@${BEN}> checked in`]);
});
