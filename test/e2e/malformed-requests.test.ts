import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { MALFORMED_REQUEST } from '../../src/slack/inbound/http-gate.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const TEAM = 'T0RAPPORT1';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

let t: TestApp;
/** Log lines written before the test began. */
let logged = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.reset();
  t.slack.addUser({ id: ANA, name: 'ana' });
  t.slack.addUser({ id: BEN, name: 'ben' });
  logged = t.logs.raw.length;
});

const kudosCount = async () =>
  (await t.database.db.query('select count(*)::int as n from kudos', [], z.object({ n: z.number() })))[0]?.n;

const payload = (body: unknown, options: { unsigned?: boolean } = {}) =>
  t.requests.post(`payload=${encodeURIComponent(JSON.stringify(body))}`, FORM, options);

const envelope = (event: unknown, extra: Record<string, unknown> = {}) => ({
  token: 'verification-token',
  team_id: TEAM,
  api_app_id: 'A0RAPPORT',
  type: 'event_callback',
  event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
  event_time: 1_700_000_000,
  authorizations: [{ team_id: TEAM, user_id: 'U0RAPPBOT', is_bot: true, is_enterprise_install: false }],
  event,
  ...extra,
});

/** The warnings the edge logged for refused requests, as [surface, id, field]. */
const refusals = () =>
  t.logs
    .lines()
    .slice(logged)
    .filter((l) => l.msg === 'a malformed Slack request was acknowledged and changed nothing')
    .map((l) => [l.surface, l.id, l.field]);

const interaction = (extra: Record<string, unknown>) => ({
  team: { id: TEAM, domain: 'rapport' },
  user: { id: ANA, username: 'ana', name: 'ana', team_id: TEAM },
  api_app_id: 'A0RAPPORT',
  token: 'verification-token',
  trigger_id: '1111.2222.abcd',
  ...extra,
});

describe('a body that is not a JSON object', () => {
  test.each([
    ['JSON null', 'null', JSON_TYPE],
    ['a JSON array', '[{"type":"event_callback"}]', JSON_TYPE],
    ['a JSON string', '"event_callback"', JSON_TYPE],
    ['a JSON number', '42', JSON_TYPE],
    ['payload=null', 'payload=null', FORM],
    ['payload=[1]', 'payload=%5B1%5D', FORM],
  ])('%s is refused with 400 before Bolt sees it', async (_name, body, type) => {
    const res = await t.requests.post(body, type);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'malformed_body' });
    expect(await kudosCount()).toBe(0);
  });
});

describe('a malformed event', () => {
  const good = reactionEvent({ user: ANA, item_user: BEN, ts: '1700000001.000001' });
  test.each([
    ['event_ts that is no timestamp', { ...good, event_ts: "1'; drop table kudos;--" }, 'event.event_ts'],
    ['a reaction that is not text', { ...good, reaction: 42 }, 'event.reaction'],
    ['no item', { ...good, item: null }, 'event.item'],
    ['no user', { ...good, user: undefined }, 'event.user'],
    [
      'an item ts that is no timestamp',
      { ...good, item: { type: 'message', channel: 'C0GENERAL', ts: 'x' } },
      'event.item.ts',
    ],
  ])(
    'with %s is acknowledged, logged once with the field, and stores nothing',
    async (_name, event, field) => {
      const res = await t.requests.post(JSON.stringify(envelope(event)), JSON_TYPE);
      expect(res.status).toBe(200);
      expect(refusals()).toEqual([['event', 'reaction_added', field]]);
      expect(await kudosCount()).toBe(0);
    },
  );

  test('without any workspace is acknowledged and stores nothing; the same event with one is stored', async () => {
    const nowhere = envelope(good, { team_id: undefined, authorizations: undefined });
    expect((await t.requests.post(JSON.stringify(nowhere), JSON_TYPE)).status).toBe(200);
    expect(refusals()).toEqual([['event', 'reaction_added', 'team_id']]);
    expect(await kudosCount()).toBe(0);
    expect((await t.requests.event(good)).status).toBe(200);
    expect(await kudosCount()).toBe(1);
  });

  test('whose `event` is not an object is acknowledged and stores nothing', async () => {
    expect((await t.requests.post(JSON.stringify(envelope('reaction_added')), JSON_TYPE)).status).toBe(200);
    expect(refusals()).toEqual([['event', '', 'event']]);
  });

  test('signed by nobody is refused 401, like any unsigned request', async () => {
    const res = await t.requests.post(JSON.stringify(envelope({ ...good, reaction: 42 })), JSON_TYPE, {
      unsigned: true,
    });
    expect(res.status).toBe(401);
    expect(refusals()).toEqual([]);
  });
});

describe('a malformed interaction', () => {
  test('a known button whose value is not text: 200, and the person is told through its response_url', async () => {
    const responseUrl = t.slack.responseUrl('malformed-1');
    const res = await payload(
      interaction({
        type: 'block_actions',
        response_url: responseUrl,
        channel: { id: 'C0GENERAL', name: 'general' },
        actions: [{ type: 'button', action_id: 'standup_answer', block_id: 'b', value: 5 }],
      }),
    );
    expect(res.status).toBe(200);
    expect(refusals()).toEqual([['action', 'standup_answer', 'actions.0.value']]);
    const told = await t.slack.waitFor(() => t.slack.responseUrlPosts.find((p) => p.id === 'malformed-1'));
    expect(told.body).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: MALFORMED_REQUEST,
    });
    expect(t.slack.callsTo('views.open')).toEqual([]);
  });

  test('a form submitted without its state: 200, nothing saved', async () => {
    const res = await payload(
      interaction({
        type: 'view_submission',
        view: { id: 'V0KUDOS001', callback_id: 'give_kudos_form', private_metadata: '{}', team_id: TEAM },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(refusals()).toEqual([['view', 'give_kudos_form', 'view.state']]);
    expect(await kudosCount()).toBe(0);
  });

  test('a message shortcut without its response_url: 200, and no form opens', async () => {
    const res = await payload(
      interaction({
        type: 'message_action',
        callback_id: 'give_kudos',
        channel: { id: 'C0GENERAL', name: 'general' },
        message: { type: 'message', user: BEN, ts: '1700000001.000001', text: 'the fix' },
      }),
    );
    expect(res.status).toBe(200);
    expect(refusals()).toEqual([['shortcut', 'give_kudos', 'response_url']]);
    expect(t.slack.callsTo('views.open')).toEqual([]);
  });
});

describe('a well-formed request nothing handles', () => {
  // Bolt leaves these unacknowledged and answers 404 after 3 s; Slack then shows the person an error.
  test.each([
    [
      'an unknown action_id',
      interaction({
        type: 'block_actions',
        actions: [{ type: 'button', action_id: 'nobody_listens', block_id: 'b' }],
      }),
    ],
    ['empty actions', interaction({ type: 'block_actions', actions: [] })],
    [
      'a view_closed',
      interaction({
        type: 'view_closed',
        view: { id: 'V0X', callback_id: 'give_kudos_form', state: { values: {} } },
      }),
    ],
    ['an unknown payload type', interaction({ type: 'block_suggestion_of_the_future' })],
  ])('%s is acknowledged with 200 at once, and nothing is done', async (_name, body) => {
    const res = await payload(body);
    expect(res.status).toBe(200);
    expect(refusals()).toEqual([]);
    expect(t.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  test('an event type nothing listens for, and app_rate_limited, are acknowledged with 200', async () => {
    const message = envelope({
      type: 'message',
      user: ANA,
      text: 'hi',
      ts: '1700000001.000001',
      channel: 'C0GENERAL',
    });
    expect((await t.requests.post(JSON.stringify(message), JSON_TYPE)).status).toBe(200);
    const limited = {
      token: 'x',
      type: 'app_rate_limited',
      team_id: TEAM,
      minute_rate_limited: 1518467820,
      api_app_id: 'A0RAPPORT',
    };
    expect((await t.requests.post(JSON.stringify(limited), JSON_TYPE)).status).toBe(200);
    expect((await t.requests.post(JSON.stringify(limited), JSON_TYPE, { unsigned: true })).status).toBe(401);
  });
});

describe('a request that fails after it was understood', () => {
  const reaction = () => reactionEvent({ user: 'U0NEWCOMER', item_user: BEN, ts: '1700000002.000001' });

  test('is answered 200 when sending it again would fail the same way', async () => {
    t.slack.failNext('users.info', 'invalid_auth');
    const res = await t.requests.event(reaction());
    expect(res.status).toBe(200);
    expect(await kudosCount()).toBe(0);
  });

  test('is answered 500 when what it needed was unavailable, and the retry lands', async () => {
    t.slack.addUser({ id: 'U0NEWCOMER', name: 'newcomer' });
    t.slack.failNext('users.info', 'internal_error');
    const event = reaction();
    const failed = await t.requests.event(event, { event_id: 'Ev0RETRYME1' });
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('');
    const retried = await t.requests.event(event, { event_id: 'Ev0RETRYME1', retryNum: 1 });
    expect(retried.status).toBe(200);
    expect(await kudosCount()).toBe(1);
  });
});

describe('a poisoned burst', () => {
  test('120 good reactions sent at once with 12 without a workspace: every good one is stored, no bad one, none gets 5xx', async () => {
    const people = Array.from({ length: 12 }, (_, i) => `U0PEOPLE${String(i).padStart(2, '0')}`);
    for (const id of people) t.slack.addUser({ id, name: id.toLowerCase() });
    const good = Array.from({ length: 120 }, (_, i) =>
      t.requests.event(
        reactionEvent({
          user: people[i % 12] as string,
          item_user: people[(i + 1) % 12] as string,
          ts: `1700000100.${String(i).padStart(6, '0')}`,
        }),
      ),
    );
    const bad = Array.from({ length: 12 }, (_, i) =>
      t.requests.post(
        JSON.stringify(
          envelope(
            reactionEvent({ user: ANA, item_user: BEN, ts: `1700000200.${String(i).padStart(6, '0')}` }),
            {
              team_id: undefined,
              authorizations: undefined,
            },
          ),
        ),
        JSON_TYPE,
      ),
    );
    const statuses = await Promise.all([...good, ...bad].map(async (r) => (await r).status));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(await kudosCount()).toBe(120);
    expect(refusals()).toHaveLength(12);
  });
});
