import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { ephemeralsTo, kudosRows, mention, postsTo, replyText, standing } from '../helpers/kudos.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CAL = 'U0CAL00003';
const DEV = 'U0DEV00004';
const ADMIN = 'U0ADMIN005';
const CHANNEL = 'C0GENERAL';
const HOUR = 60 * 60 * 1000;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: CAL, name: 'cal', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: DEV, name: 'dev', tz: 'America/New_York' });
  t.slack.addUser({ id: ADMIN, name: 'admin', is_admin: true, tz: 'Europe/Berlin' });
  // Tuesday 10 March 2026, 11:00 in Berlin, 06:00 in New York.
  t.clock.set('2026-03-10T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

const kudos = (user_id: string, text: string) => t.requests.command({ text, user_id, channel_id: CHANNEL });
const setBudget = async (budget: string) => {
  const res = await t.requests.command({ text: `budget ${budget}`, user_id: ADMIN });
  expect(await replyText(res)).toMatch(/kudos a day|budget is off/);
};
const budgetRow = async () =>
  (
    await t.database.db.query(
      'select kudos_daily_budget from workspaces where team_id = $1',
      [TEAM_ID],
      z.object({ kudos_daily_budget: z.number().nullable() }),
    )
  )[0]?.kudos_daily_budget;

describe('/kudos budget', () => {
  test('is off unless an admin sets it; anyone can see it, only admins change it', async () => {
    expect(await replyText(await kudos(ANA, 'budget'))).toMatch(/no daily kudos budget/);

    const refused = await replyText(await kudos(ANA, 'budget 3'));
    expect(refused).toBe('Only workspace admins and owners can set the kudos budget.');
    expect(await budgetRow()).toBeUndefined();

    expect(await replyText(await kudos(ADMIN, 'budget 3'))).toBe(
      'Each person can now give up to 3 kudos a day, counted in their own time zone.',
    );
    expect(await budgetRow()).toBe(3);
    await kudos(ANA, `${mention(BEN)} for the review`);
    const shown = await replyText(await kudos(ANA, 'budget'));
    expect(shown).toMatch(/up to 3 kudos a day/);
    expect(shown).toMatch(/You have 2 left today/);

    expect(await replyText(await kudos(ADMIN, 'budget off'))).toMatch(/budget is off/);
    expect(await budgetRow()).toBeNull();
  });

  test.each([['0'], ['101'], ['lots'], ['2.5'], ['-1']])(
    '"budget %s" is explained, nothing changes',
    async (n) => {
      const reply = await replyText(await kudos(ADMIN, `budget ${n}`));
      expect(reply).toMatch(/from 1 to 100, or `off`/);
      expect(await budgetRow()).toBeUndefined();
    },
  );
});

describe('over the budget, nothing is recorded and the giver hears why', () => {
  test('a command: several recipients that do not all fit record none of them', async () => {
    await setBudget('3');
    expect(await replyText(await kudos(ANA, `${mention(BEN)} for the review`))).toBe('');

    const tooMany = await replyText(
      await kudos(ANA, `${mention(BEN)} ${mention(CAL)} ${mention(DEV)} for the demo`),
    );
    expect(tooMany).toMatch(/That would be 3 kudos, and you have 2 of today's 3 left/);
    expect(tooMany).toMatch(/nothing was recorded/);
    expect(tooMany).toMatch(/midnight your time \(<!date\^\d+\^/);
    expect(tooMany).toMatch(/in 13 h\)/);
    expect(await standing(t)).toEqual([`${ANA}→${BEN} command`]);

    expect(await replyText(await kudos(ANA, `${mention(BEN)} ${mention(CAL)} for the demo`))).toBe('');
    const spent = await replyText(await kudos(ANA, `${mention(DEV)} for the docs`));
    expect(spent).toMatch(/You have given all 3 of today's kudos/);
    expect(spent).toMatch(/You have 0 left/);
    expect(await kudosRows(t)).toHaveLength(3);
    await t.app.background.drain();
    // Announced: the two recorded commands, never the refused ones.
    expect(postsTo(t, CHANNEL)).toHaveLength(2);
    await t.app.jobs.deliver();
    expect(postsTo(t, DEV)).toEqual([]);
  });

  test('the day is the giver’s own, from their midnight', async () => {
    await setBudget('1');
    // 23:30 in Berlin, 18:30 in New York.
    t.clock.set('2026-03-10T22:30:00Z');
    expect(await replyText(await kudos(ANA, `${mention(BEN)} for the fix`))).toBe('');
    expect(await replyText(await kudos(DEV, `${mention(BEN)} for the fix`))).toBe('');
    expect(await replyText(await kudos(ANA, `${mention(CAL)} for the talk`))).toMatch(/in 30 min\)/);

    t.clock.advance(HOUR);
    // Berlin's new day has begun; New York's has not.
    expect(await replyText(await kudos(ANA, `${mention(CAL)} for the talk`))).toBe('');
    expect(await replyText(await kudos(DEV, `${mention(CAL)} for the talk`))).toMatch(
      /all 1 of today's kudos/,
    );
    expect(await standing(t)).toEqual([
      `${ANA}→${BEN} command`,
      `${DEV}→${BEN} command`,
      `${ANA}→${CAL} command`,
    ]);
  });

  test('a reaction: the reactor is told in that channel, and nothing of it is kept', async () => {
    await setBudget('1');
    const react = (fields: Omit<Parameters<typeof reactionEvent>[0], 'user'>) =>
      t.requests.event(reactionEvent({ channel: CHANNEL, user: ANA, ...fields }));
    await react({ item_user: BEN, ts: '1700000000.000001' });
    const over = await react({ item_user: CAL, ts: '1700000000.000002' });
    expect(over.status).toBe(200);
    await t.app.background.drain();
    const [told] = ephemeralsTo(t, ANA);
    expect(told?.args).toMatchObject({ channel: CHANNEL, user: ANA });
    expect(String(told?.args.text)).toMatch(/all 1 of today's kudos/);
    expect(ephemeralsTo(t, ANA)).toHaveLength(1);

    // Another kudos emoji on the message already thanked costs nothing.
    await react({ item_user: BEN, ts: '1700000000.000001', reaction: 'raised_hands' });
    // Taking the refused reaction off finds nothing to take back.
    await react({ type: 'reaction_removed', item_user: CAL, ts: '1700000000.000002' });
    await t.app.background.drain();
    expect(ephemeralsTo(t, ANA)).toHaveLength(1);
    expect(await standing(t)).toEqual([`${ANA}→${BEN} reaction`]);

    // The next day, the same reaction added again counts.
    t.clock.advance(24 * HOUR);
    await react({ item_user: CAL, ts: '1700000000.000002' });
    expect(await standing(t)).toEqual([`${ANA}→${BEN} reaction`, `${ANA}→${CAL} reaction`]);
  });

  test('a replayed command is "already recorded", not over the budget', async () => {
    await setBudget('1');
    const body = t.requests.commandBody({ text: `${mention(BEN)} thanks!`, user_id: ANA });
    await t.requests.post(body, 'application/x-www-form-urlencoded');
    const again = await t.requests.post(body, 'application/x-www-form-urlencoded');
    expect(await replyText(again)).toMatch(/already recorded/);
    expect(await kudosRows(t)).toHaveLength(1);
  });
});

describe('the budget holds under concurrency', () => {
  test('commands sent at once record exactly the budget', async () => {
    await setBudget('3');
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        kudos(ANA, `${mention(i % 2 ? BEN : CAL)} for thing ${i}`).then(replyText),
      ),
    );
    expect(replies.filter((r) => r === '')).toHaveLength(3);
    expect(replies.filter((r) => /all 3 of today's kudos/.test(r))).toHaveLength(5);
    expect(await kudosRows(t)).toHaveLength(3);
  });

  test('reactions on different messages at once record exactly the budget', async () => {
    await setBudget('2');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.requests.event(
          reactionEvent({ channel: CHANNEL, user: ANA, item_user: BEN, ts: `1700000001.00000${i}` }),
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(await standing(t)).toHaveLength(2);
    await t.app.background.drain();
    expect(ephemeralsTo(t, ANA)).toHaveLength(4);
  });

  test('commands and reactions at once share one budget', async () => {
    await setBudget('2');
    await Promise.all([
      kudos(ANA, `${mention(BEN)} for one`),
      kudos(ANA, `${mention(CAL)} for two`),
      t.requests.event(
        reactionEvent({ channel: CHANNEL, user: ANA, item_user: DEV, ts: '1700000002.000001' }),
      ),
      t.requests.event(
        reactionEvent({ channel: CHANNEL, user: ANA, item_user: CAL, ts: '1700000002.000002' }),
      ),
    ]);
    expect(await standing(t)).toHaveLength(2);
  });
});
