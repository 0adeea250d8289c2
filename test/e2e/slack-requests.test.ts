import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { slackSignature } from '../../src/slack-emulator/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { reactionEvent, SIGNING_SECRET } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  t.slack.addUser({ id: ANA, name: 'ana' });
  t.slack.addUser({ id: BEN, name: 'ben' });
});
afterAll(() => t.close());
afterEach(async () => {
  expect(await kudosCount()).toBe(0);
  await t.reset();
  t.slack.addUser({ id: ANA, name: 'ana' });
  t.slack.addUser({ id: BEN, name: 'ben' });
});

const kudosCount = async () =>
  (await t.database.db.query('select count(*)::int as n from kudos', [], z.object({ n: z.number() })))[0]?.n;

const commandBody = () => t.requests.commandBody({ text: `<@${BEN}|ben> thanks`, user_id: ANA });
const FORM = 'application/x-www-form-urlencoded';

describe('requests that are not from Slack change nothing', () => {
  test('unsigned', async () => {
    const res = await t.requests.post(commandBody(), FORM, { unsigned: true });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
  });

  test('signed with the wrong secret', async () => {
    const res = await t.requests.post(commandBody(), FORM, { secret: `${SIGNING_SECRET}x` });
    expect(res.status).toBe(401);
  });

  test('a body altered after signing', async () => {
    const body = commandBody();
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = await t.requests.post(body, FORM, { timestamp });
    expect(signed.status).toBe(200);
    await t.reset();
    const tampered = body.replace('thanks', 'thanks+a+lot');
    const res = await fetch(`${t.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': FORM,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
      },
      body: tampered,
    });
    expect(res.status).toBe(401);
  });

  test('a replay older than five minutes (stale timestamp), even correctly signed', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const event = await t.requests.event(
      reactionEvent({ user: ANA, item_user: BEN }),
      {},
      { timestamp: sixMinutesAgo },
    );
    expect(event.status).toBe(401);
    const command = await t.requests.post(commandBody(), FORM, { timestamp: sixMinutesAgo });
    expect(command.status).toBe(401);
  });

  test('a timestamp from the future', async () => {
    const res = await t.requests.post(commandBody(), FORM, {
      timestamp: Math.floor(Date.now() / 1000) + 10 * 60,
    });
    expect(res.status).toBe(401);
  });

  test('a signed body that is not JSON', async () => {
    const res = await t.requests.post('{"type": "event_callback", ', 'application/json');
    expect(res.status).toBe(400);
  });

  test('a body over the size limit', async () => {
    const huge = JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(2 * 1024 * 1024) });
    const res = await t.requests.post(huge, 'application/json');
    expect(res.status).toBe(413);
  });
});

describe('the HTTP surface', () => {
  test('url_verification answers the challenge', async () => {
    const challenge = loadFixture('events/url_verification.json');
    const res = await t.requests.post(JSON.stringify(challenge), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: challenge.challenge });
  });

  test('GET /healthz and /readyz answer 200 while all is well', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  test('other methods and paths', async () => {
    expect((await fetch(`${t.url}/slack/events`)).status).toBe(405);
    expect((await fetch(`${t.url}/nothing-here`)).status).toBe(404);
  });

  test('a bot connected to a workspace has no playground: no page, no clock control', async () => {
    expect((await fetch(`${t.url}/`)).status).toBe(404);
    const clock = await fetch(`${t.url}/playground/api/clock`, {
      method: 'POST',
      body: JSON.stringify({ as: 'U0ANALIMA1', advance: 'day' }),
    });
    expect(clock.status).toBe(404);
  });

  test('an event type Rapport does not handle is acknowledged and ignored', async () => {
    const res = await t.requests.event({
      type: 'member_joined_channel',
      user: ANA,
      channel: 'C0GENERAL',
      channel_type: 'C',
    });
    expect(res.status).toBe(200);
  });
});

describe('the access log', () => {
  test('one line per Slack request with its type, team, latency and outcome; no secret anywhere', async () => {
    t.logs.raw.length = 0;
    await t.requests.event(reactionEvent({ user: ANA, item_user: BEN, reaction: 'eyes' }), {
      event_id: 'Ev0LOGGED1',
    });
    await t.requests.command({ text: 'help', user_id: ANA });
    await t.requests.post(commandBody(), FORM, { unsigned: true });

    const requests = t.logs.lines().filter((l) => l.msg === 'slack request');
    expect(requests).toEqual([
      expect.objectContaining({
        type: 'event:reaction_added',
        teamId: 'T0RAPPORT1',
        eventId: 'Ev0LOGGED1',
        status: 200,
        outcome: 'ok',
        ms: expect.any(Number),
      }),
      expect.objectContaining({ type: 'command:/kudos', teamId: 'T0RAPPORT1', status: 200, outcome: 'ok' }),
      expect.objectContaining({ type: 'unknown', status: 401, outcome: 'rejected_signature' }),
    ]);
  });
});
