import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CY = 'U0CY000003';
const PEOPLE = [ANA, BEN, CY];
const CHANNEL = 'C0TEAMROOM';
const REMINDER = '2026-11-21T07:00:05Z'; // two hours before the close

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  for (const id of PEOPLE) t.slack.addUser({ id, name: id.toLowerCase(), tz: 'America/New_York' });
  t.slack.channelMembers.set(CHANNEL, PEOPLE);
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = { type: string; elements?: { action_id?: string; value?: string }[] };
type Call = { args: Record<string, unknown> };

async function at(instant: string) {
  t.clock.set(instant);
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  for (let pass = 1; pass <= 3; pass += 1) {
    t.clock.set(new Date(Date.parse(instant) + pass * 1_100));
    await t.app.jobs.deliver();
  }
  await t.app.background.drain();
}

const dmPosts = (user: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
const dmEdits = (user: string) => t.slack.callsTo('chat.update').filter((c) => c.args.channel === `D${user}`);
const actionIds = (call: Call | undefined) =>
  ((call?.args.blocks as Block[] | undefined) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => e.action_id);

const answerRef = (user: string) =>
  (dmPosts(user)[0]?.args.blocks as Block[]).find((b) => b.type === 'actions')?.elements?.[0]?.value ?? '';

async function submit(user: string, score: string, comment: string) {
  const values: Record<string, Record<string, { type: string; value?: string | null }>> = {};
  for (let i = 0; i < 4; i += 1) {
    values[`pulse_statement_${i}`] = {
      value: {
        type: 'radio_buttons',
        selected_option: { text: { type: 'plain_text', text: score }, value: score },
      },
    } as never;
  }
  values.pulse_comment = { value: { type: 'plain_text_input', value: comment } };
  const res = await t.requests.viewSubmission({
    user_id: user,
    callback_id: 'pulse_survey',
    private_metadata: answerRef(user),
    values,
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('');
}

async function promptedPulse() {
  t.clock.set('2026-11-19T12:00:00Z');
  await t.requests.command({
    command: '/rituals',
    text: 'pulse weekly fri 10:00 Europe/Berlin',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  await t.app.background.drain();
  await at('2026-11-20T09:00:05Z');
}

test('an answer turns the pulse DM into "Answered · thank you", with no button and nothing of the answer', async () => {
  await promptedPulse();
  expect(actionIds(dmPosts(ANA)[0])).toEqual(['pulse_answer']);

  await submit(ANA, '2', 'marker-comment-alpha');
  await at('2026-11-20T09:10:00Z');

  const [edit] = dmEdits(ANA);
  expect(edit?.args.ts).toBe(t.slack.conversations.get(`D${ANA}`)?.[0]?.ts);
  const shown = JSON.stringify(edit?.args);
  expect(shown).toContain('Answered · thank you');
  expect(actionIds(edit)).toEqual([]);
  // Anonymity: no score, no comment, nothing but that she answered.
  expect(shown).not.toContain('marker-comment-alpha');
  expect(shown).not.toMatch(/score|agree|\b2\b/i);
  expect(dmEdits(BEN)).toEqual([]);

  // The round takes one answer: a second attempt changes nothing there.
  await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'pulse_survey',
    private_metadata: answerRef(ANA),
    values: {},
  });
  await at('2026-11-20T09:20:00Z');
  expect(dmEdits(ANA)).toHaveLength(1);
});

test('answered after the reminder: the prompt and the reminder both say so', async () => {
  await promptedPulse();
  await at(REMINDER);
  expect(dmPosts(BEN)).toHaveLength(2);

  await submit(BEN, '4', 'marker-comment-bravo');
  await at('2026-11-21T07:30:00Z');
  const edits = dmEdits(BEN);
  expect(edits.map((c) => c.args.ts).sort()).toEqual(
    (t.slack.conversations.get(`D${BEN}`) ?? []).map((m) => m.ts).sort(),
  );
  for (const edit of edits) {
    expect(JSON.stringify(edit.args)).toContain('Answered · thank you');
    expect(JSON.stringify(edit.args)).not.toContain('Reminder');
    expect(actionIds(edit)).toEqual([]);
  }
});
