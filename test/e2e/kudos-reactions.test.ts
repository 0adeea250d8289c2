import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CAL = 'U0CAL00003';
const BOT = 'U0SOMEBOT';
const MSG = { channel: 'C0GENERAL', ts: '1700000000.000100' };

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana' });
  t.slack.addUser({ id: BEN, name: 'ben' });
  t.slack.addUser({ id: CAL, name: 'cal', is_admin: true });
  t.slack.addUser({ id: BOT, name: 'deploybot', is_bot: true });
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

const standing = () =>
  t.database.db.query(
    `select team_id, giver_id, receiver_id, channel_id, message_ts, source, emoji, reason
     from kudos where retracted_at is null order by id`,
    [],
    z.object({
      team_id: z.string(),
      giver_id: z.string(),
      receiver_id: z.string(),
      channel_id: z.string(),
      message_ts: z.string().nullable(),
      source: z.string(),
      emoji: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  );

const react = (fields: Parameters<typeof reactionEvent>[0]) => reactionEvent({ ...MSG, ...fields });

describe('a kudos emoji on someone’s message is a kudos', () => {
  test('from the reactor to the author, linked to the message', async () => {
    const res = await t.requests.event(react({ user: ANA, item_user: BEN, reaction: 'clap' }));
    expect(res.status).toBe(200);
    expect(await standing()).toEqual([
      {
        team_id: TEAM_ID,
        giver_id: ANA,
        receiver_id: BEN,
        channel_id: MSG.channel,
        message_ts: MSG.ts,
        source: 'reaction',
        emoji: 'clap',
        reason: null,
      },
    ]);
  });

  test('skin tones count as the emoji itself', async () => {
    await t.requests.event(react({ user: ANA, item_user: BEN, reaction: 'raised_hands::skin-tone-4' }));
    expect((await standing())[0]?.emoji).toBe('raised_hands');
  });

  test('reaction_removed takes it back', async () => {
    await t.requests.event(react({ user: ANA, item_user: BEN }));
    const res = await t.requests.event(react({ type: 'reaction_removed', user: ANA, item_user: BEN }));
    expect(res.status).toBe(200);
    expect(await standing()).toEqual([]);
  });

  test('other emoji, your own message, a bot’s message, a bot reacting and files record nothing', async () => {
    await t.requests.event(react({ user: ANA, item_user: BEN, reaction: 'eyes' }));
    await t.requests.event(react({ user: ANA, item_user: ANA }));
    await t.requests.event(react({ user: ANA, item_user: BOT }));
    await t.requests.event(react({ user: BOT, item_user: BEN }));
    await t.requests.event(react({ user: ANA, item_user: BEN, itemType: 'file' }));
    await t.requests.event(react({ user: ANA, item_user: undefined }));
    expect(await standing()).toEqual([]);
  });

  test('an unknown message author records nothing', async () => {
    const res = await t.requests.event(react({ user: ANA, item_user: 'U0UNKNOWN1' }));
    expect(res.status).toBe(200);
    expect(await standing()).toEqual([]);
  });

  test('each workspace’s own emoji set decides, for that workspace only', async () => {
    const other = { team_id: 'T0OTHERORG' };
    // Rapport is installed there too: Slack sends that workspace's people's commands through it.
    t.slack.installedTeams.add(other.team_id);
    await t.requests.command({ text: 'emoji tada', user_id: CAL, ...other });
    await t.requests.event(react({ user: ANA, item_user: BEN, reaction: 'clap' }), other);
    await t.requests.event(react({ user: CAL, item_user: BEN, reaction: 'tada' }), other);
    await t.requests.event(react({ user: ANA, item_user: CAL, reaction: 'clap' }));
    await t.requests.event(react({ user: BEN, item_user: CAL, reaction: 'tada' }));
    expect((await standing()).map((k) => [k.team_id, k.giver_id, k.emoji])).toEqual([
      [other.team_id, CAL, 'tada'],
      [TEAM_ID, ANA, 'clap'],
    ]);
  });
});

describe('exactly once', () => {
  test('a Slack retry of the same event counts once', async () => {
    const event = react({ user: ANA, item_user: BEN });
    const first = await t.requests.event(event, { event_id: 'Ev0SAME0001' });
    const retry = await t.requests.event(event, { event_id: 'Ev0SAME0001', retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await standing()).toHaveLength(1);
  });

  test('the same reaction under a new event_id counts once', async () => {
    const event = react({ user: ANA, item_user: BEN });
    await t.requests.event(event, { event_id: 'Ev0FIRST001' });
    await t.requests.event(event, { event_id: 'Ev0SECOND02' });
    expect(await standing()).toHaveLength(1);
  });

  test('concurrent duplicate deliveries count once', async () => {
    const event = react({ user: ANA, item_user: BEN });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.requests.event(event, { event_id: `Ev0DUP${i}`, retryNum: i })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(await standing()).toHaveLength(1);
  });

  test('two kudos emoji from one person on one message are one kudos; removing one keeps it', async () => {
    await t.requests.event(react({ user: ANA, item_user: BEN, reaction: 'clap' }));
    await t.requests.event(react({ user: ANA, item_user: BEN, reaction: 'raised_hands' }));
    expect(await standing()).toHaveLength(1);
    await t.requests.event(react({ type: 'reaction_removed', user: ANA, item_user: BEN, reaction: 'clap' }));
    expect((await standing()).map((k) => k.emoji)).toEqual(['raised_hands']);
    await t.requests.event(
      react({ type: 'reaction_removed', user: ANA, item_user: BEN, reaction: 'raised_hands' }),
    );
    expect(await standing()).toEqual([]);
  });

  test('different people reacting each give a kudos', async () => {
    await t.requests.event(react({ user: ANA, item_user: BEN }));
    await t.requests.event(react({ user: CAL, item_user: BEN }));
    expect((await standing()).map((k) => k.giver_id).sort()).toEqual([ANA, CAL]);
  });

  test('re-adding after a removal counts again; a late duplicate of the old addition does not', async () => {
    const added = react({ user: ANA, item_user: BEN });
    await t.requests.event(added);
    await t.requests.event(react({ type: 'reaction_removed', user: ANA, item_user: BEN }));
    await t.requests.event(added, { retryNum: 2 });
    expect(await standing()).toEqual([]);
    await t.requests.event(react({ user: ANA, item_user: BEN }));
    expect(await standing()).toHaveLength(1);
  });

  test('a removal delivered before its addition leaves no kudos', async () => {
    const added = react({ user: ANA, item_user: BEN });
    const removed = react({ type: 'reaction_removed', user: ANA, item_user: BEN });
    await t.requests.event(removed);
    await t.requests.event(added);
    expect(await standing()).toEqual([]);
  });
});
