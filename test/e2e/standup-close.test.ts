import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CY = 'U0CY000003';
const DEE = 'U0DEE00004';
const CHANNEL = 'C0TEAMROOM';

let t: TestApp;

/** Edits in the channel (the prompts' DMs are edited too, once answered or skipped). */
const channelEdits = () => t.slack.callsTo('chat.update').filter((c) => c.args.channel === CHANNEL);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  for (const [id, name] of [
    [ANA, 'ana'],
    [BEN, 'ben'],
    [CY, 'cy'],
    [DEE, 'dee'],
  ] as const) {
    t.slack.addUser({ id, name, tz: 'Europe/Berlin' });
  }
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY, DEE]);
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = { type: string; text?: { text: string }; elements?: { text?: string; value?: string }[] };
type Posted = { ts: string; text: string; blocks: Block[] };

const command = async (cmd: string, text: string, user_id = ANA) =>
  (await (await t.requests.command({ command: cmd, text, user_id, channel_id: CHANNEL })).json()) as {
    text: string;
  };

/** Runs the scheduler's tick and delivers what it queued, at `at`. */
async function at(instant: string) {
  t.clock.set(instant);
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  await t.app.background.drain();
}

/** The button value of the prompt `user` got last. */
function promptRef(user: string): string {
  const prompt = t.slack
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === user)
    .at(-1);
  const actions = (prompt?.args.blocks as Block[] | undefined)?.find((b) => b.type === 'actions');
  return actions?.elements?.[0]?.value ?? '';
}

async function answer(user: string, answers: string[], ref = promptRef(user)) {
  const res = await t.requests.viewSubmission({
    user_id: user,
    callback_id: 'standup_checkin',
    private_metadata: ref,
    values: Object.fromEntries(
      answers.map((a, i) => [`question_${i}`, { answer: { type: 'plain_text_input', value: a } }]),
    ),
  });
  expect(res.status).toBe(200);
  await t.app.background.drain();
}

const channelMessages = () => (t.slack.conversations.get(CHANNEL) ?? []) as unknown as Posted[];
const topLevel = () =>
  t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL && !c.args.thread_ts);
const allText = (m: Posted | undefined) => JSON.stringify(m?.blocks ?? []);

test('at the close the day’s one message says who answered, skipped, was away or did not, and the blockers', async () => {
  t.clock.set('2026-11-20T07:00:00Z'); // Friday, 08:00 in Berlin
  await command('/rituals', 'standup mon-fri 09:30 local');
  await t.app.background.drain();
  expect((await command('/checkin', 'away 2026-11-20', CY)).text).toContain('away until 2026-11-20');

  await at('2026-11-20T08:30:05Z');
  await answer(ANA, ['Shipped the export', 'Retro', 'Waiting on the <!channel> API key from IT']);
  await t.requests.blockAction({ user_id: BEN, action_id: 'standup_skip', value: promptRef(BEN) });
  await t.app.background.drain();
  expect(topLevel()).toHaveLength(1);
  const header = channelMessages()[0];
  expect(header?.text).toBe('Stand-up · Friday, 20 November');

  await at('2026-11-20T11:29:00Z'); // a minute before the 12:30 close
  expect(channelEdits()).toEqual([]);

  await at('2026-11-20T11:30:05Z');
  await at('2026-11-20T11:45:00Z');
  const updates = channelEdits();
  expect(updates).toHaveLength(1);
  expect(updates[0]?.args).toMatchObject({ channel: CHANNEL, ts: header?.ts });
  const closed = channelMessages()[0];
  expect(closed?.text).toBe(
    'Stand-up · Friday, 20 November: 1 answered, 1 skipped, 1 away, 1 no answer, 1 blocker',
  );
  const blocks = allText(closed);
  expect(blocks).toContain(`*Answered*\\n<@${ANA}>`);
  expect(blocks).toContain(`*Skipped*\\n<@${BEN}>`);
  expect(blocks).toContain(`*Away*\\n<@${CY}>`);
  expect(blocks).toContain(`*No answer*\\n<@${DEE}>`);
  // The blocker is quoted, and what it says cannot notify the channel.
  expect(blocks).toContain(`<@${ANA}>: Waiting on the &lt;!channel&gt; API key from IT`);
  expect(blocks).not.toContain('carried over');
  // Still one message a day in the channel: the answers are in its thread.
  expect(topLevel()).toHaveLength(1);
});

test('a day nobody answered closes with one message; a late answer goes in its thread and counts', async () => {
  t.clock.set('2026-11-20T07:00:00Z');
  await command('/rituals', 'standup mon-fri 09:30 local');
  await t.app.background.drain();
  await at('2026-11-20T08:30:05Z');
  await at('2026-11-20T11:30:05Z');
  await at('2026-11-20T11:31:05Z');
  expect(topLevel()).toHaveLength(1);
  const header = channelMessages()[0];
  expect(header?.text).toBe('Stand-up · Friday, 20 November: 0 answered, 4 no answer, 0 blockers');
  const [day] = await t.database.db.query(
    `select closed_at is not null as closed, header_ts from standup_days`,
    [],
    z.object({ closed: z.boolean(), header_ts: z.string().nullable() }),
  );
  expect(day).toEqual({ closed: true, header_ts: null });

  await answer(DEE, ['Late, but here', '', 'none']);
  const reply = t.slack.callsTo('chat.postMessage').at(-1);
  expect(reply?.args).toMatchObject({ channel: CHANNEL, thread_ts: header?.ts });
  expect(channelMessages()[0]?.text).toBe(
    'Stand-up · Friday, 20 November: 1 answered, 3 no answer, 0 blockers',
  );
  expect(topLevel()).toHaveLength(1);
});

test('a blocker raised again at the next check-in is called out as carried over, with its age', async () => {
  t.slack.channelMembers.set(CHANNEL, [ANA]);
  t.clock.set('2026-11-17T07:00:00Z'); // Tuesday
  await command('/rituals', 'standup mon-fri 09:30 local');
  await t.app.background.drain();

  // Tuesday: a blocker. Wednesday: none, so it was resolved. Thursday and Friday: a blocker again.
  const days: [string, string][] = [
    ['2026-11-17', 'Waiting on IT'],
    ['2026-11-18', 'none'],
    ['2026-11-19', 'The staging database is down'],
    ['2026-11-20', 'Staging is still down'],
  ];
  for (const [date, blocker] of days) {
    await at(`${date}T08:30:05Z`);
    await answer(ANA, ['Work', 'More work', blocker]);
    await at(`${date}T11:30:05Z`);
  }
  const summaries = channelEdits().map((c) => JSON.stringify(c.args.blocks));
  expect(summaries).toHaveLength(4);
  expect(summaries[0]).not.toContain('carried over');
  expect(summaries[2]).toContain('The staging database is down');
  expect(summaries[2]).not.toContain('carried over');
  expect(summaries[3]).toContain(`<@${ANA}>: Staging is still down _(carried over · 1 day)_`);
});

test('a window that crosses midnight keeps the day it was prompted for', async () => {
  t.slack.channelMembers.set(CHANNEL, [ANA]);
  t.clock.set('2026-11-20T07:00:00Z');
  await command('/rituals', 'standup daily 22:00 local');
  await t.app.background.drain();
  // Four hours to answer: the 22:00 prompt closes at 02:00 the next day.
  await t.database.db.execute('update rituals set close_after_minutes = 240', []);
  await t.app.background.drain();

  await at('2026-11-20T21:00:05Z'); // 22:00 Friday in Berlin
  const ref = promptRef(ANA);
  expect(JSON.parse(ref)).toMatchObject({ d: '2026-11-20' });

  // 00:30 on Saturday in Berlin: /checkin opens Friday's stand-up, still open.
  t.clock.set('2026-11-20T23:30:00Z');
  const opened = await t.requests.command({
    command: '/checkin',
    text: '',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  expect(await opened.text()).toBe('');
  const view = (await openedModal(t.slack, 0)) as {
    private_metadata: string;
  };
  expect(JSON.parse(view.private_metadata)).toMatchObject({ d: '2026-11-20' });
  await answer(ANA, ['Late night', '', ''], view.private_metadata);
  const [checkin] = await t.database.db.query(
    `select to_char(local_date, 'YYYY-MM-DD') as d from checkins`,
    [],
    z.object({ d: z.string() }),
  );
  expect(checkin?.d).toBe('2026-11-20');
  expect(channelMessages()[0]?.text).toBe('Stand-up · Friday, 20 November');

  // After the 02:00 close, /checkin is about Saturday's stand-up, answered early.
  t.clock.set('2026-11-21T01:30:00Z');
  await t.requests.command({ command: '/checkin', text: '', user_id: ANA, channel_id: CHANNEL });
  const next = (await openedModal(t.slack, 1)) as {
    private_metadata: string;
  };
  expect(JSON.parse(next.private_metadata)).toMatchObject({ d: '2026-11-21' });
});
