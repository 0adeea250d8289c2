import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { reactionEvent } from '../helpers/slack-request.js';
import type { TcpProxy } from '../helpers/tcp-proxy.js';
import { type ProxiedApp, startAppBehindProxy, type TestApp } from '../helpers/test-app.js';
import type { TestDatabase } from '../helpers/test-database.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';

let setup: ProxiedApp;
let database: TestDatabase;
let proxy: TcpProxy;
let t: TestApp;

beforeAll(async () => {
  setup = await startAppBehindProxy();
  ({ t, proxy, database } = setup);
  t.slack.addUser({ id: ANA, name: 'ana' });
  t.slack.addUser({ id: BEN, name: 'ben' });
});
afterAll(() => setup.close());
beforeEach(async () => {
  proxy.restore();
  proxy.resume();
  await database.truncate();
});

const kudosCount = async () =>
  (await database.db.query('select count(*)::int as n from kudos', [], z.object({ n: z.number() })))[0]?.n;

const get = async (path: string) => (await fetch(`${t.url}${path}`)).status;

describe('when Postgres goes away', () => {
  test('events fail fast with an error so Slack retries; /readyz says 503; the retry lands once', async () => {
    expect(await get('/readyz')).toBe(200);
    proxy.cut();

    const event = reactionEvent({ user: ANA, item_user: BEN, ts: '1700000001.000001' });
    const started = Date.now();
    const failed = await t.requests.event(event, { event_id: 'Ev0OUTAGE01' });
    expect(failed.status).toBe(500);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await failed.text()).not.toMatch(/Error|at /);
    expect(await get('/readyz')).toBe(503);
    expect(await get('/healthz')).toBe(200);

    proxy.restore();
    await waitUntil(async () => (await get('/readyz')) === 200);
    const retried = await t.requests.event(event, { event_id: 'Ev0OUTAGE01', retryNum: 1 });
    expect(retried.status).toBe(200);
    const again = await t.requests.event(event, { event_id: 'Ev0OUTAGE01', retryNum: 2 });
    expect(again.status).toBe(200);
    expect(await kudosCount()).toBe(1);
  });

  test('a command during the outage gets a clear message and records nothing', async () => {
    proxy.cut();
    const res = await t.requests.command({ text: `<@${BEN}|ben> thanks`, user_id: ANA });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { text: string };
    expect(reply.text).toMatch(/Something went wrong on our side and nothing was saved/);
    proxy.restore();
    expect(await kudosCount()).toBe(0);
    await waitUntil(async () => (await get('/readyz')) === 200);
    const ok = await t.requests.command({ text: `<@${BEN}|ben> thanks`, user_id: ANA });
    expect(await ok.text()).toBe('');
    expect(await kudosCount()).toBe(1);
  });

  test('Slack gets no answer before the kudos is stored', async () => {
    proxy.pause();
    let answered = false;
    const pending = t.requests
      .event(reactionEvent({ user: ANA, item_user: BEN, ts: '1700000002.000002' }))
      .then((res) => {
        answered = true;
        return res;
      });
    await new Promise((r) => setTimeout(r, 400));
    expect(answered).toBe(false);
    proxy.resume();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await kudosCount()).toBe(1);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
