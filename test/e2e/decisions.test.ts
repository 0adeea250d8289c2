import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CY = 'U0CYY00003';
const ROBOT = 'U0ROBOT004';
const CHANNEL = 'C0TEAMROOM';
const PRIVATE = 'C0PRIVATE1';
const THREAD = '1700000100.000100';
const REPLY = '1700000200.000200';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Asia/Tokyo' });
  t.slack.addUser({ id: ROBOT, name: 'robot', is_bot: true });
  // Friday 20 November 2026, 10:00 UTC.
  t.clock.set('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = {
  type: string;
  block_id?: string;
  element?: Record<string, unknown>;
  elements?: { type: string; action_id?: string; value?: string; text?: unknown }[];
};
type Modal = { callback_id: string; private_metadata: string; title: { text: string }; blocks: Block[] };

const shortcut = (
  user_id = ANA,
  channel_id = CHANNEL,
  message: { ts: string; text?: string; thread_ts?: string } = {
    ts: REPLY,
    text: 'Let us go with Postgres',
    thread_ts: THREAD,
  },
) => t.requests.messageShortcut({ user_id, callback_id: 'log_decision', channel_id, message });

const opened = async (n = 0) => (await openedModal(t.slack, n)) as Modal;

type Form = {
  decision?: string;
  owner?: string | null;
  rationale?: string;
  consulted?: string[];
  review?: string | null;
};
const FORM: Form = {
  decision: 'We use Postgres for the event store',
  owner: BEN,
  rationale: 'We know it well, and it is already in production',
  consulted: [ANA, CY],
  review: '2026-12-01',
};

/** What Slack sends for the decision form, state.values[block_id][action_id], by element type. */
const formValues = (f: Form) => ({
  decision_decision: { value: { type: 'plain_text_input', value: f.decision ?? null } },
  decision_owner: { value: { type: 'users_select', selected_user: f.owner ?? null } },
  decision_rationale: { value: { type: 'plain_text_input', value: f.rationale ?? null } },
  decision_consulted: { value: { type: 'multi_users_select', selected_users: f.consulted ?? [] } },
  decision_review: { value: { type: 'datepicker', selected_date: f.review ?? null } },
});

const submit = (private_metadata: string, f: Form, user_id = ANA) =>
  t.requests.viewSubmission({
    user_id,
    callback_id: 'decision_form',
    private_metadata,
    values: formValues(f),
  });

/** The shortcut on a message, the form filled in and saved, and its post settled. */
async function logDecision(f: Form = FORM, user_id = ANA, channel = CHANNEL) {
  const before = t.slack.callsTo('views.open').length;
  await shortcut(user_id, channel);
  const modal = await opened(before);
  const res = await submit(modal.private_metadata, f, user_id);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('');
  await t.app.background.drain();
  return modal;
}

const decisions = () =>
  t.database.db.query(
    `select id, team_id, channel_id, source_ts, source_thread_ts, source_permalink, decision, owner_id, rationale,
            consulted, to_char(review_date, 'YYYY-MM-DD') as review_date, logged_by,
            -- The ts of its channel message, which the outbox posted under 'decision:<id>'.
            (select o.message_ts from outbox o
             where o.team_id = d.team_id and o.dedupe_key = 'decision:' || d.id) as message_ts
     from decisions d order by id`,
    [],
    z.object({
      id: z.coerce.number(),
      team_id: z.string(),
      channel_id: z.string(),
      source_ts: z.string(),
      source_thread_ts: z.string().nullable(),
      source_permalink: z.string().nullable(),
      decision: z.string(),
      owner_id: z.string(),
      rationale: z.string().nullable(),
      consulted: z.array(z.string()),
      review_date: z.string().nullable(),
      logged_by: z.string(),
      message_ts: z.string().nullable(),
    }),
  );

const outbox = () =>
  t.database.db.query(
    // The owners' review DMs (the channel's posts and edits are read from the stand-in).
    `select dedupe_key, channel_id, status, next_attempt_at, payload from outbox
     where dedupe_key like 'decision-review:%' order by id`,
    [],
    z.object({
      dedupe_key: z.string(),
      channel_id: z.string(),
      status: z.string(),
      next_attempt_at: z.date(),
      payload: z.unknown(),
    }),
  );

const posts = (channel = CHANNEL) =>
  t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const json = (value: unknown) => JSON.stringify(value ?? null);
const PERMALINK = `https://rapport-test.slack.com/archives/${CHANNEL}/p${REPLY.replace('.', '')}`;

describe('"Log a decision" on a message', () => {
  test('opens the form, quoting the message, with the person who logs it as the owner to start', async () => {
    await shortcut(ANA, CHANNEL, { ts: REPLY, text: 'Ship it <!channel>', thread_ts: THREAD });
    const modal = await opened();
    expect(modal.callback_id).toBe('decision_form');
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element?.type])).toEqual([
      ['decision_decision', 'plain_text_input'],
      ['decision_owner', 'users_select'],
      ['decision_rationale', 'plain_text_input'],
      ['decision_consulted', 'multi_users_select'],
      ['decision_review', 'datepicker'],
    ]);
    expect(modal.blocks.find((b) => b.block_id === 'decision_owner')?.element?.initial_user).toBe(ANA);
    expect(json(modal.blocks[0])).toContain('Ship it &lt;!channel&gt;');
  });

  test('saving keeps it, posts it once linked to the thread, and queues the owner’s review DM', async () => {
    await logDecision();
    const [d] = await decisions();
    expect(d).toEqual({
      id: expect.any(Number),
      team_id: 'T0RAPPORT1',
      channel_id: CHANNEL,
      source_ts: REPLY,
      source_thread_ts: THREAD,
      source_permalink: PERMALINK,
      decision: FORM.decision,
      owner_id: BEN,
      rationale: FORM.rationale,
      consulted: [ANA, CY],
      review_date: '2026-12-01',
      logged_by: ANA,
      message_ts: expect.stringMatching(/^\d+\.\d+$/),
    });
    expect(t.slack.callsTo('chat.getPermalink')[0]?.args).toMatchObject({
      channel: CHANNEL,
      message_ts: REPLY,
    });
    expect(posts()).toHaveLength(1);
    const blocks = json(posts()[0]?.args.blocks);
    expect(blocks).toContain(`Decision #${d?.id}`);
    expect(blocks).toContain('We use Postgres for the event store');
    expect(blocks).toContain(`*Owner:* <@${BEN}>`);
    expect(blocks).toContain(`<@${ANA}>, <@${CY}>`);
    expect(blocks).toContain(`<${PERMALINK}|the discussion>`);
    expect(blocks).toContain('decision_edit');
    // 09:00 in New York on 1 December is 14:00 UTC.
    const [dm] = await outbox();
    expect(dm).toMatchObject({
      dedupe_key: `decision-review:${d?.id}`,
      channel_id: BEN,
      status: 'pending',
      next_attempt_at: new Date('2026-12-01T14:00:00Z'),
    });
    // The DM links to the discussion but never quotes the decision (the channel may be private).
    expect(json(dm?.payload)).toContain(PERMALINK);
    expect(json(dm?.payload)).not.toContain('Postgres');
  });

  test('the owner gets one DM on the review date at 09:00 their time, and only once', async () => {
    await logDecision();
    t.clock.set('2026-12-01T13:59:00Z');
    await t.app.jobs.deliver();
    expect(t.slack.conversations.get(`D${BEN}`)).toBeUndefined();
    t.clock.set('2026-12-01T14:00:00Z');
    await t.app.jobs.deliver();
    t.clock.advance(60 * 60 * 1000);
    await t.app.jobs.deliver();
    await t.app.jobs.deliver();
    const dms = t.slack.conversations.get(`D${BEN}`) ?? [];
    expect(dms).toHaveLength(1);
    expect(String(dms[0]?.text)).toContain(`in <#${CHANNEL}>, which you own, is due for review today`);
    expect(t.slack.conversations.get(`D${ANA}`)).toBeUndefined();
  });

  test('editing moves the review DM to the new owner and date; clearing the date withdraws it', async () => {
    await logDecision();
    const [d] = await decisions();
    await t.requests.blockAction({
      user_id: ANA,
      action_id: 'decision_edit',
      value: String(d?.id),
      channel_id: CHANNEL,
    });
    const modal = await opened(1);
    expect(modal.blocks.find((b) => b.block_id === 'decision_decision')?.element?.initial_value).toBe(
      FORM.decision,
    );
    expect(modal.blocks.find((b) => b.block_id === 'decision_review')?.element?.initial_date).toBe(
      '2026-12-01',
    );

    const res = await submit(modal.private_metadata, { ...FORM, owner: CY, review: '2026-12-03' });
    expect(await res.text()).toBe('');
    await t.app.background.drain();
    expect((await decisions())[0]).toMatchObject({ owner_id: CY, review_date: '2026-12-03' });
    // 09:00 in Tokyo on 3 December is 00:00 UTC.
    expect((await outbox()).map((m) => [m.channel_id, m.status, m.next_attempt_at.toISOString()])).toEqual([
      [CY, 'pending', '2026-12-03T00:00:00.000Z'],
    ]);
    const update = t.slack.callsTo('chat.update')[0]?.args;
    expect(update).toMatchObject({ channel: CHANNEL, ts: d?.message_ts });
    expect(json(update?.blocks)).toContain(`*Owner:* <@${CY}>`);
    expect(posts()).toHaveLength(1);

    await submit(modal.private_metadata, { ...FORM, owner: CY, review: null });
    expect(await outbox()).toEqual([]);
    t.clock.set('2026-12-04T00:00:00Z');
    await t.app.jobs.deliver();
    expect(t.slack.conversations.get(`D${CY}`)).toBeUndefined();
  });

  test('only whoever logged it or its owner may edit it', async () => {
    await logDecision();
    const [d] = await decisions();
    await t.requests.blockAction({
      user_id: CY,
      action_id: 'decision_edit',
      value: String(d?.id),
      channel_id: CHANNEL,
    });
    const told = await t.slack.waitFor(() => t.slack.responseUrlPosts[0]);
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(json(told.body.text)).toContain(
      `Only <@${ANA}>, who logged decision #${d?.id}, or <@${BEN}>, its owner`,
    );
    expect(t.slack.callsTo('views.open')).toHaveLength(1);
    // A form for it, forged for someone else, changes nothing either.
    const forged = JSON.stringify({ c: CHANNEL, t: REPLY, h: THREAD, s: 'forged-token-1', d: d?.id });
    const res = await submit(forged, { ...FORM, decision: 'Hijacked' }, CY);
    expect(json(await res.json())).toContain('Only <@');
    expect((await decisions())[0]?.decision).toBe(FORM.decision);
  });

  test('a submission Slack delivers twice logs one decision, one post, one DM', async () => {
    await shortcut();
    const modal = await opened();
    await Promise.all([submit(modal.private_metadata, FORM), submit(modal.private_metadata, FORM)]);
    await submit(modal.private_metadata, FORM);
    await t.app.background.drain();
    expect(await decisions()).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    expect(await outbox()).toHaveLength(1);
  });

  test.each<[string, Form, Record<string, string>]>([
    ['no decision', { ...FORM, decision: '  ' }, { decision_decision: 'Write what was decided.' }],
    [
      'a huge decision',
      { ...FORM, decision: 'x'.repeat(1001) },
      { decision_decision: 'Keep it to 1000 characters.' },
    ],
    ['no owner', { ...FORM, owner: null }, { decision_owner: 'Pick who owns this decision.' }],
    ['a forged owner', { ...FORM, owner: '<!channel>' }, { decision_owner: 'Pick a person from the list.' }],
    [
      'a bot as owner',
      { ...FORM, owner: ROBOT },
      { decision_owner: 'Pick a person: not a bot, an app or a deactivated account.' },
    ],
    [
      'an unknown owner',
      { ...FORM, owner: 'U0NOBODY99' },
      { decision_owner: 'Pick a person: not a bot, an app or a deactivated account.' },
    ],
    [
      'a bot consulted',
      { ...FORM, consulted: [ANA, ROBOT] },
      { decision_consulted: 'Name only people: take out bots, apps and deactivated accounts.' },
    ],
    [
      'a review date passed',
      { ...FORM, review: '2026-11-19' },
      { decision_review: 'Pick today or a later day.' },
    ],
    [
      'a review date that is no date',
      { ...FORM, review: '2026-02-31' },
      { decision_review: 'Pick a date from the calendar.' },
    ],
  ])('%s: shown on its field; nothing kept, posted or queued', async (_name, form, errors) => {
    await shortcut();
    const modal = await opened();
    const res = await submit(modal.private_metadata, form);
    expect(await res.json()).toEqual({ response_action: 'errors', errors });
    await t.app.background.drain();
    expect(await decisions()).toEqual([]);
    expect(await outbox()).toEqual([]);
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  test('a mangled form is refused with a clear error', async () => {
    const res = await submit('{"c":"C0TEAMROOM"}', FORM);
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: {
        decision_decision:
          'This form is out of date and nothing was saved. Open it again from the message’s menu (⋯).',
      },
    });
    expect(await decisions()).toEqual([]);
  });

  test('@channel in the text is shown as text and notifies nobody', async () => {
    await logDecision({
      ...FORM,
      decision: '<!channel> we ship',
      rationale: '<!here> because <@U0CYY00003>',
    });
    const posted = posts()[0]?.args;
    expect(json(posted?.blocks)).toContain('&lt;!channel&gt; we ship');
    expect(json(posted?.blocks)).toContain('&lt;!here&gt; because');
    expect(json(posted)).not.toMatch(/<!channel>|<!here>/);
  });

  test('where the bot is not in the channel, the decision is kept and the person is told to invite it', async () => {
    t.slack.channelsWithoutBot.add(PRIVATE);
    await logDecision(FORM, ANA, PRIVATE);
    expect((await decisions())[0]).toMatchObject({
      channel_id: PRIVATE,
      message_ts: null,
      source_permalink: null,
    });
    const told = t.slack.callsTo('chat.postEphemeral');
    expect(told[0]?.args).toMatchObject({ channel: PRIVATE, user: ANA });
    expect(String(told[0]?.args.text)).toContain('Invite @Rapport to this channel');
    // The review DM still comes, without the decision's text.
    expect((await outbox()).map((m) => m.channel_id)).toEqual([BEN]);
  });
});

describe('/decisions', () => {
  const list = async (channel_id = CHANNEL, text = '') =>
    (await (await t.requests.command({ command: '/decisions', text, user_id: ANA, channel_id })).json()) as {
      response_type: string;
      text: string;
      blocks: Block[];
    };

  test('lists the channel’s decisions newest first, only to the person asking, and no other channel’s', async () => {
    await logDecision({ ...FORM, decision: 'First we pick Postgres' });
    t.clock.advance(60_000);
    await logDecision({ ...FORM, decision: 'Then we pick Kafka', review: null });
    t.slack.channelsWithoutBot.add(PRIVATE);
    await logDecision({ ...FORM, decision: 'A secret of the private channel' }, ANA, PRIVATE);

    const shown = await list();
    expect(shown.response_type).toBe('ephemeral');
    const text = json(shown.blocks);
    expect(text.indexOf('Then we pick Kafka')).toBeGreaterThan(-1);
    expect(text.indexOf('Then we pick Kafka')).toBeLessThan(text.indexOf('First we pick Postgres'));
    expect(text).toContain('review 2026-12-01');
    expect(text).not.toContain('secret');
    expect(json((await list(PRIVATE)).blocks)).toContain('A secret of the private channel');
    expect(json((await list('C0EMPTY01')).blocks)).toContain('No decisions logged in this channel yet');
  });

  test('shows the newest 15 and says how many more there are', async () => {
    for (let i = 1; i <= 17; i += 1) {
      t.clock.advance(1000);
      await logDecision({ ...FORM, decision: `Decision number ${i}`, review: null });
    }
    const shown = await list();
    expect(shown.blocks.length).toBeLessThanOrEqual(50);
    expect(shown.blocks.filter((b) => json(b).includes('Decision number'))).toHaveLength(15);
    expect(json(shown.blocks)).toContain('Decision number 17');
    // The two oldest are left out: only the count says they exist.
    expect(json(shown.blocks)).toContain('Decision number 3"');
    expect(json(shown.blocks)).not.toContain('Decision number 2"');
    expect(json(shown.blocks)).not.toContain('Decision number 1"');
    expect(json(shown.blocks)).toContain('…and 2 more');
  });

  test('help, and an unknown word, answer with usage', async () => {
    expect((await list(CHANNEL, 'help')).text).toContain('Log a decision');
    const unknown = await list(CHANNEL, '<!here> drop');
    expect(unknown.text).toContain("I don't know");
    expect(unknown.text).not.toContain('<!here>');
  });
});

describe('npm run export', () => {
  test('has a decision line for each decision, as it stands now', async () => {
    await logDecision();
    const lines = [];
    for await (const r of exportRecords(t.database.db, { teamId: 'T0RAPPORT1', since: undefined }))
      lines.push(r);
    expect(lines.filter((l) => l.type === 'decision')).toEqual([
      {
        type: 'decision',
        team_id: 'T0RAPPORT1',
        decision_id: expect.any(Number),
        channel_id: CHANNEL,
        source_ts: REPLY,
        source_thread_ts: THREAD,
        source_permalink: PERMALINK,
        decision: FORM.decision,
        owner_id: BEN,
        rationale: FORM.rationale,
        consulted: [ANA, CY],
        review_date: '2026-12-01',
        logged_by: ANA,
        created_at: '2026-11-20T10:00:00.000Z',
        updated_by: ANA,
        updated_at: '2026-11-20T10:00:00.000Z',
      },
    ]);
    const other = [];
    for await (const r of exportRecords(t.database.db, { teamId: 'T0OTHER01', since: undefined }))
      other.push(r);
    expect(other).toEqual([]);
  });
});
