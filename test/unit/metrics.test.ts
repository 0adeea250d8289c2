import { describe, expect, test } from '@jest/globals';
import { type ApiOutcome, observedFetch } from '../../src/metrics/metrics.js';
import { statementName } from '../../src/metrics/statement-name.js';
import { outcomeOf, surfaceOf } from '../../src/http/metrics-endpoint.js';
import { loadConfig, secretsOf } from '../../src/config.js';

describe('statementName: verb and first table, from the SQL text alone', () => {
  test.each([
    ['select id, reason from kudos where team_id = $1', 'select kudos'],
    ['  SELECT count(*) FROM Kudos k JOIN people p ON p.id = k.giver_id', 'select kudos'],
    ['insert into outbox (team_id, dedupe_key) values ($1, $2) on conflict do nothing', 'insert outbox'],
    ['update charters set body = $2 where team_id = $1', 'update charters'],
    ['delete from outbox where team_id = $1 and dedupe_key like $2', 'delete outbox'],
    ['-- the due slots\nselect * from schedule_slots for update skip locked', 'select schedule_slots'],
    ['with due as (select id from outbox o where status = $1) update outbox set status = $2', 'with outbox'],
    ['select k.* from unnest($1::text[]) as u(id) join kudos k on k.id = u.id', 'select kudos'],
    ['select 1', 'select'],
    ['select pg_advisory_xact_lock($1)', 'select'],
    ["select 'U0ANA00001' as who", 'select'],
    ['vacuum full', 'other'],
    ['', 'other'],
  ])('%s → %s', (sql, name) => {
    expect(statementName(sql)).toBe(name);
  });

  test('a name never carries a literal from the text', () => {
    expect(statementName(`select * from kudos where reason = 'thanks U0ANA00001'`)).toBe('select kudos');
    expect(statementName(`insert into "U0ANA00001" values (1)`)).toBe('insert');
  });
});

describe('observedFetch: each Web API call by method and outcome', () => {
  const record = () => {
    const calls: { method: string; outcome: ApiOutcome }[] = [];
    return { calls, fn: (method: string, outcome: ApiOutcome) => calls.push({ method, outcome }) };
  };
  const answer = (status: number, body: unknown) => async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  test('ok, an error, a 429, another status, no answer', async () => {
    const r = record();
    const base = 'https://slack.com/api/';
    const ok = observedFetch(r.fn, answer(200, { ok: true, ts: '1.2' }));
    const response = await ok(`${base}chat.postMessage`, { method: 'POST' });
    // The caller still reads the whole body.
    expect(await response.json()).toEqual({ ok: true, ts: '1.2' });
    await observedFetch(r.fn, answer(200, { ok: false, error: 'channel_not_found' }))(`${base}chat.update`);
    await observedFetch(r.fn, answer(429, {}))(new URL(`${base}users.info`));
    await observedFetch(r.fn, answer(503, {}))(`${base}conversations.open`);
    const broken = observedFetch(r.fn, async () => {
      throw new TypeError('fetch failed');
    });
    await expect(broken(`${base}files.getUploadURLExternal`)).rejects.toThrow('fetch failed');
    await observedFetch(r.fn, answer(200, { ok: true }))('https://files.slack.com/upload/v1/U0ANA00001');
    expect(r.calls).toEqual([
      { method: 'chat.postMessage', outcome: 'ok' },
      { method: 'chat.update', outcome: 'error' },
      { method: 'users.info', outcome: 'rate_limited' },
      { method: 'conversations.open', outcome: 'http_error' },
      { method: 'files.getUploadURLExternal', outcome: 'network_error' },
      { method: 'other', outcome: 'ok' },
    ]);
  });
});

describe('a Slack request’s surface and outcome', () => {
  test.each([
    ['command:/kudos', 'command'],
    ['event:reaction_added', 'event'],
    ['action:kudos_retract', 'action'],
    ['view_submission:retro_form', 'view'],
    ['view_closed:retro_form', 'view'],
    ['view:rituals_modal', 'view'],
    ['message_action:kudos_shortcut', 'shortcut'],
    ['shortcut:new_retro', 'shortcut'],
    ['block_suggestion', 'options'],
    ['url_verification', 'url_verification'],
    ['app_rate_limited', 'other'],
    [undefined, 'unknown'],
  ])('%s → %s', (type, surface) => {
    expect(surfaceOf({ type })).toBe(surface);
  });

  test('from the status, and what the listener or the edge said', () => {
    expect(outcomeOf({}, 200)).toBe('ok');
    expect(outcomeOf({ outcome: 'user_error' }, 200)).toBe('user_error');
    expect(outcomeOf({ outcome: 'malformed' }, 200)).toBe('malformed');
    expect(outcomeOf({ outcome: 'user_error' }, 500)).toBe('error');
    expect(outcomeOf({}, 401)).toBe('rejected_signature');
    expect(outcomeOf({}, 413)).toBe('rejected');
    expect(outcomeOf({}, 'no_answer')).toBe('no_answer');
  });
});

describe('METRICS_TOKEN', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1-metrics', SLACK_SIGNING_SECRET: 'signing-secret-1234' };

  test('is optional, a secret for the logs, and at least 16 characters', () => {
    expect(loadConfig(base).metricsToken).toBeUndefined();
    const config = loadConfig({ ...base, METRICS_TOKEN: 'a-long-enough-metrics-token' });
    expect(config.metricsToken).toBe('a-long-enough-metrics-token');
    expect(secretsOf(config)).toContain('a-long-enough-metrics-token');
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
