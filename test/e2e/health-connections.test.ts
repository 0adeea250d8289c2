import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * `connections` (docs/METRICS.md) through the HTTP endpoint and the scheduler: a coffee pairs round
 * across the two organisations, its groups' "We met", and what `/health` and the digest then say.
 * Ana, Cy and Dee are this workspace; Ben and Eve the partner's: 3 × 2 = 6 possible pairs across.
 */
const ANA = 'U0ANA00001';
const BEN = 'W0BEN00002';
const CY = 'U0CY000003';
const DEE = 'U0DEE00004';
const EVE = 'W0EVE00005';
const PEOPLE = [ANA, BEN, CY, DEE, EVE];
const CHANNEL = 'C0ALLIANCE';
const PARTNER = 'T0PARTNER9';
/** Monday 14 December 2026, 10:00 in Berlin: the first round. */
const ROUND_AT = '2026-12-14T09:00:00Z';
/** Halfway through the weekly round: "Did you meet?". */
const HALFWAY = '2026-12-17T21:00:00Z';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: DEE, name: 'dee', tz: 'Europe/London' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York', team_id: PARTNER });
  t.slack.addUser({ id: EVE, name: 'eve', team_id: PARTNER });
  t.slack.addChannel({ id: CHANNEL, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.channelMembers.set(CHANNEL, PEOPLE);
  t.clock.set('2026-12-10T12:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] };
type Reply = { response_type?: string; text: string; blocks?: Block[] };

const partnerOf = (user: string) => (user.startsWith('W') ? PARTNER : undefined);

async function command(name: string, text: string, user_id = ANA): Promise<Reply> {
  t.clock.advance(1_000);
  const res = await t.requests.command({ command: name, text, user_id, channel_id: CHANNEL });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body ? JSON.parse(body) : {}) as Reply;
}

/** The scheduler's minute at `instant`, then the outbox's one-second passes. */
async function at(instant: string) {
  t.clock.set(instant);
  await t.app.jobs.tick();
  for (let pass = 0; pass <= 4; pass += 1) {
    t.clock.set(new Date(Date.parse(instant) + pass * 1_100));
    await t.app.jobs.deliver();
  }
  await t.app.background.drain();
}

async function press(user: string, action_id: string, value: string, channel_id = CHANNEL) {
  const team_id = partnerOf(user);
  const res = await t.requests.blockAction({
    user_id: user,
    action_id,
    value,
    channel_id,
    ...(team_id ? { team_id } : {}),
  });
  expect(res.status).toBe(200);
  await t.app.background.drain();
}

const posts = () => t.slack.callsTo('chat.postMessage');
const buttonsOf = (blocks: unknown) =>
  ((blocks as Block[] | undefined) ?? []).flatMap((b) => b.elements ?? []);
const textOf = (blocks: Block[] | undefined) => (blocks ?? []).map((b) => b.text?.text ?? '').join('\n');
const connectionsLine = (text: string) =>
  text.split('\n').find((l) => l.includes('Connections across sides'));

describe('connections in /health and the digest', () => {
  test('a round across the sides, and its groups saying they met, count as the pairs across sides that met', async () => {
    // No pairs yet: the line says how to start them, and the metric has no data.
    expect(connectionsLine(textOf((await command('/health', '')).blocks))).toBe(
      '• _no data_ Connections across sides: off (`/rituals pairs weekly mon 10:00` introduces people across the sides)',
    );

    await command('/rituals', 'pairs weekly mon 10:00 Europe/Berlin');
    await t.app.jobs.deliver();
    const intro = posts().find(
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith('Coffee pairs'),
    );
    const join = buttonsOf(intro?.args.blocks).find((b) => b.action_id === 'pairs_join');
    for (const person of PEOPLE) await press(person, 'pairs_join', join?.value ?? '');

    // Everyone joined, nobody met yet: a real 0 of the 6 pairs across the two organisations.
    expect(connectionsLine(textOf((await command('/health', '')).blocks))).toBe(
      '• *0* Connections across sides: 0 of 6 possible pairs met in the last 91 days (0%) · 0 meetings this quarter',
    );

    // Five people: a pair and a group of three, each across the sides.
    await at(ROUND_AT);
    await at(HALFWAY);
    const asked = [
      ...new Set(
        posts()
          .filter((c) => String(c.args.text).startsWith('Did you meet?'))
          .flatMap((c) => buttonsOf(c.args.blocks))
          .filter((b) => b.action_id === 'pairs_met')
          .map((b) => b.value ?? ''),
      ),
    ];
    expect(asked).toHaveLength(2);
    // Each group says "We met"; only its own members' clicks count, once.
    for (const value of asked) for (const person of PEOPLE) await press(person, 'pairs_met', value);

    // The pair is 1 pair across; the group of three (two of one side, one of the other) is 2:
    // 3 of 6. Its third pair is of one side and is not counted.
    t.clock.set('2026-12-18T12:00:00Z');
    const reply = await command('/health', '');
    const text = textOf(reply.blocks);
    expect(connectionsLine(text)).toBe(
      '• *50* Connections across sides: 3 of 6 possible pairs met in the last 91 days (50%) · 2 meetings this quarter',
    );
    // It is a metric of relational trust, the only one with data: the pillar is its 50.
    expect(text).toContain('*Relational trust:* *50*');

    // The digest says the same, and stores it with the week (the weeks before it too: the trend's).
    await command('/health', 'post');
    for (let pass = 0; pass < 3; pass += 1) {
      t.clock.advance(1_000);
      await t.app.jobs.deliver();
    }
    const digest = posts().find((c) => String(c.args.text).startsWith('Alliance health for'));
    expect(connectionsLine(textOf(digest?.args.blocks as Block[]))).toBe(
      '• *50* Connections across sides: 3 of 6 possible pairs met in the last 91 days (50%) · 2 meetings this quarter',
    );
    const [stored] = await t.database.db.query(
      `select metrics->'connections' as metric, inputs->'connections' as inputs from health_periods
       where team_id = any($1) and channel_id = $2 order by period_end desc limit 1`,
      // The shared channel's records are its own set, under its id.
      [[TEAM_ID, CHANNEL], CHANNEL],
      z.object({ metric: z.unknown(), inputs: z.unknown() }),
    );
    expect(stored).toEqual({
      metric: 0.5,
      inputs: { pairsRitual: true, joined: 5, possible: 6, met: 3, meetings: 2 },
    });
  });
});
