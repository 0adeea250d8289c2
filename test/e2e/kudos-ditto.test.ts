import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { BOT_USER_ID } from '../helpers/fake-slack.js';
import { ephemeralsTo, kudosRows, mention, replyText, standing } from '../helpers/kudos.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CAL = 'U0CAL00003';
const DEV = 'U0DEV00004';
const ADMIN = 'U0ADMIN005';
const CHANNEL = 'C0LAUNCH';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  for (const id of [ANA, BEN, CAL, DEV]) t.slack.addUser({ id, name: id.slice(3, 6).toLowerCase() });
  t.slack.addUser({ id: ADMIN, name: 'admin', is_admin: true });
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

/** ANA thanks BEN and CAL by command; the ts of the bot's announcement in the channel. */
async function announced(text = `${mention(BEN)} ${mention(CAL)} for running the launch review`) {
  expect(await replyText(await t.requests.command({ text, user_id: ANA, channel_id: CHANNEL }))).toBe('');
  await t.app.background.drain();
  const ts = t.slack.conversations.get(CHANNEL)?.at(-1)?.ts;
  if (typeof ts !== 'string') throw new Error('no announcement was posted');
  return ts;
}

const ditto = (user: string, ts: string, fields: Partial<Parameters<typeof reactionEvent>[0]> = {}) =>
  t.requests.event(reactionEvent({ user, item_user: BOT_USER_ID, channel: CHANNEL, ts, ...fields }));

describe('a kudos emoji on the bot’s announcement is a ditto', () => {
  test('the reactor’s kudos to the same people, for the same reason, never to the bot', async () => {
    const ts = await announced();
    const res = await ditto(DEV, ts);
    expect(res.status).toBe(200);
    const rows = await kudosRows(t);
    expect(rows.filter((k) => k.source === 'ditto')).toEqual([
      expect.objectContaining({
        giver_id: DEV,
        receiver_id: BEN,
        channel_id: CHANNEL,
        reason: 'for running the launch review',
        message_ts: null,
        announcement_id: rows[0]?.announcement_id,
      }),
      expect.objectContaining({ giver_id: DEV, receiver_id: CAL, reason: 'for running the launch review' }),
    ]);
    expect(rows.some((k) => k.receiver_id === BOT_USER_ID)).toBe(false);
  });

  test('once per person: a second emoji, or the reaction taken off and added again, adds nothing', async () => {
    const ts = await announced();
    await ditto(DEV, ts);
    await ditto(DEV, ts, { reaction: 'raised_hands' });
    await ditto(DEV, ts, { type: 'reaction_removed' });
    await ditto(DEV, ts);
    expect(await standing(t)).toEqual([
      `${ANA}→${BEN} command`,
      `${ANA}→${CAL} command`,
      `${DEV}→${BEN} ditto`,
      `${DEV}→${CAL} ditto`,
    ]);
  });

  test('a recipient’s ditto goes to the others only; the giver’s own adds nothing', async () => {
    const ts = await announced();
    await ditto(BEN, ts);
    await ditto(ANA, ts);
    expect((await standing(t)).filter((k) => k.endsWith('ditto'))).toEqual([`${BEN}→${CAL} ditto`]);
  });

  test('the only recipient reacting to their own kudos gets nothing', async () => {
    const ts = await announced(`${mention(BEN)} for the fix`);
    await ditto(BEN, ts);
    expect(await standing(t)).toEqual([`${ANA}→${BEN} command`]);
  });

  test('a retried or duplicated delivery records once', async () => {
    const ts = await announced();
    const event = reactionEvent({ user: DEV, item_user: BOT_USER_ID, channel: CHANNEL, ts });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => t.requests.event(event, { event_id: `Ev0DITTO${i}`, retryNum: i })),
    );
    expect((await standing(t)).filter((k) => k.endsWith('ditto'))).toHaveLength(2);
  });

  test('other emoji, and the bot’s other messages, give nothing', async () => {
    const ts = await announced();
    await ditto(DEV, ts, { reaction: 'eyes' });
    await ditto(DEV, '1700000999.000001');
    expect(await standing(t)).toHaveLength(2);
  });

  test('the announcement of a "Give kudos" form can be seconded too', async () => {
    await t.requests.messageShortcut({
      user_id: ANA,
      callback_id: 'give_kudos',
      channel_id: CHANNEL,
      message: { ts: '1700000500.000500', user: BEN, text: 'shipped' },
    });
    const modal = (await openedModal(t.slack, 0)) as {
      private_metadata: string;
    };
    await t.requests.viewSubmission({
      user_id: ANA,
      callback_id: 'give_kudos_form',
      private_metadata: modal.private_metadata,
      values: {
        kudos_recipients: { value: { type: 'multi_users_select', selected_users: [BEN] } },
        kudos_reason: { value: { type: 'plain_text_input', value: 'for shipping' } },
      },
    });
    await t.app.background.drain();
    const ts = String(t.slack.conversations.get(CHANNEL)?.at(-1)?.ts);
    await ditto(CAL, ts);
    expect(await standing(t)).toEqual([`${ANA}→${BEN} shortcut`, `${CAL}→${BEN} ditto`]);
  });

  test('an announcement through the command’s response (bot not in the channel) offers no ditto', async () => {
    t.slack.channelsWithoutBot.add(CHANNEL);
    await t.requests.command({ text: `${mention(BEN)} for the fix`, user_id: ANA, channel_id: CHANNEL });
    const posted = await t.slack.waitFor(() => t.slack.responseUrlPosts[0]);
    expect(posted.body.response_type).toBe('in_channel');
    expect(JSON.stringify(posted.body)).not.toContain('here to add your kudos');
  });
});

describe('a ditto over the daily budget', () => {
  test('records nothing and the reactor hears why in that channel', async () => {
    const ts = await announced();
    expect(await replyText(await t.requests.command({ text: 'budget 1', user_id: ADMIN }))).toMatch(
      /up to 1/,
    );
    // Seconding two people would take DEV to 2.
    await ditto(DEV, ts);
    expect(await standing(t)).toHaveLength(2);
    await t.app.background.drain();
    const [told] = ephemeralsTo(t, DEV);
    expect(told?.args.channel).toBe(CHANNEL);
    expect(String(told?.args.text)).toMatch(/That would be 2 kudos, and you have 1 of today's 1 left/);
  });
});
