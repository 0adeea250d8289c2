import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { ephemeralsTo, kudosRows, postsTo, replyText, standing } from '../helpers/kudos.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CAL = 'U0CAL00003';
const ROBOT = 'U0ROBOT004';
const GONE = 'U0GONE0005';
const ADMIN = 'U0ADMIN006';
const CHANNEL = 'C0TEAMROOM';
const MESSAGE = {
  ts: '1700000300.000300',
  text: 'Fixed the flaky deploy, see <https://ci.example|the run>',
  user: BEN,
};
const PERMALINK = `https://rapport-test.slack.com/archives/${CHANNEL}/p${MESSAGE.ts.replace('.', '')}`;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana' });
  t.slack.addUser({ id: BEN, name: 'ben' });
  t.slack.addUser({ id: CAL, name: 'cal' });
  t.slack.addUser({ id: ROBOT, name: 'robot', is_bot: true });
  t.slack.addUser({ id: GONE, name: 'gone', deleted: true });
  t.slack.addUser({ id: ADMIN, name: 'admin', is_admin: true });
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Modal = {
  callback_id: string;
  private_metadata: string;
  blocks: { type: string; block_id?: string; element?: Record<string, unknown>; elements?: unknown[] }[];
};

/** "Give kudos" on a message; the form Slack was asked to open. */
async function openForm(
  user_id = ANA,
  message: { ts: string; text?: string; user?: string | null; bot_id?: string } = MESSAGE,
) {
  const before = t.slack.callsTo('views.open').length;
  const res = await t.requests.messageShortcut({
    user_id,
    callback_id: 'give_kudos',
    channel_id: CHANNEL,
    message,
  });
  expect(res.status).toBe(200);
  return (await openedModal(t.slack, before)) as Modal;
}

const submit = (modal: Modal, form: { recipients: string[]; reason: string | null }, user_id = ANA) =>
  t.requests.viewSubmission({
    user_id,
    callback_id: modal.callback_id,
    private_metadata: modal.private_metadata,
    values: {
      kudos_recipients: { value: { type: 'multi_users_select', selected_users: form.recipients } },
      kudos_reason: { value: { type: 'plain_text_input', value: form.reason } },
    },
  });

const fieldErrors = async (res: Response) =>
  (JSON.parse(await res.text()) as { response_action: string; errors: Record<string, string> }).errors;

describe('"Give kudos" on a message', () => {
  test('opens a small form with the message’s author picked', async () => {
    const modal = await openForm();
    expect(modal.callback_id).toBe('give_kudos_form');
    const recipients = modal.blocks.find((b) => b.block_id === 'kudos_recipients');
    expect(recipients?.element).toMatchObject({ type: 'multi_users_select', initial_users: [BEN] });
    expect(modal.blocks.find((b) => b.block_id === 'kudos_reason')?.element).toMatchObject({
      type: 'plain_text_input',
      max_length: 500,
    });
    // The message is quoted as text: its markup is shown, never followed.
    expect(JSON.stringify(modal.blocks[0])).toContain('&lt;https://ci.example|the run&gt;');
  });

  test('on your own message, or a bot’s post without an author, nobody is picked', async () => {
    const own = await openForm(BEN);
    expect(own.blocks.find((b) => b.block_id === 'kudos_recipients')?.element).not.toHaveProperty(
      'initial_users',
    );
    const botPost = await openForm(ANA, {
      ts: '1700000300.000301',
      text: 'Deployed',
      user: null,
      bot_id: 'B0DEPLOY',
    });
    expect(botPost.blocks.find((b) => b.block_id === 'kudos_recipients')?.element).not.toHaveProperty(
      'initial_users',
    );
  });

  test('saving records one kudos each, linked to the message, and announces it with a link', async () => {
    const modal = await openForm();
    const res = await submit(modal, { recipients: [BEN, CAL], reason: 'for taming the deploy' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(await kudosRows(t)).toEqual([
      expect.objectContaining({
        giver_id: ANA,
        receiver_id: BEN,
        channel_id: CHANNEL,
        source: 'shortcut',
        reason: 'for taming the deploy',
        message_ts: MESSAGE.ts,
        emoji: null,
      }),
      expect.objectContaining({
        giver_id: ANA,
        receiver_id: CAL,
        source: 'shortcut',
        message_ts: MESSAGE.ts,
      }),
    ]);
    await t.app.background.drain();
    const [post] = postsTo(t, CHANNEL);
    expect(post?.args.text).toContain(
      `<@${ANA}> gave kudos to <@${BEN}> and <@${CAL}>: for taming the deploy`,
    );
    expect(JSON.stringify(post?.args.blocks)).toContain(`<${PERMALINK}|this message>`);
  });

  test('a submission Slack delivers twice records once and announces once', async () => {
    const modal = await openForm();
    const form = { recipients: [BEN], reason: 'for the review' };
    const answers = await Promise.all([submit(modal, form), submit(modal, form), submit(modal, form)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await standing(t)).toEqual([`${ANA}→${BEN} shortcut`]);
    await t.app.background.drain();
    expect(postsTo(t, CHANNEL)).toHaveLength(1);
    await t.app.jobs.deliver();
    expect(postsTo(t, BEN)).toHaveLength(1);
  });

  test('a second form on the same message is a second kudos', async () => {
    await submit(await openForm(), { recipients: [BEN], reason: 'for the fix' });
    await submit(await openForm(CAL), { recipients: [BEN], reason: 'for the fix, from me too' }, CAL);
    expect(await standing(t)).toEqual([`${ANA}→${BEN} shortcut`, `${CAL}→${BEN} shortcut`]);
  });

  test('@channel typed into the reason stays words and pings nobody', async () => {
    await submit(await openForm(), {
      recipients: [BEN],
      reason: 'thanks <!channel> & <!here> <@U0CAL00003>',
    });
    const [row] = await kudosRows(t);
    expect(row?.reason).toBe('thanks &lt;!channel&gt; &amp; &lt;!here&gt; &lt;@U0CAL00003&gt;');
    await t.app.background.drain();
    const sent = JSON.stringify(postsTo(t, CHANNEL)[0]?.args);
    expect(sent).not.toContain('<!channel>');
    expect(sent).not.toContain('<!here>');
    expect(sent).not.toContain('<@U0CAL00003>');
  });

  test('where the bot cannot post, the kudos are kept and the giver is told privately', async () => {
    t.slack.channelsWithoutBot.add(CHANNEL);
    await submit(await openForm(), { recipients: [BEN], reason: 'for the pairing' });
    expect(await standing(t)).toEqual([`${ANA}→${BEN} shortcut`]);
    await t.app.background.drain();
    expect(String(ephemeralsTo(t, ANA)[0]?.args.text)).toMatch(/recorded, but I couldn't post them/);
  });
});

describe('the form refuses on its fields and saves nothing', () => {
  const cases: [string, string[], string | null, Record<string, RegExp>][] = [
    ['yourself', [BEN, ANA], 'thanks', { kudos_recipients: /take yourself out/ }],
    ['a bot', [ROBOT], 'thanks', { kudos_recipients: /take out the bot/ }],
    ['a deactivated account', [GONE], 'thanks', { kudos_recipients: /deactivated/ }],
    ['someone Slack does not know', ['U0NOBODY99'], 'thanks', { kudos_recipients: /can’t find/ }],
    ['nobody', [], 'thanks', { kudos_recipients: /at least one person/ }],
    ['no reason', [BEN], '   ', { kudos_reason: /what the kudos are for/ }],
    ['a reason over 500 characters', [BEN], 'x'.repeat(501), { kudos_reason: /501 characters/ }],
  ];

  test.each(cases)('%s', async (_name, recipients, reason, expected) => {
    const res = await submit(await openForm(), { recipients, reason });
    expect(res.status).toBe(200);
    const errors = await fieldErrors(res);
    expect(Object.keys(errors)).toEqual(Object.keys(expected));
    for (const [block, message] of Object.entries(expected)) expect(errors[block]).toMatch(message);
    expect(await kudosRows(t)).toEqual([]);
    await t.app.background.drain();
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  test('a form whose metadata is not ours is refused', async () => {
    const modal = await openForm();
    const res = await submit(
      { ...modal, private_metadata: '{"c":"C1"}' },
      { recipients: [BEN], reason: 'x' },
    );
    expect(Object.values(await fieldErrors(res))[0]).toMatch(/out of date/);
    expect(await kudosRows(t)).toEqual([]);
  });
});

describe('over the daily budget', () => {
  test('the form closes, the giver hears why in the channel, nothing is recorded', async () => {
    expect(await replyText(await t.requests.command({ text: 'budget 1', user_id: ADMIN }))).toMatch(
      /up to 1/,
    );
    await submit(await openForm(), { recipients: [BEN], reason: 'for the fix' });
    const res = await submit(await openForm(), { recipients: [CAL], reason: 'for the docs' });
    expect(await res.text()).toBe('');
    expect(await standing(t)).toEqual([`${ANA}→${BEN} shortcut`]);
    await t.app.background.drain();
    const [told] = ephemeralsTo(t, ANA);
    expect(told?.args.channel).toBe(CHANNEL);
    expect(String(told?.args.text)).toMatch(/all 1 of today's kudos.*nothing was recorded/);
    expect(postsTo(t, CHANNEL)).toHaveLength(1);
  });
});
