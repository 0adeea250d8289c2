import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { mention, replyText } from '../helpers/kudos.js';
import { openedModal } from '../helpers/modals.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A Slack Connect channel between Northwind (TEAM_ID, which installed Rapport) and a partner
 * organisation: one record set, whichever installation a request names; nothing for a workspace
 * the channel is not shared with.
 */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
/** A partner's member: their home workspace is another organisation's. */
const EXT = 'U0EXT00009';
const PARTNER = 'T0PARTNER9';
const STRANGER = 'U0OUT00007';
const THIRD = 'T0THIRD007';
/**
 * The shared channel, new in each test: the app (and what it remembers of channels for a minute)
 * outlives each test's emptied database.
 */
let SHARED = '';
let channelCount = 0;
const PRIVATE = 'C0PRIVATE1';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  channelCount += 1;
  SHARED = `C0SHARED${String(channelCount).padStart(2, '0')}`;
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: EXT, name: 'ext', tz: 'Europe/Berlin', team_id: PARTNER });
  t.slack.addUser({ id: STRANGER, name: 'out', tz: 'Europe/Berlin', team_id: THIRD });
  t.slack.addChannel({ id: SHARED, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.addChannel({ id: PRIVATE, name: 'design', isPrivate: true });
  t.slack.channelMembers.set(SHARED, [ANA, BEN, EXT]);
  t.slack.channelMembers.set(PRIVATE, [ANA, BEN]);
  t.clock.set('2026-11-20T07:00:00Z'); // Friday, 08:00 in Berlin
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

const command = async (
  command: string,
  text: string,
  user_id = ANA,
  channel_id = SHARED,
  team_id?: string,
) => {
  const res = await t.requests.command({
    command,
    text,
    user_id,
    channel_id,
    ...(team_id ? { team_id } : {}),
  });
  expect(res.status).toBe(200);
  await t.app.background.drain();
  return replyText(res);
};

const recordSets = async (table: string) =>
  (
    await t.database.db.query(
      `select distinct team_id from ${table} order by team_id`,
      [],
      z.object({ team_id: z.string() }),
    )
  ).map((r) => r.team_id);

type Button = { action_id: string; value: string };
const buttonOf = (blocks: unknown, actionId: string) =>
  ((blocks ?? []) as { elements?: Button[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId);

/**
 * A partner's member submits a modal the installation's bot opened: Slack sends their own team,
 * and names the installation in `view.app_installed_team_id` (bolt-js #1614).
 */
function partnerSubmits(callbackId: string, privateMetadata: string, values: Record<string, unknown>) {
  return t.requests.viewSubmission({
    user_id: EXT,
    team_id: PARTNER,
    view: {
      id: 'V0PARTNER1',
      team_id: PARTNER,
      app_installed_team_id: TEAM_ID,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: '1700000000.abcdef',
      title: { type: 'plain_text', text: 'Form' },
      blocks: [],
    },
  });
}

describe('one record for a shared channel', () => {
  test("a partner's member answers the stand-up and writes a retro note on the channel's one record", async () => {
    await command('/rituals', 'standup mon-fri 09:30 local');
    t.clock.set('2026-11-20T08:30:05Z');
    await t.app.jobs.tick();
    await t.app.jobs.deliver();
    // Slack shares no zone for a partner's member: their prompt may come at another hour.
    t.clock.set('2026-11-20T09:30:05Z');
    await t.app.jobs.tick();
    await t.app.jobs.deliver();

    const prompt = t.slack.callsTo('chat.postMessage').find((c) => c.args.channel === EXT);
    const answer = buttonOf(prompt?.args.blocks, 'standup_answer');
    expect(answer).toBeDefined();
    // The click comes with the team of the installation whose bot posted the prompt.
    await t.requests.blockAction({ user_id: EXT, action_id: 'standup_answer', value: answer?.value ?? '' });
    const view = (await openedModal(t.slack, 0)) as { private_metadata: string };
    const submitted = await partnerSubmits('standup_checkin', view.private_metadata, {
      question_0: { answer: { type: 'plain_text_input', value: 'Load tests' } },
      question_1: { answer: { type: 'plain_text_input', value: 'The report' } },
      question_2: { answer: { type: 'plain_text_input', value: 'none' } },
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe('');
    await t.app.background.drain();
    const inChannel = t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === SHARED);
    expect(inChannel.map((c) => c.args.text)).toEqual([
      expect.stringMatching(/^:handshake: Members of their workspace/),
      'Stand-up · Friday, 20 November',
      `<@${EXT}> checked in`,
    ]);
    expect(await recordSets('checkins')).toEqual([SHARED]);
    expect(await recordSets('rituals')).toEqual([SHARED]);

    // A retro in the same channel: the partner's note joins it.
    t.clock.advance(5_000);
    await command('/retro', 'Sprint 9');
    t.clock.advance(2_000);
    await t.app.jobs.deliver();
    const retroMessage = (t.slack.conversations.get(SHARED) ?? []).find((m) =>
      JSON.stringify(m.blocks).includes('retro_add_note'),
    );
    const addNote = buttonOf(retroMessage?.blocks, 'retro_add_note');
    const opened = t.slack.callsTo('views.open').length;
    await t.requests.blockAction({
      user_id: EXT,
      action_id: 'retro_add_note',
      value: addNote?.value ?? '',
      channel_id: SHARED,
    });
    await t.slack.waitFor(() => t.slack.callsTo('views.open').length > opened);
    const call = t.slack.callsTo('views.open').at(-1);
    const noteForm = (t.slack.openedBy(String(call?.args.trigger_id))?.view ?? call?.args.view) as {
      private_metadata: string;
    };
    const noted = await partnerSubmits('retro_note_form', noteForm.private_metadata, {
      retro_category: { value: { type: 'static_select', selected_option: { value: 'went_well' } } },
      retro_note: { value: { type: 'plain_text_input', value: 'Pairing across both teams' } },
      retro_share: { value: { type: 'checkboxes', selected_options: [] } },
    });
    expect(noted.status).toBe(200);
    expect(await noted.text()).toBe('');
    const notes = await t.database.db.query(
      'select team_id, author_id, body from retro_notes',
      [],
      z.object({ team_id: z.string(), author_id: z.string(), body: z.string() }),
    );
    expect(notes).toEqual([{ team_id: SHARED, author_id: EXT, body: 'Pairing across both teams' }]);
  });

  test('kudos by command and by reaction, through either installation, are one set, each once', async () => {
    expect(await command('/kudos', `${mention(EXT)} for the load-test scripts`)).toBe('');
    // The partner's installation delivers a reaction in the same channel; Slack says it is shared.
    const reaction = reactionEvent({ channel: SHARED, user: EXT, item_user: ANA, ts: '1700000400.000001' });
    await t.requests.event(reaction, { team_id: PARTNER });
    await t.requests.event(reaction, { team_id: PARTNER });
    const rows = await t.database.db.query(
      'select team_id, giver_id, receiver_id from kudos order by id',
      [],
      z.object({ team_id: z.string(), giver_id: z.string(), receiver_id: z.string() }),
    );
    expect(rows).toEqual([
      { team_id: SHARED, giver_id: ANA, receiver_id: EXT },
      { team_id: SHARED, giver_id: EXT, receiver_id: ANA },
    ]);
  });

  test("each side's Home tab shows what the shared channel holds for them, and nothing of the other's own", async () => {
    t.slack.installedTeams.add(PARTNER);
    expect(await command('/kudos', `${mention(EXT)} for the load-test scripts`)).toBe('');
    expect(await command('/kudos', `${mention(EXT)} for the review`, ANA, PRIVATE)).toBe('');
    const homeOf = async (user: string, team: string) => {
      const before = t.slack.callsTo('views.publish').length;
      const opened = await t.requests.event(
        { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' },
        { team_id: team },
      );
      expect(opened.status).toBe(200);
      const call = await t.slack.waitFor(() => t.slack.callsTo('views.publish')[before]);
      return JSON.stringify(call.args.view);
    };
    // Through the partner's own installation: the shared channel's kudos, not Northwind's private one.
    const partnerHome = await homeOf(EXT, PARTNER);
    expect(partnerHome).toContain('You received *1* kudos');
    expect(partnerHome).toContain(SHARED);
    expect(partnerHome).not.toContain(PRIVATE);
    // Through Northwind's: both.
    expect(await homeOf(EXT, TEAM_ID)).toContain('You received *2* kudos');
  });

  test('a partner who turned kudos DMs off in their own Home gets none for kudos in the shared channel', async () => {
    t.slack.installedTeams.add(PARTNER);
    // Rapport knows the partner's member, as Slack describes them, in the shared channel's set.
    expect(await command('/kudos', `${mention(EXT)} for the first review`)).toBe('');
    await t.app.jobs.deliver();
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === EXT)).toHaveLength(1);

    const off = await t.requests.homeButton({
      user_id: EXT,
      action_id: 'home_kudos_dms',
      value: 'off',
      team_id: PARTNER,
    });
    expect(off.status).toBe(200);
    await t.app.background.drain();
    t.clock.advance(5_000);
    expect(await command('/kudos', `${mention(EXT)} for the second review`)).toBe('');
    t.clock.advance(5_000);
    await t.app.jobs.deliver();
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === EXT)).toHaveLength(1);
  });

  test('away days are the person’s: set in their workspace, the shared channel’s stand-up skips them too', async () => {
    await command('/rituals', 'standup mon-fri 09:30 local');
    // Ben says he is away, in a channel of his own workspace's.
    expect(await command('/checkin', 'away 2026-11-24', BEN, PRIVATE)).toContain('away until 2026-11-24');
    t.clock.set('2026-11-20T08:30:05Z');
    await t.app.jobs.tick();
    await t.app.jobs.deliver();
    const prompted = t.slack
      .callsTo('chat.postMessage')
      .filter((c) => String(c.args.text).startsWith('Stand-up for'))
      .map((c) => c.args.channel);
    expect(prompted).toContain(ANA);
    expect(prompted).not.toContain(BEN);
  });

  test("what a workspace recorded before its channel was shared joins the channel's record", async () => {
    const later = 'C0LATER001';
    t.slack.addChannel({ id: later, name: 'later' });
    t.slack.channelMembers.set(later, [ANA, BEN]);
    expect(await command('/kudos', `${mention(BEN)} for the kickoff`, ANA, later)).toBe('');
    expect(await recordSets('kudos')).toEqual([TEAM_ID]);

    // The channel is shared with the partner: Slack says so, and Rapport adopts what was there.
    t.slack.addChannel({ id: later, name: 'later', teams: [TEAM_ID, PARTNER] });
    t.slack.channelMembers.set(later, [ANA, BEN, EXT]);
    const shared = await t.requests.event({
      type: 'channel_shared',
      connected_team_id: PARTNER,
      channel: later,
    });
    expect(shared.status).toBe(200);
    expect(await command('/kudos', `${mention(EXT)} for joining`, ANA, later)).toBe('');
    expect(await recordSets('kudos')).toEqual([later]);
    const summary = await command('/kudos', 'mine', BEN, later);
    expect(summary).toContain('1');
  });
});

describe('where the partner has not installed Rapport', () => {
  test('the first ritual in the shared channel tells it, once, what the partner can do; /health sides says it too', async () => {
    await command('/rituals', 'standup mon-fri 09:30 local');
    t.clock.advance(2_000);
    await command('/rituals', 'pulse weekly fri 10:00 local');
    t.clock.advance(2_000);
    await t.app.jobs.deliver();
    const notices = t.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === SHARED && String(c.args.text).startsWith(':handshake:'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.args.text).toContain(`Members of their workspace (${PARTNER}) can already answer`);
    expect(notices[0]?.args.text).toContain('slash commands and shortcuts');

    const sides = await t.requests.command({
      command: '/health',
      text: 'sides',
      user_id: ANA,
      channel_id: SHARED,
    });
    expect(JSON.stringify(await sides.json())).toContain(':handshake: Members of their workspace');

    // Not in a channel that is not shared.
    await command('/rituals', 'standup mon-fri 09:30 local', ANA, PRIVATE);
    await t.app.jobs.deliver();
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === PRIVATE)).toEqual([]);
  });
});

describe('strict tenancy', () => {
  test("a third workspace's signed requests about the shared channel get nothing", async () => {
    // A workspace that installed Rapport, but that the channel is not shared with.
    t.slack.installedTeams.add(THIRD);
    await command('/rituals', 'standup mon-fri 09:30 local');
    const before = await t.database.db.query(
      'select count(*)::int as n from rituals',
      [],
      z.object({ n: z.number() }),
    );

    const refused = await command('/rituals', 'list', STRANGER, SHARED, THIRD);
    expect(refused).toBe("That isn't shared with your workspace, so I did nothing.");
    expect(await command('/kudos', `${mention(ANA)} hi`, STRANGER, SHARED, THIRD)).toBe(
      "That isn't shared with your workspace, so I did nothing.",
    );
    await t.requests.event(
      reactionEvent({ channel: SHARED, user: STRANGER, item_user: ANA, ts: '1700000500.000001' }),
      {
        team_id: THIRD,
      },
    );
    expect(await recordSets('kudos')).toEqual([]);

    // A click naming the channel's stand-up through the third workspace finds nothing.
    const [ritual] = await t.database.db.query(
      'select id::int as id from rituals',
      [],
      z.object({ id: z.number() }),
    );
    await t.requests.blockAction({
      user_id: STRANGER,
      team_id: THIRD,
      action_id: 'standup_answer',
      value: JSON.stringify({ r: ritual?.id, d: '2026-11-20' }),
    });
    const told = await t.slack.waitFor(() => t.slack.responseUrlPosts[0]);
    expect(JSON.stringify(told.body)).toContain('no longer exists');
    expect(t.slack.callsTo('views.open')).toEqual([]);
    const after = await t.database.db.query(
      'select count(*)::int as n from rituals',
      [],
      z.object({ n: z.number() }),
    );
    expect(after).toEqual(before);
  });

  test("the partner's workspace cannot reach a private channel's retro by its id", async () => {
    t.slack.installedTeams.add(PARTNER);
    await command('/retro', 'Private one', ANA, PRIVATE);
    const [retro] = await t.database.db.query(
      'select id::int as id, team_id from retros',
      [],
      z.object({ id: z.number(), team_id: z.string() }),
    );
    expect(retro?.team_id).toBe(TEAM_ID);
    // The partner's installation (its members are in the shared channel) asks for that retro by id.
    await command('/kudos', 'help'); // the shared channel is known to be shared with the partner
    await t.requests.blockAction({
      user_id: EXT,
      team_id: PARTNER,
      action_id: 'retro_add_note',
      value: String(retro?.id),
    });
    const told = await t.slack.waitFor(() => t.slack.responseUrlPosts[0]);
    expect(JSON.stringify(told.body)).not.toContain('Private one');
    expect(t.slack.callsTo('views.open')).toEqual([]);

    // The partner's export holds the shared channel's records, and nothing of Northwind's own.
    await command('/retro', 'Together', ANA, SHARED);
    const exported = async (teamId: string) => {
      const titles: unknown[] = [];
      for await (const r of exportRecords(t.database.db, { teamId, since: undefined })) {
        if (r.type === 'retro') titles.push(r.title);
      }
      return titles.sort();
    };
    expect(await exported(PARTNER)).toEqual(['Together']);
    expect(await exported(TEAM_ID)).toEqual(['Private one', 'Together']);
  });
});
