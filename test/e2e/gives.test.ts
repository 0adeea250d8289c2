import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords, type ExportRecord } from '../../src/export/records.js';
import {
  addPeople,
  ANA,
  BEN,
  CHANNEL,
  clickInDm,
  deliver,
  GIVER,
  GONE,
  json,
  mention,
  messagesIn,
  outbox,
  type Reply,
  ROBOT,
} from '../helpers/credits.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const GUS = 'W0GUS00007';
const GLOBEX = 'T0GLOBEX01';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  addPeople(t);
  t.slack.addUser({ id: GUS, name: 'gus', tz: 'America/New_York', team_id: GLOBEX });
  t.clock.set('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

/** `/gave …` typed by `user`; the ephemeral reply Slack shows them. */
async function gave(text: string, options: { user?: string; trigger?: string } = {}): Promise<Reply> {
  const res = await t.requests.command({
    command: '/gave',
    text,
    user_id: options.user ?? GIVER,
    channel_id: CHANNEL,
    ...(options.trigger ? { trigger_id: options.trigger } : {}),
  });
  expect(res.status).toBe(200);
  return JSON.parse(await res.text()) as Reply;
}

const replyText = (r: Reply) => [r.text, ...r.blocks.map((b) => json(b))].join('\n');

const receivers = () =>
  t.database.db.query(
    `select r.id, r.receiver_id, r.receiver_team_id, r.status, g.giver_id, g.giver_team_id, g.kind, g.what,
            g.value_text, g.time_amount, g.time_unit, g.money_amount, g.money_currency, g.risk_reduced
     from give_receivers r join gives g on g.team_id = r.team_id and g.id = r.give_id order by r.id`,
    [],
    z.object({
      id: z.coerce.number(),
      receiver_id: z.string(),
      receiver_team_id: z.string().nullable(),
      status: z.string(),
      giver_id: z.string(),
      giver_team_id: z.string().nullable(),
      kind: z.string(),
      what: z.string(),
      value_text: z.string().nullable(),
      time_amount: z.coerce.number().nullable(),
      time_unit: z.string().nullable(),
      money_amount: z.coerce.number().nullable(),
      money_currency: z.string().nullable(),
      risk_reduced: z.string().nullable(),
    }),
  );
const rowOf = async (user: string) => {
  const row = (await receivers()).find((r) => r.receiver_id === user);
  if (!row) throw new Error(`no give to ${user}`);
  return row;
};
const dmOf = (user: string) => {
  const all = messagesIn(t, `D${user}`);
  expect(all).toHaveLength(1);
  return json(all[0]?.blocks);
};
const privateReplies = () => t.slack.responseUrlPosts.map((p) => String(p.body.text));

describe('/gave logs a give', () => {
  test('the give, its typed value and one DM to the receiver asking them to confirm it', async () => {
    const reply = await gave(`${mention(ANA, 'ana')} an intro to Acme's data team — saved 2 weeks`);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain(
      `Logged: *an intro to Acme's data team* (:handshake: introduction) for <@${ANA}>, worth 2 weeks saved.`,
    );
    expect(reply.text).toContain('They get a DM to confirm what it was worth');
    expect(await receivers()).toEqual([
      expect.objectContaining({
        receiver_id: ANA,
        status: 'asked',
        giver_id: GIVER,
        kind: 'introduction',
        value_text: 'saved 2 weeks',
        time_amount: 2,
        time_unit: 'weeks',
        money_amount: null,
      }),
    ]);
    await deliver(t);
    const dm = dmOf(ANA);
    expect(dm).toContain(`<@${GIVER}> logged a give to you in <#${CHANNEL}>`);
    expect(dm).toContain('2 weeks saved');
    expect(dm).toContain('give_confirm');
    expect(dm).toContain('give_not_helpful');
    // Nothing is posted in the channel: the ledger is read with /gave channel.
    expect(messagesIn(t, CHANNEL)).toEqual([]);
  });

  test('a command Slack delivers twice is logged once, with one DM', async () => {
    await gave(`${mention(ANA, 'ana')} the load-test scripts · 3 days · $4,000`, { trigger: 'trig-gave-1' });
    const again = await gave(`${mention(ANA, 'ana')} the load-test scripts · 3 days · $4,000`, {
      trigger: 'trig-gave-1',
    });
    expect(again.text).toContain('was already logged; nothing new was saved');
    expect(await receivers()).toHaveLength(1);
    await deliver(t);
    expect(messagesIn(t, `D${ANA}`)).toHaveLength(1);
  });

  test("the issue's second example: to a user group, each of its people asked once; the giver left out", async () => {
    t.slack.userGroups.set('S0LEADS01', { handle: 'leads', teamId: TEAM_ID, users: [ANA, BEN, GIVER] });
    const reply = await gave('<!subteam^S0LEADS01|@leads> the load-test scripts · 3 days · $4,000');
    expect(reply.text).toContain(`for <@${ANA}> and <@${BEN}>`);
    expect((await receivers()).map((r) => r.receiver_id).sort()).toEqual([ANA, BEN].sort());
    await deliver(t);
    expect(messagesIn(t, `D${ANA}`)).toHaveLength(1);
    expect(messagesIn(t, `D${BEN}`)).toHaveLength(1);
    expect(messagesIn(t, `D${GIVER}`)).toEqual([]);
  });

  test('a user group this workspace cannot see (a partner’s), or one too big, is refused by name', async () => {
    t.slack.userGroups.set('S0GLOBEX1', { handle: 'globex-leads', teamId: GLOBEX, users: [GUS] });
    const partners = await gave('<!subteam^S0GLOBEX1|@globex-leads> the scripts');
    expect(partners.text).toContain('I can’t see that user group: it may belong to the partner’s workspace');
    const everyone = Array.from({ length: 12 }, (_, i) => `U0MANY${String(i).padStart(4, '0')}`);
    t.slack.userGroups.set('S0EVERYONE', { handle: 'everyone', teamId: TEAM_ID, users: everyone });
    const big = await gave('<!subteam^S0EVERYONE|@everyone> the scripts');
    expect(big.text).toContain('That makes 12 people; a give can go to up to 10');
    expect(await receivers()).toEqual([]);
    expect(await outbox(t)).toEqual([]);
  });

  test('bad input is refused with what to do, and nothing is saved or sent', async () => {
    const refusals = [
      ['the scripts', /^Name who received it first/],
      [`${mention(GIVER, 'gina')} the scripts`, /leave yourself out/],
      [`${mention(ROBOT, 'deploybot')} the scripts`, /is a bot; gives are logged between people/],
      [`${mention(GONE, 'gone')} the scripts`, /has been deactivated/],
      [`<@U0NOBODY99> the scripts`, /I can't find <@U0NOBODY99>/],
      [`${mention(ANA, 'ana')} ${'<script>'.repeat(5_000)}`, /up to 200 characters/],
    ] as const;
    for (const [text, expected] of refusals) {
      const reply = await gave(text);
      expect(reply.text).toMatch(expected);
      expect(replyText(reply)).not.toMatch(/Error|at .*\.js/);
    }
    expect(await receivers()).toEqual([]);
    expect(await outbox(t)).toEqual([]);
  });
});

describe('the receiver answers from their DM', () => {
  test('Confirm counts its value; the DM is edited in place; a second click changes nothing and says so', async () => {
    await gave(`${mention(ANA, 'ana')} the load-test scripts · 3 days`);
    await deliver(t);
    const { id } = await rowOf(ANA);
    expect((await clickInDm(t, 'give_confirm', id, ANA)).status).toBe(200);
    expect((await rowOf(ANA)).status).toBe('confirmed');
    await deliver(t);
    const dm = dmOf(ANA);
    expect(dm).toContain('You confirmed it.');
    expect(dm).not.toContain('give_confirm');
    expect(t.slack.callsTo('chat.update').map((c) => c.args.channel)).toEqual([`D${ANA}`]);

    const queued = await outbox(t);
    await clickInDm(t, 'give_not_helpful', id, ANA);
    await deliver(t);
    expect((await rowOf(ANA)).status).toBe('confirmed');
    expect(await outbox(t)).toEqual(queued);
    expect(privateReplies()).toEqual(['You already confirmed this give; nothing changed.']);
  });

  test("only the person it went to can answer; someone else's click changes nothing", async () => {
    await gave(`${mention(ANA, 'ana')} the load-test scripts`);
    const { id } = await rowOf(ANA);
    await clickInDm(t, 'give_confirm', id, BEN);
    expect((await rowOf(ANA)).status).toBe('asked');
    expect(privateReplies()).toEqual([
      `This give went to <@${ANA}>, so only they can confirm what it was worth. Nothing changed.`,
    ]);
  });

  test('a button whose give is gone, or a forged value, changes nothing', async () => {
    await clickInDm(t, 'give_confirm', 999_999, ANA);
    expect(privateReplies()).toEqual(['That give is no longer there; nothing changed.']);
    const forged = await t.requests.blockAction({
      user_id: ANA,
      action_id: 'give_confirm',
      value: '1; drop table gives',
      channel_id: `D${ANA}`,
    });
    expect(forged.status).toBe(200);
    expect(await receivers()).toEqual([]);
  });
});

describe('the ledger, this quarter', () => {
  test('/gave channel: each direction between sides, with only confirmed values counted', async () => {
    // Gus is Globex's (which has not installed Rapport, so he receives but does not type /gave);
    // Gina, Ana and Ben are this workspace's.
    await gave(`${mention(GUS, 'gus')} staging access for the pilot · saved 4 hours`);
    await gave(`${mention(ANA, 'ana')} the onboarding checklist · $500`);
    await gave(`${mention(BEN, 'ben')} our vendor benchmark · €2k`, { user: ANA });
    await clickInDm(t, 'give_confirm', (await rowOf(ANA)).id, ANA);
    await clickInDm(t, 'give_not_helpful', (await rowOf(BEN)).id, BEN);

    const reply = replyText(await gave('channel'));
    expect(reply).toContain(`What was given in <#${CHANNEL}> in 2026-Q4`);
    expect(reply).toContain(
      '*This workspace → This workspace*: 2 gives, 1 confirmed; confirmed value: $500 saved',
    );
    // Ben said it didn't help: its value is listed as given, never counted.
    expect(reply).not.toMatch(/confirmed value:[^•]*€/);
    expect(reply).toContain('*our vendor benchmark* (:bulb: insight) — €2,000 saved');
    expect(reply).toContain(
      `*This workspace → Partner workspace (${GLOBEX})*: 1 give, 0 confirmed, 1 waiting`,
    );
    expect((await rowOf(GUS)).receiver_team_id).toBe(GLOBEX);
    // Who confirmed shows; who said it didn't help does not.
    expect(reply).toContain(`<@${ANA}> :white_check_mark:`);
    expect(reply).not.toContain(`<@${BEN}> :`);
  });

  test('/gave mine: what you gave and received, and nothing of others', async () => {
    await gave(`${mention(GUS, 'gus')} staging access`);
    await gave(`${mention(BEN, 'ben')} a code review`, { user: ANA });
    const mine = replyText(await gave('mine'));
    expect(mine).toContain('What you gave and received');
    expect(mine).toContain('staging access');
    expect(mine).not.toContain('a code review');
  });

  test('an empty quarter says how to start; last quarter does not count', async () => {
    t.clock.set('2026-09-30T10:00:00Z');
    await gave(`${mention(ANA, 'ana')} last quarter's scripts`);
    t.clock.set('2026-10-01T10:00:00Z');
    expect((await gave('channel')).text).toContain('nothing yet. Log a give with');
  });

  test('export: one `give` line per receiver, with its value and their answer', async () => {
    await gave(`${mention(ANA, 'ana')} ${mention(BEN, 'ben')} the load-test scripts · 3 days · $4,000`);
    await clickInDm(t, 'give_confirm', (await rowOf(ANA)).id, ANA);
    const lines: ExportRecord[] = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined })) {
      if (r.type === 'give') lines.push(r);
    }
    expect(lines).toEqual([
      expect.objectContaining({
        receiver_id: ANA,
        status: 'confirmed',
        what: 'the load-test scripts',
        time_amount: 3,
        time_unit: 'days',
        money_amount: 4000,
        money_currency: 'USD',
        giver_id: GIVER,
      }),
      expect.objectContaining({ receiver_id: BEN, status: 'asked' }),
    ]);
  });
});

type Modal = {
  callback_id: string;
  private_metadata: string;
  blocks: {
    type: string;
    block_id?: string;
    element?: Record<string, unknown>;
    elements?: { text?: string }[];
  }[];
};
type Form = { people?: string[]; what?: string | null; kind?: string | null; worth?: string | null };

/** state.values as Slack sends them: [block_id][action_id], by element type. */
const formValues = (f: Form) => ({
  give_people: { give_input: { type: 'multi_users_select', selected_users: f.people ?? [] } },
  give_what: { give_input: { type: 'plain_text_input', value: f.what ?? null } },
  give_kind: {
    give_input: {
      type: 'static_select',
      selected_option: f.kind ? { text: { type: 'plain_text', text: f.kind }, value: f.kind } : null,
    },
  },
  give_worth: { give_input: { type: 'plain_text_input', value: f.worth ?? null } },
});

const submit = async (modal: Modal, f: Form, user_id = GIVER) => {
  const res = await t.requests.viewSubmission({
    user_id,
    callback_id: modal.callback_id,
    private_metadata: modal.private_metadata,
    values: formValues(f),
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  return body === '' ? undefined : (JSON.parse(body) as Record<string, unknown>);
};
const element = (modal: Modal, id: string) => modal.blocks.find((b) => b.block_id === id)?.element;

describe('the give form', () => {
  test('/gave with nothing opens it; a submission is logged once, with the value read from its one field', async () => {
    const res = await t.requests.command({ command: '/gave', text: '', user_id: GIVER, channel_id: CHANNEL });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const modal = await openedModal<Modal>(t.slack);
    expect(modal.callback_id).toBe('give_form');
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element?.type])).toEqual([
      ['give_people', 'multi_users_select'],
      ['give_what', 'plain_text_input'],
      ['give_kind', 'static_select'],
      ['give_worth', 'plain_text_input'],
    ]);
    const form = { people: [ANA], what: 'the load-test scripts', kind: 'resource', worth: '3 days, $4,000' };
    expect(await submit(modal, form)).toBeUndefined();
    // Slack delivers the same submission again: nothing new.
    expect(await submit(modal, form)).toBeUndefined();
    expect(await receivers()).toEqual([
      expect.objectContaining({
        receiver_id: ANA,
        kind: 'resource',
        value_text: '3 days, $4,000',
        time_amount: 3,
        time_unit: 'days',
        money_amount: 4000,
        money_currency: 'USD',
      }),
    ]);
    await deliver(t);
    expect(dmOf(ANA)).toContain('give_confirm');
  });

  test('each mistake is marked on its field and nothing is saved', async () => {
    await t.requests.command({ command: '/gave', text: '', user_id: GIVER, channel_id: CHANNEL });
    const modal = await openedModal<Modal>(t.slack);
    expect(
      await submit(modal, { people: [GIVER], what: '  ', kind: 'bribe', worth: 'z'.repeat(201) }),
    ).toEqual({
      response_action: 'errors',
      errors: {
        give_people: 'A give goes to someone else: leave yourself out.',
        give_what: 'Say what you gave.',
        give_kind: 'Choose what kind of give it was.',
        give_worth: 'Up to 200 characters; this is 201.',
      },
    });
    expect(await submit(modal, { people: [ROBOT], what: 'scripts', kind: 'resource' })).toEqual({
      response_action: 'errors',
      errors: { give_people: `<@${ROBOT}> is a bot; gives are logged between people. Nothing was saved.` },
    });
    const stale = await submit(
      { ...modal, private_metadata: 'not ours' },
      { people: [ANA], what: 'scripts', kind: 'help' },
    );
    expect(stale).toEqual({
      response_action: 'errors',
      errors: { give_what: 'This form is out of date and nothing was saved. Open it again with `/gave`.' },
    });
    expect(await receivers()).toEqual([]);
    expect(await outbox(t)).toEqual([]);
  });

  test('"Log what we gave" on a message: its first line, its kind, and its author as the receiver', async () => {
    const res = await t.requests.messageShortcut({
      user_id: GIVER,
      callback_id: 'log_give',
      channel_id: CHANNEL,
      channel_name: 'launch',
      message: {
        ts: '1700000300.000300',
        text: 'Intro: meet Dana, who runs Acme data\nmore below',
        user: ANA,
      },
    });
    expect(res.status).toBe(200);
    const modal = await openedModal<Modal>(t.slack);
    expect(modal.callback_id).toBe('give_form');
    expect(element(modal, 'give_what')?.initial_value).toBe('Intro: meet Dana, who runs Acme data');
    expect(element(modal, 'give_kind')?.initial_option).toMatchObject({ value: 'introduction' });
    expect(element(modal, 'give_people')?.initial_users).toEqual([ANA]);
    // Your own message, or an app's, names no receiver.
    await t.requests.messageShortcut({
      user_id: GIVER,
      callback_id: 'log_give',
      channel_id: CHANNEL,
      channel_name: 'launch',
      message: { ts: '1700000301.000300', text: 'our runbook', user: GIVER },
    });
    const own = await openedModal<Modal>(t.slack, 1);
    expect(element(own, 'give_people')?.initial_users).toBeUndefined();
    expect(element(own, 'give_kind')?.initial_option).toMatchObject({ value: 'resource' });
  });
});

describe('Adjust: the receiver says what it was worth to them', () => {
  const adjust = async (rowId: number, user: string, worth: string | null, n = 0) => {
    await clickInDm(t, 'give_adjust', rowId, user);
    const modal = await openedModal<Modal>(t.slack, n);
    const res = await t.requests.viewSubmission({
      user_id: user,
      callback_id: modal.callback_id,
      private_metadata: modal.private_metadata,
      values: { give_adjusted: { give_input: { type: 'plain_text_input', value: worth } } },
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    return { modal, reply: body === '' ? undefined : (JSON.parse(body) as Record<string, unknown>) };
  };

  test('their value confirms it and is the one that counts; the DM shows it, and Adjust stays', async () => {
    await gave(`${mention(ANA, 'ana')} the load-test scripts · 3 days · $4,000`);
    await deliver(t);
    const { id } = await rowOf(ANA);
    const { modal, reply } = await adjust(id, ANA, '1 week, $1,500');
    expect(modal.callback_id).toBe('give_adjust_form');
    expect(element(modal, 'give_adjusted')?.initial_value).toBe('3 days · $4,000');
    expect(reply).toBeUndefined();
    expect(await rowOf(ANA)).toMatchObject({ status: 'confirmed' });
    await deliver(t);
    const dm = dmOf(ANA);
    expect(dm).toContain('What it was worth to you');
    expect(dm).toContain('1 week saved · $1,500 saved');
    expect(dm).toContain('give_adjust');
    expect(dm).not.toContain('give_confirm');

    const ledger = replyText(await gave('channel'));
    expect(ledger).toContain('1 give, 1 confirmed; confirmed value: 1 week saved, $1,500 saved');
    expect(ledger).toContain('— 3 days saved · $4,000 saved, confirmed as 1 week saved · $1,500 saved');
    const exported: ExportRecord[] = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined })) {
      if (r.type === 'give') exported.push(r);
    }
    expect(exported).toEqual([
      expect.objectContaining({
        receiver_id: ANA,
        status: 'confirmed',
        adjusted: true,
        adjusted_value_text: '1 week, $1,500',
      }),
    ]);
  });

  test('two answers in the same millisecond are two edits of the DM, the latest shown', async () => {
    await gave(`${mention(ANA, 'ana')} the load-test scripts · 3 days`);
    await deliver(t);
    const at = t.clock.now();
    const { id } = await rowOf(ANA);
    await clickInDm(t, 'give_confirm', id, ANA);
    await deliver(t);
    t.clock.set(at.toISOString());
    await adjust(id, ANA, '2 days');
    await deliver(t);
    expect(t.slack.callsTo('chat.update').filter((c) => c.args.channel === `D${ANA}`)).toHaveLength(2);
    expect(dmOf(ANA)).toContain('2 days saved');
  });

  test('an empty value is marked on its field; after "didn\'t help" Adjust opens nothing to change', async () => {
    await gave(`${mention(ANA, 'ana')} the load-test scripts · 3 days`);
    const { id } = await rowOf(ANA);
    const { reply } = await adjust(id, ANA, '   ');
    expect(reply).toEqual({
      response_action: 'errors',
      errors: {
        give_adjusted: 'Say what it was worth to you, or press Confirm in the DM to keep their value.',
      },
    });
    expect((await rowOf(ANA)).status).toBe('asked');

    await clickInDm(t, 'give_not_helpful', id, ANA);
    const opened = t.slack.callsTo('views.open').length;
    await clickInDm(t, 'give_adjust', id, ANA);
    await t.app.background.drain();
    expect(t.slack.callsTo('views.open')).toHaveLength(opened);
    expect(privateReplies()).toContain(
      'You said this give didn’t help, so its value can no longer be changed.',
    );
    expect((await rowOf(ANA)).status).toBe('not_helpful');
  });

  test("someone else's Adjust opens nothing and changes nothing", async () => {
    await gave(`${mention(ANA, 'ana')} the load-test scripts`);
    const { id } = await rowOf(ANA);
    await clickInDm(t, 'give_adjust', id, BEN);
    expect(t.slack.callsTo('views.open')).toHaveLength(0);
    expect(privateReplies()).toEqual([
      `This give went to <@${ANA}>, so only they can confirm what it was worth. Nothing changed.`,
    ]);
  });
});
