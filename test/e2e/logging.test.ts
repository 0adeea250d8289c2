import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { BOT_TOKEN } from '../helpers/fake-slack.js';
import { reactionEvent, SIGNING_SECRET } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ logLevel: 'trace' });
  t.slack.addUser({ id: 'U0ANA00001', name: 'ana' });
  t.slack.addUser({ id: 'U0BEN00002', name: 'ben' });
});
afterAll(() => t.close());

test('even at trace level, with Bolt and the Web API client logging, no token or secret is written', async () => {
  await t.requests.command({ text: '<@U0BEN00002|ben> for the review', user_id: 'U0ANA00001' });
  await t.requests.event(reactionEvent({ user: 'U0BEN00002', item_user: 'U0ANA00001' }));
  await t.requests.command({ text: 'help', user_id: 'U0ANA00001' }, { secret: 'wrong-secret' });
  await t.app.background.drain();

  const text = t.logs.raw.join('');
  expect(t.logs.raw.length).toBeGreaterThan(10);
  expect(text).toContain('chat.postMessage');
  expect(text).not.toContain(BOT_TOKEN);
  expect(text).not.toContain(SIGNING_SECRET);
  expect(text).not.toContain('1111-2222-testtokenvalue');
});

test('every line is one JSON object with a level and a time', () => {
  for (const line of t.logs.raw) {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toEqual(expect.objectContaining({ level: expect.any(Number), time: expect.any(String) }));
  }
});
