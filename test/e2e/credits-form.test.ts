import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { TEAM_ID } from '../helpers/fake-slack.js';
import {
  addPeople,
  ANA,
  BEN,
  CHANNEL,
  contributors,
  credit,
  credits,
  deliver,
  GIVER,
  json,
  messagesIn,
  outbox,
  ROBOT,
} from '../helpers/credits.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  addPeople(t);
  t.clock.set('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = {
  type: string;
  block_id?: string;
  dispatch_action?: boolean;
  optional?: boolean;
  element?: Record<string, unknown>;
  elements?: { text?: string }[];
};
type Modal = { callback_id: string; private_metadata: string; title: { text: string }; blocks: Block[] };

const MESSAGE_TS = '1700000300.000300';
const PERMALINK = `https://rapport-test.slack.com/archives/${CHANNEL}/p${MESSAGE_TS.replace('.', '')}`;

const opened = async (n = 0) => (await openedModal(t.slack, n)) as Modal;
const inputs = (modal: Modal) =>
  modal.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element?.type]);
const block = (modal: Modal, id: string) => modal.blocks.find((b) => b.block_id === id);

type Form = {
  deliverable?: string | null;
  link?: string | null;
  people?: string[];
  contributions?: Record<string, string | null>;
};

/** state.values as Slack sends them: [block_id][action_id], by element type. */
const formValues = (f: Form) => ({
  credit_deliverable: { value: { type: 'plain_text_input', value: f.deliverable ?? null } },
  credit_link: { value: { type: 'url_text_input', value: f.link ?? null } },
  credit_people: { credit_people: { type: 'multi_users_select', selected_users: f.people ?? [] } },
  ...Object.fromEntries(
    Object.entries(f.contributions ?? {}).map(([user, value]) => [
      `credit_contribution_${user}`,
      { value: { type: 'plain_text_input', value } },
    ]),
  ),
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

/** Choosing people in the open form, as Slack sends it (dispatch_action on the people input). */
function choosePeople(modal: Modal, f: Form & { people: string[] }) {
  const payload = {
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'rapport-test' },
    user: { id: GIVER, username: 'gina', name: 'gina', team_id: TEAM_ID },
    api_app_id: 'A0RAPPORT',
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: 'V0CREDIT01' },
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    view: {
      id: 'V0CREDIT01',
      team_id: TEAM_ID,
      type: 'modal',
      callback_id: modal.callback_id,
      private_metadata: modal.private_metadata,
      state: { values: formValues(f) },
      hash: '1700000000.credit01',
      title: modal.title,
      blocks: modal.blocks,
      root_view_id: 'V0CREDIT01',
      previous_view_id: null,
      app_id: 'A0RAPPORT',
      bot_id: 'B0RAPPBOT',
    },
    actions: [
      {
        type: 'multi_users_select',
        action_id: 'credit_people',
        block_id: 'credit_people',
        selected_users: f.people,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
    is_enterprise_install: false,
  };
  return t.requests.post(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
  );
}

const shortcut = (message: { ts?: string; text?: string; user?: string; bot_id?: string } = {}) =>
  t.requests.messageShortcut({
    user_id: GIVER,
    callback_id: 'give_credit',
    channel_id: CHANNEL,
    message: {
      ts: message.ts ?? MESSAGE_TS,
      text: message.text ?? 'The Q3 report is out',
      user: message.user ?? ANA,
    },
  });

describe('/credit with no text: the form', () => {
  test('opens with the deliverable, a link, the people, and no rows until people are chosen', async () => {
    expect(await credit(t, '')).toBeUndefined();
    const modal = await opened();
    expect(modal.callback_id).toBe('credit_form');
    expect(inputs(modal)).toEqual([
      ['credit_deliverable', 'plain_text_input'],
      ['credit_link', 'url_text_input'],
      ['credit_people', 'multi_users_select'],
    ]);
    expect(block(modal, 'credit_people')?.dispatch_action).toBe(true);
    expect(block(modal, 'credit_people')?.element?.max_selected_items).toBe(10);
    expect(block(modal, 'credit_link')?.optional).toBe(true);
  });

  test('choosing people redraws the form with one row each, keeping what was typed', async () => {
    await credit(t, '');
    const modal = await opened();
    await choosePeople(modal, { deliverable: 'Q3 launch', people: [ANA, BEN], contributions: {} });
    const update = await t.slack.waitFor(() => t.slack.callsTo('views.update')[0]);
    expect(update.args).toMatchObject({ view_id: 'V0CREDIT01', hash: '1700000000.credit01' });
    const redrawn = update.args.view as Modal;
    expect(redrawn.private_metadata).toBe(modal.private_metadata);
    expect(inputs(redrawn).map(([id]) => id)).toEqual([
      'credit_deliverable',
      'credit_link',
      'credit_people',
      `credit_contribution_${ANA}`,
      `credit_contribution_${BEN}`,
    ]);
    expect(json(redrawn.blocks)).toContain(`<@${ANA}>`);
    expect(block(redrawn, 'credit_deliverable')?.element?.initial_value).toBe('Q3 launch');

    // Ben is taken out after Ana's row was filled in: her words stay, his row goes.
    await choosePeople(redrawn, {
      deliverable: 'Q3 launch',
      people: [ANA],
      contributions: { [ANA]: 'ran the research', [BEN]: 'something' },
    });
    const again = (await t.slack.waitFor(() => t.slack.callsTo('views.update')[1])).args.view as Modal;
    expect(inputs(again).map(([id]) => id)).toEqual([
      'credit_deliverable',
      'credit_link',
      'credit_people',
      `credit_contribution_${ANA}`,
    ]);
    expect(block(again, `credit_contribution_${ANA}`)?.element?.initial_value).toBe('ran the research');
  });

  test('saving keeps the credit with each person’s part, then posts and DMs through the outbox', async () => {
    await credit(t, '');
    const modal = await opened();
    const reply = await submit(modal, {
      deliverable: ' Q3   launch ',
      link: 'https://docs.example.com/q3',
      people: [ANA, BEN],
      contributions: { [ANA]: 'ran the research', [BEN]: null },
    });
    expect(reply).toBeUndefined();
    expect(await credits(t)).toEqual([
      expect.objectContaining({
        channel_id: CHANNEL,
        deliverable: 'Q3 launch',
        link: 'https://docs.example.com/q3',
        given_by: GIVER,
      }),
    ]);
    expect((await contributors(t)).map((c) => [c.contributor_id, c.contribution, c.status])).toEqual([
      [ANA, 'ran the research', 'unconfirmed'],
      [BEN, null, 'unconfirmed'],
    ]);
    await deliver(t);
    expect(messagesIn(t, CHANNEL)).toHaveLength(1);
    expect(json(messagesIn(t, CHANNEL)[0]?.blocks)).toContain(
      '*Q3 launch* · <https://docs.example.com/q3|open>',
    );
    expect(json(messagesIn(t, `D${BEN}`)[0]?.blocks)).toContain('_No part was described._');

    // Slack delivering the same submission again saves nothing new.
    expect(
      await submit(modal, { deliverable: 'Q3 launch', people: [ANA, BEN], contributions: {} }),
    ).toBeUndefined();
    expect(await credits(t)).toHaveLength(1);
    expect(await outbox(t)).toHaveLength(3);
  });

  test('mistakes are marked on their fields, and nothing is saved', async () => {
    await credit(t, '');
    const modal = await opened();
    expect(await submit(modal, { deliverable: '  ', link: 'javascript:alert(1)', people: [] })).toEqual({
      response_action: 'errors',
      errors: {
        credit_deliverable: 'Say what the credit is for.',
        credit_link: 'Paste a web link that starts with https:// or http://.',
        credit_people: 'Pick who contributed.',
      },
    });
    expect(
      await submit(modal, { deliverable: 'x', people: [ANA], contributions: { [ANA]: 'y'.repeat(501) } }),
    ).toEqual({
      response_action: 'errors',
      errors: { [`credit_contribution_${ANA}`]: 'Keep it to 500 characters.' },
    });
    expect(
      await submit(modal, { deliverable: 'x', link: 'ftp://files.example.com', people: [ANA] }),
    ).toMatchObject({
      errors: { credit_link: expect.stringContaining('https://') },
    });
    expect(await submit(modal, { deliverable: 'x', people: [ANA, ROBOT] })).toEqual({
      response_action: 'errors',
      errors: { credit_people: `<@${ROBOT}> is a bot; credit is for people. Nothing was saved.` },
    });
    expect(await credits(t)).toEqual([]);
    expect(await outbox(t)).toEqual([]);
  });

  test('a form whose metadata was tampered with saves nothing', async () => {
    const reply = await submit(
      {
        callback_id: 'credit_form',
        private_metadata: '{"c":"not a channel"}',
        title: { text: '' },
        blocks: [],
      },
      { deliverable: 'x', people: [ANA] },
    );
    expect(reply).toEqual({
      response_action: 'errors',
      errors: {
        credit_deliverable: 'This form is out of date and nothing was saved. Open it again with `/credit`.',
      },
    });
    expect(await credits(t)).toEqual([]);
  });
});

describe('"Give credit for this" on a message', () => {
  test('opens the form linked to the message, its first line as the deliverable, its author as a contributor', async () => {
    await shortcut({ text: 'Shipped the *Q3 report* <!channel>\nsecond line' });
    const modal = await opened();
    expect(t.slack.callsTo('chat.getPermalink')[0]?.args).toMatchObject({
      channel: CHANNEL,
      message_ts: MESSAGE_TS,
    });
    expect(block(modal, 'credit_link')?.element?.initial_value).toBe(PERMALINK);
    expect(block(modal, 'credit_deliverable')?.element?.initial_value).toBe(
      'Shipped the *Q3 report* @channel',
    );
    expect(block(modal, 'credit_people')?.element?.initial_users).toEqual([ANA]);
    expect(inputs(modal).map(([id]) => id)).toContain(`credit_contribution_${ANA}`);
    // The message is quoted as text: its markup notifies nobody.
    expect(json(modal.blocks[0])).toContain('Shipped the *Q3 report* @channel second line');
    expect(json(modal)).not.toContain('<!channel>');

    expect(
      await submit(modal, {
        deliverable: 'The Q3 report',
        link: PERMALINK,
        people: [ANA],
        contributions: { [ANA]: 'wrote it' },
      }),
    ).toBeUndefined();
    expect((await credits(t))[0]).toMatchObject({ deliverable: 'The Q3 report', link: PERMALINK });
  });

  test('a bot’s message has no author to preselect; a long message is cut to a title', async () => {
    await shortcut({ text: `Deploy finished ${'and more '.repeat(30)}`, user: ROBOT, bot_id: 'B0DEPLOY' });
    const modal = await opened();
    expect(block(modal, 'credit_people')?.element?.initial_users).toBeUndefined();
    const title = String(block(modal, 'credit_deliverable')?.element?.initial_value);
    expect([...title]).toHaveLength(100);
    expect(title.endsWith('…')).toBe(true);
  });

  test('without a link to the message (a channel the bot cannot see), the form still opens', async () => {
    t.slack.channelsWithoutBot.add(CHANNEL);
    await shortcut();
    const modal = await opened();
    expect(block(modal, 'credit_link')?.element?.initial_value).toBeUndefined();
    expect(block(modal, 'credit_deliverable')?.element?.initial_value).toBe('The Q3 report is out');
  });
});
