import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A project playbook's debrief prompt, once a debrief is posted in its channel, says who posted it
 * in place of its Write the debrief button: one edit, however often a debrief is submitted.
 */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CHANNEL = 'C0PROJECT1';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'Europe/Berlin' });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN]);
  t.clock.set('2026-12-10T12:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

type Modal = { callback_id: string; private_metadata: string; blocks: unknown[] };
type Button = { action_id: string; value: string };
type Call = { args: Record<string, unknown> };
const buttonsOf = (call: Call | undefined) =>
  ((call?.args.blocks as { type: string; elements?: Button[] }[] | undefined) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
const textOf = (call: Call | undefined) => JSON.stringify(call?.args.blocks ?? null);
const edits = () => t.slack.callsTo('chat.update').filter((c) => c.args.channel === CHANNEL);

async function deliver() {
  await t.app.background.drain();
  await t.app.jobs.deliver();
}

/** The project playbook for Apollo, ending 31 March 2027; its prompt on that day at 14:00 Berlin. */
async function promptPosted() {
  const n = t.slack.callsTo('views.open').length;
  const res = await t.requests.command({
    command: '/rituals',
    text: 'playbook project 2027-03-31 Apollo',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  expect(res.status).toBe(200);
  const form = await openedModal<Modal>(t.slack, n);
  await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'playbook_confirm',
    private_metadata: form.private_metadata,
    values: {},
  });
  await deliver();
  t.clock.set('2027-03-31T12:00:30Z');
  await t.app.jobs.deliver();
  const prompt = t.slack
    .callsTo('chat.postMessage')
    .find((c) => c.args.text === 'The project ends today: time for its debrief');
  expect(buttonsOf(prompt).map((b) => b.action_id)).toEqual(['playbook_debrief']);
  const ts = (t.slack.conversations.get(CHANNEL) ?? []).find((m) => m.text === prompt?.args.text)?.ts;
  expect(typeof ts).toBe('string');
  return { prompt, ts: String(ts) };
}

/** Write the debrief, clicked on the prompt: the form it opens. */
async function debriefForm(user: string, ts: string) {
  const n = t.slack.callsTo('views.open').length;
  await t.requests.blockActions({
    user_id: user,
    action: {
      type: 'button',
      action_id: 'playbook_debrief',
      block_id: 'playbook_debrief',
      value: 'Apollo',
      text: { type: 'plain_text', text: 'Write the debrief' },
    },
    where: {
      type: 'message',
      channel_id: CHANNEL,
      channel_name: 'project',
      message: { type: 'message', ts, text: 'debrief' },
    },
  });
  return openedModal<Modal>(t.slack, n);
}

const submit = (user: string, form: Modal, lessons: string) =>
  t.requests.viewSubmission({
    user_id: user,
    callback_id: 'retro_debrief_form',
    private_metadata: form.private_metadata,
    values: {
      retro_project: { value: { type: 'plain_text_input', value: 'Apollo' } },
      retro_lessons: { value: { type: 'plain_text_input', value: lessons } },
      retro_assets: { value: { type: 'plain_text_input', value: null } },
    },
  });

const debriefCount = async () => {
  const [row] = await t.database.db.query(
    'select count(*)::int as n from debriefs',
    [],
    z.object({ n: z.number() }),
  );
  return row?.n ?? 0;
};

test('a debrief posted from the prompt turns it into "Debrief posted by …", with no button, once', async () => {
  const { ts } = await promptPosted();
  t.clock.set('2027-03-31T14:05:00Z');
  const form = await debriefForm(BEN, ts);
  expect((await submit(BEN, form, 'Ship smaller slices')).status).toBe(200);
  await deliver();
  expect(await debriefCount()).toBe(1);

  const [edit, ...more] = edits();
  expect(more).toEqual([]);
  expect(edit?.args.ts).toBe(ts);
  expect(textOf(edit)).toContain(`:white_check_mark: Debrief posted by <@${BEN}>`);
  expect(textOf(edit)).toContain('/retro archive');
  expect(textOf(edit)).toContain('*Apollo*');
  expect(buttonsOf(edit)).toEqual([]);
  expect(textOf(edit)).not.toContain('playbook_debrief');

  // The same form sent again (Slack retries) saves nothing and edits nothing.
  await submit(BEN, form, 'Ship smaller slices');
  t.clock.advance(5_000);
  await deliver();
  expect(await debriefCount()).toBe(1);
  expect(edits()).toHaveLength(1);

  // Another debrief, by command this time: posted, and the prompt, settled already, stays as it is.
  const n = t.slack.callsTo('views.open').length;
  await t.requests.command({ command: '/retro', text: 'debrief Apollo', user_id: ANA, channel_id: CHANNEL });
  const again = await openedModal<Modal>(t.slack, n);
  await submit(ANA, again, 'Agree the scope in writing');
  t.clock.advance(5_000);
  await deliver();
  expect(await debriefCount()).toBe(2);
  expect(edits()).toHaveLength(1);
});

test('a debrief by command after the prompt settles it too', async () => {
  const { ts } = await promptPosted();
  const n = t.slack.callsTo('views.open').length;
  await t.requests.command({ command: '/retro', text: 'debrief Apollo', user_id: ANA, channel_id: CHANNEL });
  const form = await openedModal<Modal>(t.slack, n);
  await submit(ANA, form, 'Agree the scope in writing');
  await deliver();
  const [edit] = edits();
  expect(edit?.args.ts).toBe(ts);
  expect(textOf(edit)).toContain(`Debrief posted by <@${ANA}>`);
  expect(buttonsOf(edit)).toEqual([]);
});
