import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { APP_TOKEN } from '../helpers/fake-slack.js';
import { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { parsePrometheusText, type Sample, sampleSum } from '../helpers/prometheus-text.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * GET /metrics (issue 20): Prometheus's text format from the app's own registry, on whichever
 * engine the suite runs (TEST_DATABASE_URL set: a Postgres server; unset: embedded PGlite). Every
 * number is read through HTTP after driving the app through its Slack endpoint.
 */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CHANNEL = 'C0GENERAL';
const TOKEN = 'metrics-token-7d1e0c94b2a6';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  t.slack.addUser({ id: ANA, name: 'ana' });
  t.slack.addUser({ id: BEN, name: 'ben' });
});
afterAll(() => t.close());
afterEach(() => {
  expect(t.slack.unhandled).toEqual([]);
});

async function scrape(app: TestApp = t, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await fetch(`${app.url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await res.text());
}

const kudos = (text: string, user = ANA) =>
  t.requests.command({ command: '/kudos', text, user_id: user, channel_id: CHANNEL });

describe('GET /metrics', () => {
  test('lists every metric Rapport keeps, and the process’s own', async () => {
    // Labelled counters show once something is counted: one command, its delivery, a tick.
    await kudos(`<@${BEN}|ben> for the metrics review`);
    await t.app.background.drain();
    await t.app.jobs.deliver();
    await t.app.jobs.tick();
    const names = new Set((await scrape()).map((s) => s.name));
    for (const name of [
      'rapport_slack_requests_total',
      'rapport_slack_request_duration_seconds_bucket',
      'rapport_slack_api_calls_total',
      'rapport_slack_api_call_duration_seconds_count',
      'rapport_outbox_waiting',
      'rapport_outbox_oldest_waiting_seconds',
      'rapport_outbox_deliveries_total',
      'rapport_outbox_send_duration_seconds_count',
      'rapport_outbox_delivery_delay_seconds_count',
      'rapport_scheduler_ticks_total',
      'rapport_scheduler_tick_duration_seconds_count',
      'rapport_scheduler_last_tick_timestamp_seconds',
      'rapport_db_pool_connections',
      'rapport_db_query_duration_seconds_bucket',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(names).toContain(name);
    }
  });

  test('counts a command by surface and outcome, its Web API calls, its statements, its delivery', async () => {
    const before = await scrape();
    const postsBefore = t.slack.callsTo('chat.postMessage').length;
    const res = await kudos(`<@${BEN}|ben> for pairing on the outage`);
    expect(res.status).toBe(200);
    await t.app.background.drain();
    await t.app.jobs.deliver();
    const after = await scrape();
    const grew = (name: string, labels: Record<string, string>) =>
      sampleSum(after, name, labels) - sampleSum(before, name, labels);

    expect(grew('rapport_slack_requests_total', { surface: 'command', outcome: 'ok' })).toBe(1);
    expect(grew('rapport_slack_request_duration_seconds_count', { surface: 'command' })).toBe(1);
    // The announcement and Ben's DM went out through the outbox.
    const posts = t.slack.callsTo('chat.postMessage').length - postsBefore;
    expect(posts).toBeGreaterThan(0);
    expect(grew('rapport_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'ok' })).toBe(posts);
    expect(grew('rapport_outbox_deliveries_total', { outcome: 'sent' })).toBeGreaterThan(0);
    expect(grew('rapport_outbox_delivery_delay_seconds_count', {})).toBeGreaterThan(0);
    // The kudos row was written: its statement is named by verb and table, never by its values.
    expect(
      grew('rapport_db_query_duration_seconds_count', { statement: 'insert kudos', outcome: 'ok' }),
    ).toBe(1);
    const statements = new Set(
      after
        .filter((s) => s.name === 'rapport_db_query_duration_seconds_count')
        .map((s) => s.labels.statement),
    );
    for (const statement of statements) expect(statement).toMatch(/^[a-z]+( [a-z_][a-z0-9_.]*)?$/);
  });

  test('a person’s mistake is a user_error; an unsigned request is rejected', async () => {
    const before = await scrape();
    const res = await kudos('for nothing in particular');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('kudos');
    const unsigned = await t.requests.command(
      { command: '/kudos', text: `<@${BEN}|ben> thanks`, user_id: ANA, channel_id: CHANNEL },
      { unsigned: true },
    );
    expect(unsigned.status).toBe(401);
    const after = await scrape();
    const grew = (labels: Record<string, string>) =>
      sampleSum(after, 'rapport_slack_requests_total', labels) -
      sampleSum(before, 'rapport_slack_requests_total', labels);
    expect(grew({ surface: 'command', outcome: 'user_error' })).toBe(1);
    expect(grew({ outcome: 'rejected_signature' })).toBe(1);
    expect(grew({ outcome: 'ok' })).toBe(0);
  });

  test('a 429 is counted as rate_limited, and the outbox retries', async () => {
    await t.app.jobs.deliver();
    const before = await scrape();
    t.slack.rateLimitNext('chat.postMessage', 30);
    await kudos(`<@${BEN}|ben> for the rate-limit drill`);
    await t.app.background.drain();
    await t.app.jobs.deliver();
    const after = await scrape();
    const grew = (name: string, labels: Record<string, string>) =>
      sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(
      grew('rapport_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'rate_limited' }),
    ).toBe(1);
    expect(grew('rapport_outbox_deliveries_total', { outcome: 'retried' })).toBeGreaterThanOrEqual(1);
    // What waits for its Retry-After is waiting, and has an age.
    expect(sampleSum(after, 'rapport_outbox_waiting')).toBeGreaterThanOrEqual(1);
    t.clock.advance(45_000);
    const later = await scrape();
    expect(sampleSum(later, 'rapport_outbox_oldest_waiting_seconds')).toBeGreaterThanOrEqual(45);
    await t.app.jobs.deliver();
    await t.app.jobs.deliver();
    const settled = await scrape();
    expect(sampleSum(settled, 'rapport_outbox_waiting')).toBe(0);
    expect(sampleSum(settled, 'rapport_outbox_oldest_waiting_seconds')).toBe(0);
  });

  test('a scheduler tick is counted with its time, and the pool is shown', async () => {
    const before = await scrape();
    t.clock.set('2026-12-10T12:00:00Z');
    await t.app.jobs.tick();
    const after = await scrape();
    expect(
      sampleSum(after, 'rapport_scheduler_ticks_total', { outcome: 'ok' }) -
        sampleSum(before, 'rapport_scheduler_ticks_total', { outcome: 'ok' }),
    ).toBe(1);
    expect(sampleSum(after, 'rapport_scheduler_last_tick_timestamp_seconds')).toBe(
      Date.parse('2026-12-10T12:00:00Z') / 1000,
    );
    const pool = after.filter((s) => s.name === 'rapport_db_pool_connections');
    expect(pool.map((s) => s.labels.state).sort()).toEqual(['idle', 'total', 'waiting']);
    expect(sampleSum(after, 'rapport_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
  });

  test('without METRICS_TOKEN it is open; it answers GET and HEAD only', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(200);
    const head = await fetch(`${t.url}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${t.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});

describe('with METRICS_TOKEN', () => {
  let guarded: TestApp;
  beforeAll(async () => {
    guarded = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => guarded.close());

  test('asks for the token as a bearer token, and refuses anything else with 401', async () => {
    const status = async (headers: Record<string, string>) =>
      (await fetch(`${guarded.url}/metrics`, { headers })).status;
    expect(await status({})).toBe(401);
    expect(await status({ authorization: 'Bearer wrong-token-0000000000' })).toBe(401);
    expect(await status({ authorization: `Bearer ${TOKEN}x` })).toBe(401);
    expect(await status({ authorization: `Basic ${TOKEN}` })).toBe(401);
    expect(await status({ authorization: TOKEN })).toBe(401);
    const refused = await fetch(`${guarded.url}/metrics`);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await refused.text()).not.toContain('rapport_');
    const samples = await scrape(guarded, { authorization: `Bearer ${TOKEN}` });
    expect(samples.some((s) => s.name === 'rapport_db_pool_connections')).toBe(true);
    // The other probes stay open.
    expect((await fetch(`${guarded.url}/healthz`)).status).toBe(200);
  });

  test('the token is a secret: logs never show it', () => {
    guarded.logs.log.info({ header: `Bearer ${TOKEN}` }, 'a line that mentions the token');
    const text = JSON.stringify(guarded.logs.lines());
    expect(text).toContain('a line that mentions the token');
    expect(text).not.toContain(TOKEN);
  });
});

describe('over Socket Mode', () => {
  let socketApp: TestApp;
  let socket: FakeSocketMode;
  beforeAll(async () => {
    socketApp = await startTestApp({
      env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' },
      beforeStart: async (slack) => {
        socket = await FakeSocketMode.start(slack);
      },
    });
    socketApp.slack.addUser({ id: ANA, name: 'ana' });
    socketApp.slack.addUser({ id: BEN, name: 'ben' });
  });
  afterAll(async () => {
    await socketApp.close();
    await socket.stop();
  });

  test('each envelope is counted as a request over HTTP is, and /metrics still answers', async () => {
    const body = (event: Record<string, unknown>) =>
      JSON.parse(socketApp.requests.eventBody(event)) as Record<string, unknown>;
    await socket.send('events_api', body(reactionEvent({ user: ANA, item_user: BEN })), {
      envelopeId: 'env-metrics-1',
    });
    await socket.send('events_api', body({ type: 'team_rename', name: 'Renamed' }), {
      envelopeId: 'env-metrics-2',
    });
    const samples = await scrape(socketApp);
    expect(sampleSum(samples, 'rapport_slack_requests_total', { surface: 'event', outcome: 'ok' })).toBe(1);
    expect(
      sampleSum(samples, 'rapport_slack_requests_total', { surface: 'event', outcome: 'unhandled' }),
    ).toBe(1);
  });
});
