import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { kudosDmsWanted, setKudosDms } from '../../src/db/repos/person-settings.js';
import { exportRecords } from '../../src/export/records.js';
import { BOT_USER_ID, TEAM_ID } from '../helpers/fake-slack.js';
import { kudosRows, mention, postsTo, replyText } from '../helpers/kudos.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CAL = 'U0CAL00003';
/** A Slack Connect member: their home workspace is another organisation's. */
const EXT = 'U0EXT00009';
const PARTNER = 'T0PARTNER9';
const CHANNEL = 'C0SHARED01';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana' });
  t.slack.addUser({ id: BEN, name: 'ben' });
  t.slack.addUser({ id: CAL, name: 'cal' });
  t.slack.addUser({ id: EXT, name: 'ext', team_id: PARTNER });
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

const give = async (text: string, user_id = ANA) =>
  expect(await replyText(await t.requests.command({ text, user_id, channel_id: CHANNEL }))).toBe('');
const react = (fields: Omit<Parameters<typeof reactionEvent>[0], 'channel'>) =>
  t.requests.event(reactionEvent({ channel: CHANNEL, ...fields }));
/** Delivery passes a few seconds apart: the outbox sends one message a second into a conversation. */
async function deliverAll() {
  for (let i = 0; i < 3; i += 1) {
    await t.app.jobs.deliver();
    t.clock.advance(1_000);
  }
}
const dmText = (userId: string) => postsTo(t, userId).map((c) => JSON.stringify(c.args.blocks));

describe('recipients get a DM for each kudos', () => {
  test('who recognised them, why and where; sent once however often delivery runs', async () => {
    await give(`${mention(BEN)} ${mention(CAL)} for the launch review`);
    await deliverAll();
    for (const who of [BEN, CAL]) {
      const [dm] = postsTo(t, who);
      expect(postsTo(t, who)).toHaveLength(1);
      expect(dm?.args.text).toContain(`<@${ANA}> gave you kudos in <#${CHANNEL}>`);
      expect(JSON.stringify(dm?.args.blocks)).toContain('>for the launch review');
      expect(JSON.stringify(dm?.args.blocks)).toContain('Home tab');
    }
    expect(postsTo(t, ANA)).toEqual([]);
  });

  test('a replayed command is told once', async () => {
    const body = t.requests.commandBody({
      text: `${mention(BEN)} thanks!`,
      user_id: ANA,
      channel_id: CHANNEL,
    });
    await t.requests.post(body, 'application/x-www-form-urlencoded');
    await t.requests.post(body, 'application/x-www-form-urlencoded');
    await deliverAll();
    expect(postsTo(t, BEN)).toHaveLength(1);
  });

  test('a reaction kudos sends none: Slack already shows people who reacted', async () => {
    await react({ user: ANA, item_user: BEN, ts: '1700000400.000001' });
    await deliverAll();
    expect(await kudosRows(t)).toHaveLength(1);
    expect(postsTo(t, BEN)).toEqual([]);
  });

  test('a ditto, however often its reaction comes and goes, is told once', async () => {
    await give(`${mention(BEN)} for the fix`);
    await t.app.background.drain();
    const ts = String(t.slack.conversations.get(CHANNEL)?.at(-1)?.ts);
    for (const type of ['reaction_added', 'reaction_removed', 'reaction_added'] as const) {
      await react({ type, user: CAL, item_user: BOT_USER_ID, ts });
    }
    await deliverAll();
    expect(postsTo(t, BEN)).toHaveLength(2);
  });

  test('a ditto tells each person who seconded whose kudos', async () => {
    await give(`${mention(BEN)} for the fix`);
    await t.app.background.drain();
    const ts = String(t.slack.conversations.get(CHANNEL)?.at(-1)?.ts);
    await react({ user: CAL, item_user: BOT_USER_ID, ts });
    await deliverAll();
    expect(dmText(BEN)).toEqual([
      expect.stringContaining(`<@${ANA}> gave you kudos`),
      expect.stringContaining(`<@${CAL}> seconded <@${ANA}>'s kudos to you in <#${CHANNEL}>`),
    ]);
  });

  test('not for someone who turned kudos DMs off, and again once they turn them on', async () => {
    await setKudosDms(t.database.db, TEAM_ID, BEN, false);
    expect(await kudosDmsWanted(t.database.db, TEAM_ID, [BEN, CAL])).toEqual(new Set([CAL]));
    await give(`${mention(BEN)} ${mention(CAL)} for the docs`);
    await react({ user: CAL, item_user: BEN, ts: '1700000400.000002' });
    await deliverAll();
    expect(postsTo(t, BEN)).toEqual([]);
    expect(postsTo(t, CAL)).toHaveLength(1);

    await setKudosDms(t.database.db, TEAM_ID, BEN, true);
    await give(`${mention(BEN)} for the demo`);
    await deliverAll();
    expect(dmText(BEN)).toEqual([expect.stringContaining('for the demo')]);
  });

  test('a setting is one workspace’s: the same person elsewhere still gets DMs', async () => {
    await setKudosDms(t.database.db, 'T0OTHERORG', BEN, false);
    expect(await kudosDmsWanted(t.database.db, TEAM_ID, [BEN])).toEqual(new Set([BEN]));
    await give(`${mention(BEN)} for the review`);
    await deliverAll();
    expect(postsTo(t, BEN)).toHaveLength(1);
  });
});

describe('kudos record the workspace of giver and receiver (Slack Connect)', () => {
  test('by command, form, reaction and ditto, and in the export', async () => {
    await give(`${mention(EXT)} ${mention(BEN)} for the joint launch`);
    await react({ user: EXT, item_user: ANA, ts: '1700000400.000003' });
    await t.app.background.drain();
    const announcementTs = String(t.slack.conversations.get(CHANNEL)?.at(-1)?.ts);
    await react({ user: EXT, item_user: BOT_USER_ID, ts: announcementTs });
    // The shortcut is only in workspaces that installed Rapport: the partner has installed it too.
    t.slack.installedTeams.add(PARTNER);
    await t.requests.messageShortcut({
      user_id: EXT,
      callback_id: 'give_kudos',
      channel_id: CHANNEL,
      message: { ts: '1700000400.000004', user: ANA, text: 'the plan' },
    });
    const modal = (await openedModal(t.slack, 0)) as {
      private_metadata: string;
    };
    await t.requests.viewSubmission({
      user_id: EXT,
      callback_id: 'give_kudos_form',
      private_metadata: modal.private_metadata,
      values: {
        kudos_recipients: { value: { type: 'multi_users_select', selected_users: [ANA] } },
        kudos_reason: { value: { type: 'plain_text_input', value: 'for the plan' } },
      },
    });
    const sides = (await kudosRows(t)).map((k) => [k.source, k.giver_team_id, k.receiver_team_id]);
    expect(sides).toEqual([
      ['command', TEAM_ID, PARTNER],
      ['command', TEAM_ID, TEAM_ID],
      ['reaction', PARTNER, TEAM_ID],
      ['ditto', PARTNER, TEAM_ID],
      ['shortcut', PARTNER, TEAM_ID],
    ]);

    const lines = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined })) lines.push(r);
    expect(lines.filter((l) => l.type === 'kudos')[0]).toEqual({
      type: 'kudos',
      team_id: TEAM_ID,
      giver_id: ANA,
      giver_team_id: TEAM_ID,
      receiver_id: EXT,
      receiver_team_id: PARTNER,
      channel_id: CHANNEL,
      message_ts: null,
      reason: 'for the joint launch',
      source: 'command',
      emoji: null,
      created_at: expect.any(String),
    });
  });
});
