import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { APP_TOKEN } from '../helpers/fake-slack.js';
import { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { reactionEvent } from '../helpers/slack-request.js';
import type { TcpProxy } from '../helpers/tcp-proxy.js';
import { type ProxiedApp, startAppBehindProxy, type TestApp } from '../helpers/test-app.js';
import type { TestDatabase } from '../helpers/test-database.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';

let setup: ProxiedApp;
let database: TestDatabase;
let proxy: TcpProxy;
let socket: FakeSocketMode;
let t: TestApp;

beforeAll(async () => {
  setup = await startAppBehindProxy({
    env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' },
    beforeStart: async (slack) => {
      socket = await FakeSocketMode.start(slack);
    },
  });
  ({ t, proxy, database } = setup);
  t.slack.addUser({ id: ANA, name: 'ana' });
  t.slack.addUser({ id: BEN, name: 'ben' });
});
afterAll(async () => {
  await setup.close();
  await socket.stop();
});
beforeEach(async () => {
  proxy.restore();
  await database.truncate();
});

const kudosCount = async () =>
  (await database.db.query('select count(*)::int as n from kudos', [], z.object({ n: z.number() })))[0]?.n;
const envelope = (event: Record<string, unknown>) =>
  JSON.parse(t.requests.eventBody(event)) as Record<string, unknown>;

test('the HTTP endpoint is off in Socket Mode; the probes still answer', async () => {
  expect((await fetch(`${t.url}/slack/events`, { method: 'POST' })).status).toBe(404);
  expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
});

test('a reaction over the socket is stored, then acknowledged; a redelivery counts once', async () => {
  const event = envelope(reactionEvent({ user: ANA, item_user: BEN }));
  const ack = await socket.send('events_api', event, { envelopeId: 'env-1' });
  expect(ack).toMatchObject({ envelope_id: 'env-1' });
  expect(await kudosCount()).toBe(1);
  expect(await socket.send('events_api', event, { envelopeId: 'env-1', retryAttempt: 1 })).not.toBe('no_ack');
  expect(await kudosCount()).toBe(1);
});

test('when the database is down the envelope is not acknowledged, so Slack delivers it again', async () => {
  const event = envelope(reactionEvent({ user: BEN, item_user: ANA, ts: '1700000009.000009' }));
  proxy.cut();
  expect(await socket.send('events_api', event, { envelopeId: 'env-2', waitMs: 1_500 })).toBe('no_ack');
  proxy.restore();
  expect(await socket.send('events_api', event, { envelopeId: 'env-2', retryAttempt: 1 })).toMatchObject({
    envelope_id: 'env-2',
  });
  expect(await kudosCount()).toBe(1);
});

test('a slash command is answered in the acknowledgement', async () => {
  const body = Object.fromEntries(
    new URLSearchParams(t.requests.commandBody({ text: 'help', user_id: ANA })),
  );
  const ack = await socket.send('slash_commands', body);
  expect(ack).toMatchObject({ payload: { response_type: 'ephemeral', text: 'How to use /kudos' } });
});
