import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { FakeSlack } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * Two replicas on one database, behind one Slack, both ticking when a round of coffee pairs comes
 * due (and again halfway): the round is made once, each group is introduced once and asked once.
 */
const PEOPLE = ['U0ANA00001', 'U0BEN00002', 'U0CY000003', 'U0DEE00004', 'U0EVE00005', 'U0FAY00006'];
const CHANNEL = 'C0TEAMROOM';

let database: TestDatabase;
let slack: FakeSlack;
let one: TestApp;
let two: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start();
  one = await startTestApp({ database, slack });
  two = await startTestApp({ database, slack });
});
afterAll(async () => {
  await one.close();
  await two.close();
  await slack.stop();
  await database.close();
});

const both = (instant: string) => {
  for (const app of [one, two]) app.clock.set(instant);
};

test('two replicas ticking at once: one round, each group introduced once and asked once', async () => {
  for (const id of PEOPLE) slack.addUser({ id, name: id.slice(3, 6).toLowerCase(), tz: 'Europe/Berlin' });
  slack.channelMembers.set(CHANNEL, PEOPLE);
  both('2026-12-10T12:00:00Z');
  await one.requests.command({
    command: '/rituals',
    text: 'pairs weekly mon 10:00 Europe/Berlin',
    user_id: PEOPLE[0] ?? '',
    channel_id: CHANNEL,
  });
  for (const [i, user] of PEOPLE.entries()) {
    await (i % 2 ? two : one).requests.command({
      command: '/pairs',
      text: 'join',
      user_id: user,
      channel_id: CHANNEL,
    });
  }
  await Promise.all([one.app.background.drain(), two.app.background.drain()]);

  const groupPosts = (text: string) =>
    slack
      .callsTo('chat.postMessage')
      .filter((c) => /^G/.test(String(c.args.channel)) && String(c.args.text).startsWith(text));
  for (const [instant, text] of [
    ['2026-12-14T09:00:01Z', 'Coffee pairs'],
    ['2026-12-17T21:00:01Z', 'Did you meet?'],
  ] as const) {
    both(instant);
    await Promise.all([one.app.jobs.tick(), two.app.jobs.tick(), one.app.jobs.tick(), two.app.jobs.tick()]);
    await slack.waitFor(() => groupPosts(text).length >= 3);
    for (let pass = 0; pass < 3; pass += 1) {
      both(new Date(Date.parse(instant) + (pass + 1) * 1_100).toISOString());
      await Promise.all([one.app.jobs.deliver(), two.app.jobs.deliver()]);
    }
    await Promise.all([one.app.background.drain(), two.app.background.drain()]);
    // Six people: three pairs, each told once, in its own group DM.
    const posted = groupPosts(text);
    expect(posted).toHaveLength(3);
    expect(new Set(posted.map((c) => c.args.channel)).size).toBe(3);
  }
});
