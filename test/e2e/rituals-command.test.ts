import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const ADMIN = 'U0ADMIN003';
const CHANNEL = 'C0TEAMROOM';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
  t.slack.addUser({ id: ADMIN, name: 'root', is_admin: true });
  // Friday 20 November 2026, 07:00 UTC: 08:00 in Berlin, 02:00 in New York.
  t.clock.set('2026-11-20T07:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Reply = { response_type: string; text: string; blocks: unknown[] };
const rituals = async (text: string, user_id = ANA, channel_id = CHANNEL) =>
  (await (await t.requests.command({ command: '/rituals', text, user_id, channel_id })).json()) as Reply;

const stored = () =>
  t.database.db.query(
    'select id, team_id, channel_id, kind, days, time_of_day, zone, questions, paused, created_by from rituals order by id',
    [],
    z.object({
      id: z.coerce.number(),
      team_id: z.string(),
      channel_id: z.string(),
      kind: z.string(),
      days: z.array(z.number()),
      time_of_day: z.string(),
      zone: z.string(),
      questions: z.array(z.string()),
      paused: z.boolean(),
      created_by: z.string(),
    }),
  );

describe('/rituals standup', () => {
  test('creates a stand-up at each person’s local time and says when it runs next', async () => {
    const reply = await rituals('standup mon-fri 09:30 local');
    expect(reply.response_type).toBe('ephemeral');
    const [row] = await stored();
    expect(row).toEqual({
      id: expect.any(Number),
      team_id: 'T0RAPPORT1',
      channel_id: CHANNEL,
      kind: 'standup',
      days: [1, 2, 3, 4, 5],
      time_of_day: '09:30',
      zone: 'local',
      questions: [
        'What did you get done since last time?',
        'What will you do next?',
        'Anything blocking you?',
      ],
      paused: false,
      created_by: ANA,
    });
    // 09:30 in Berlin today is 08:30 UTC.
    expect(reply.text).toContain(`Stand-up ${row?.id} is set: Mon–Fri at 09:30, each person's local time`);
    expect(reply.text).toContain(`<!date^${Date.parse('2026-11-20T08:30:00Z') / 1000}^`);
  });

  test('each member gets a slot at their own next 09:30; bots and people who left are not included', async () => {
    t.slack.addUser({ id: 'U0BOT00009', is_bot: true });
    t.slack.channelMembers.set(CHANNEL, [ANA, BEN, 'U0BOT00009']);
    await rituals('standup mon-fri 09:30 local');
    await t.app.background.drain();
    const slots = async () =>
      (
        await t.database.db.query(
          `select participant_id, zone, next_at from ritual_slots order by participant_id`,
          [],
          z.object({ participant_id: z.string(), zone: z.string(), next_at: z.date() }),
        )
      ).map((s) => [s.participant_id, s.zone, s.next_at.toISOString()]);
    expect(await slots()).toEqual([
      [ANA, 'Europe/Berlin', '2026-11-20T08:30:00.000Z'],
      [BEN, 'America/New_York', '2026-11-20T14:30:00.000Z'],
    ]);

    // Ben leaves; after a pause and resume only Ana remains.
    t.slack.channelMembers.set(CHANNEL, [ANA]);
    const id = (await stored())[0]?.id ?? 0;
    await rituals(`pause ${id}`);
    await rituals(`resume ${id}`);
    await t.app.background.drain();
    expect((await slots()).map((s) => s[0])).toEqual([ANA]);
  });

  test('user_change: a new time zone moves the person’s slots; deactivation removes them', async () => {
    // People of their own, so what the app now remembers about them stays in this test.
    const CAL = 'U0CAL00005';
    const DAN = 'U0DAN00006';
    t.slack.addUser({ id: CAL, name: 'cal', tz: 'Europe/Berlin' });
    t.slack.addUser({ id: DAN, name: 'dan', tz: 'Europe/Berlin' });
    t.slack.channelMembers.set(CHANNEL, [CAL, DAN]);
    await rituals('standup mon-fri 09:30 local', CAL);
    await t.app.background.drain();
    const userChange = (user: Record<string, unknown>) =>
      t.requests.event({
        type: 'user_change',
        user: { team_id: 'T0RAPPORT1', ...user },
        cache_ts: 1700000000,
      });
    expect((await userChange({ id: CAL, name: 'cal', tz: 'America/Los_Angeles' })).status).toBe(200);
    expect((await userChange({ id: DAN, name: 'dan', tz: 'Europe/Berlin', deleted: true })).status).toBe(200);
    const slots = await t.database.db.query(
      `select participant_id, zone, next_at from ritual_slots order by participant_id`,
      [],
      z.object({ participant_id: z.string(), zone: z.string(), next_at: z.date() }),
    );
    expect(slots.map((s) => [s.participant_id, s.zone, s.next_at.toISOString()])).toEqual([
      [CAL, 'America/Los_Angeles', '2026-11-20T17:30:00.000Z'],
    ]);
    const [stored] = await t.database.db.query(
      'select tz from slack_users where user_id = $1',
      [CAL],
      z.object({ tz: z.string().nullable() }),
    );
    expect(stored?.tz).toBe('America/Los_Angeles');
  });

  test('in one zone for everyone; the next run is the same instant whoever asks', async () => {
    await rituals('standup mon,wed,fri 10:00 Europe/Berlin');
    const list = await rituals('list', BEN);
    expect(JSON.stringify(list.blocks)).toContain('Mon, Wed, Fri at 10:00, Europe/Berlin');
    expect(JSON.stringify(list.blocks)).toContain(`<!date^${Date.parse('2026-11-20T09:00:00Z') / 1000}^`);
  });

  test.each([
    ['standup', /needs days and a time/],
    ['standup mon-fri', /needs days and a time/],
    ['standup someday 09:30', /I don't understand the days "someday"/],
    ['standup mon-fri 9.30', /not a time/],
    ['standup mon-fri 25:00', /not a time/],
    ['standup mon-fri 09:30 Mars/Base', /not a time zone I know/],
    ['standup mon-fri 09:30 local please', /needs days and a time/],
    ['dance', /I don't know `\/rituals dance`/],
    ['pause', /needs a ritual's number/],
    ['pause abc', /needs a ritual's number/],
    ['run', /needs a ritual's number/],
    ['run 1 now', /needs a ritual's number/],
    ['edit first', /needs a ritual's number/],
    ['skip 1 tomorrow', /needs a date as YYYY-MM-DD/],
    ['skip 1 2026-02-30', /needs a date as YYYY-MM-DD/],
  ])('%j is refused with an example, and nothing is saved', async (text, message) => {
    const reply = await rituals(text);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(message);
    expect(reply.text).toMatch(/`\/rituals [a-z]+/);
    expect(await stored()).toEqual([]);
  });
});

describe('changing a ritual', () => {
  test('list, pause, resume, skip a day, remove', async () => {
    await rituals('standup weekdays 09:30');
    const [row] = await stored();
    const id = row?.id ?? 0;

    expect(JSON.stringify((await rituals('list')).blocks)).toContain(`*${id}* · stand-up · Mon–Fri at 09:30`);

    expect((await rituals(`pause ${id}`)).text).toContain('is paused');
    expect((await stored())[0]?.paused).toBe(true);
    expect(JSON.stringify((await rituals('list')).blocks)).toContain('paused');

    expect((await rituals(`resume ${id}`)).text).toContain('is running again');
    expect((await stored())[0]?.paused).toBe(false);

    // Skipping today (Friday) moves the next run to Monday 23 November, 09:30 Berlin.
    const skipped = await rituals(`skip ${id} 2026-11-20`);
    expect(skipped.text).toContain('no stand-up');
    expect(skipped.text).toContain(`<!date^${Date.parse('2026-11-23T08:30:00Z') / 1000}^`);
    expect((await rituals(`skip ${id} 2026-11-20`)).text).toMatch(/^Already so/);
    expect((await rituals(`skip ${id} 2026-11-19`)).text).toMatch(/has passed/);

    expect((await rituals(`remove ${id}`)).text).toContain('is removed');
    expect(await stored()).toEqual([]);
  });

  test('only its creator or an admin removes it; it is changed only from its own channel', async () => {
    await rituals('standup daily 17:00');
    const id = (await stored())[0]?.id ?? 0;
    expect((await rituals(`remove ${id}`, BEN)).text).toMatch(/Only <@U0ANA00001>, who created ritual/);
    expect((await rituals(`pause ${id}`, ANA, 'C0ELSEWHERE')).text).toMatch(/belongs to <#C0TEAMROOM>/);
    expect((await rituals(`remove 999999`)).text).toMatch(/There is no ritual 999999/);
    expect(await stored()).toHaveLength(1);
    expect((await rituals(`remove ${id}`, ADMIN)).text).toContain('is removed');
  });

  test('another workspace cannot see or touch it', async () => {
    // Rapport is installed there too: Slack sends that workspace's people's commands through it.
    t.slack.installedTeams.add('T0OTHERORG');
    await rituals('standup daily 17:00');
    const id = (await stored())[0]?.id ?? 0;
    const other = async (text: string) =>
      (await (
        await t.requests.command({
          command: '/rituals',
          text,
          user_id: ANA,
          channel_id: CHANNEL,
          team_id: 'T0OTHERORG',
        })
      ).json()) as Reply;
    expect((await other('list')).text).toContain('no rituals yet');
    expect((await other(`pause ${id}`)).text).toMatch(/There is no ritual/);
    expect((await stored())[0]?.paused).toBe(false);
  });
});

test('/rituals help explains the commands', async () => {
  const help = JSON.stringify((await rituals('help')).blocks);
  for (const usage of [
    '`/rituals`:',
    '/rituals standup <days> <HH:MM>',
    '/rituals edit <n>',
    '/rituals run <n>',
  ]) {
    expect(help).toContain(usage);
  }
  expect(help).toContain('Name participants there');
});

describe('/rituals run', () => {
  const dmsTo = (user: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
  const occurrences = async () =>
    (
      await t.database.db.query(
        `select participant_id, to_char(local_date, 'YYYY-MM-DD') as local_date, status
         from ritual_occurrences order by participant_id`,
        [],
        z.object({ participant_id: z.string(), local_date: z.string(), status: z.string() }),
      )
    ).map((o) => `${o.participant_id} ${o.local_date} ${o.status}`);

  test('prompts everyone now for the next occurrence, once: not again when its time comes', async () => {
    t.slack.channelMembers.set(CHANNEL, [ANA, BEN]);
    await rituals('standup mon-fri 09:30 local');
    await t.app.background.drain();
    const id = (await stored())[0]?.id ?? 0;

    const reply = await rituals(`run ${id}`);
    expect(reply.text).toBe(
      `Stand-up ${id} runs now for Friday, 20 November: prompts are going to 2 people, except anyone away or already answered.`,
    );
    await t.app.background.drain();
    expect(dmsTo(ANA).map((c) => c.args.text)).toEqual([`Stand-up for <#${CHANNEL}>, Friday, 20 November`]);
    expect(dmsTo(BEN)).toHaveLength(1);
    expect(await occurrences()).toEqual([`${ANA} 2026-11-20 sent`, `${BEN} 2026-11-20 sent`]);

    // 09:30 in Berlin comes: that day has been run, so nothing more goes out.
    t.clock.set('2026-11-20T08:30:05Z');
    await t.app.jobs.tick();
    await t.app.jobs.deliver();
    expect(dmsTo(ANA)).toHaveLength(1);
    expect(await occurrences()).toHaveLength(2);
  });

  test('a channel-wide ritual (a retro) runs once for the channel', async () => {
    t.slack.channelMembers.set(CHANNEL, [ANA, BEN]);
    await rituals('retro weekly fri 16:00 Europe/Berlin');
    await t.app.background.drain();
    const id = (await stored())[0]?.id ?? 0;
    expect((await rituals(`run ${id}`)).text).toBe(`Retro ${id} runs now, for Friday, 20 November.`);
    await t.app.background.drain();
    expect(t.slack.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual([CHANNEL]);
    expect(await occurrences()).toEqual([' 2026-11-20 sent']);
  });

  test('a paused ritual, an unknown one, another channel’s, or one with nobody in it: said, nothing sent', async () => {
    t.slack.channelMembers.set(CHANNEL, [ANA]);
    await rituals('standup daily 17:00');
    await t.app.background.drain();
    const id = (await stored())[0]?.id ?? 0;
    const nextAt = async () =>
      (
        await t.database.db.query('select next_at from ritual_slots', [], z.object({ next_at: z.date() }))
      ).map((s) => s.next_at.toISOString());
    const before = await nextAt();
    expect(before).toHaveLength(1);

    await rituals(`pause ${id}`);
    expect((await rituals(`run ${id}`)).text).toBe(
      `Ritual ${id} is paused: resume it first with \`/rituals resume ${id}\`.`,
    );
    expect((await rituals('run 999999')).text).toMatch(/There is no ritual 999999/);
    await rituals(`resume ${id}`);
    expect((await rituals(`run ${id}`, ANA, 'C0ELSEWHERE')).text).toMatch(/belongs to <#C0TEAMROOM>/);

    t.slack.channelMembers.set('C0EMPTYROOM', []);
    await rituals('standup daily 17:00', ANA, 'C0EMPTYROOM');
    await t.app.background.drain();
    const empty = (await stored())[1]?.id ?? 0;
    expect((await rituals(`run ${empty}`, ANA, 'C0EMPTYROOM')).text).toMatch(/has no one to prompt/);

    await t.app.background.drain();
    expect(await nextAt()).toEqual(before);
    expect(dmsTo(ANA)).toEqual([]);
    expect(await occurrences()).toEqual([]);
  });
});

describe('people joining and leaving the channel', () => {
  const CAL = 'U0CAL00007';
  const memberEvent = (type: 'member_joined_channel' | 'member_left_channel', user: string) =>
    t.requests.event({ type, user, channel: CHANNEL, channel_type: 'C', team: 'T0RAPPORT1' });
  const slotsOf = async () =>
    (
      await t.database.db.query(
        'select ritual_id, participant_id, zone, next_at from ritual_slots order by ritual_id, participant_id',
        [],
        z.object({
          ritual_id: z.coerce.number(),
          participant_id: z.string(),
          zone: z.string(),
          next_at: z.date(),
        }),
      )
    ).map((s) => `${s.ritual_id} ${s.participant_id} ${s.zone} ${s.next_at.toISOString()}`);

  test('a ritual of the channel’s members takes in who joins, at their own time, and lets go of who leaves', async () => {
    t.slack.addUser({ id: CAL, name: 'cal', tz: 'America/Los_Angeles' });
    t.slack.addUser({ id: 'U0BOT00009', is_bot: true });
    t.slack.channelMembers.set(CHANNEL, [ANA, BEN]);
    await rituals('standup mon-fri 09:30 local');
    await t.app.background.drain();
    const id = (await stored())[0]?.id ?? 0;

    expect((await memberEvent('member_joined_channel', CAL)).status).toBe(200);
    expect((await memberEvent('member_joined_channel', 'U0BOT00009')).status).toBe(200);
    expect((await memberEvent('member_left_channel', BEN)).status).toBe(200);
    expect(await slotsOf()).toEqual([
      `${id} ${ANA} Europe/Berlin 2026-11-20T08:30:00.000Z`,
      `${id} ${CAL} America/Los_Angeles 2026-11-20T17:30:00.000Z`,
    ]);

    // Joining again (Slack may deliver twice) keeps the slot as it is.
    await memberEvent('member_joined_channel', CAL);
    expect(await slotsOf()).toHaveLength(2);
  });
});
