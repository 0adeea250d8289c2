import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords, type ExportRecord } from '../../src/export/records.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CY = 'U0CY000003';
const DEE = 'U0DEE00004';
const PEOPLE = [ANA, BEN, CY, DEE];
const CHANNEL = 'C0TEAMROOM';
const NOT_ENOUGH = 'not enough responses to show without identifying people';

let t: TestApp;

beforeAll(async () => {
  // At debug, the most talkative level, so the anonymity test sees everything that could be logged.
  t = await startTestApp({ logLevel: 'debug' });
});
afterAll(() => t.close());
beforeEach(() => {
  for (const id of PEOPLE) t.slack.addUser({ id, name: id.toLowerCase(), tz: 'America/New_York' });
  t.slack.channelMembers.set(CHANNEL, PEOPLE);
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] };

const command = async (cmd: string, text: string, user_id = ANA) =>
  (await (await t.requests.command({ command: cmd, text, user_id, channel_id: CHANNEL })).json()) as {
    text: string;
    blocks?: unknown[];
    response_type?: string;
  };

/** Runs the scheduler's tick and delivers what it queued, at `instant`. */
async function at(instant: string) {
  t.clock.set(instant);
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
  // The outbox paces each conversation to a message a second, and remembers it across tests that
  // reuse the same instants: a few more passes, a second apart, send whatever it held back.
  for (let pass = 1; pass <= 3; pass += 1) {
    t.clock.set(new Date(Date.parse(instant) + pass * 1_100));
    await t.app.jobs.deliver();
  }
  await t.app.background.drain();
}

const dmsTo = (user: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
const channelPosts = () => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);

/** The Answer button's value on the pulse DM `user` got last. */
function answerRef(user: string): string {
  const actions = (dmsTo(user).at(-1)?.args.blocks as Block[] | undefined)?.find((b) => b.type === 'actions');
  const button = actions?.elements?.find((e) => e.action_id === 'pulse_answer');
  return button?.value ?? '';
}

const radio = (value: string) => ({
  type: 'radio_buttons',
  selected_option: { text: { type: 'plain_text', text: value }, value },
});

/** Submits the survey as Slack would: a radio choice per statement block, and the comment. */
async function submit(user: string, scores: (string | null)[], comment?: string, ref = answerRef(user)) {
  const values: Record<string, Record<string, { type: string; value?: string | null }>> = {};
  scores.forEach((score, i) => {
    values[`pulse_statement_${i}`] = {
      value: score === null ? { type: 'radio_buttons', selected_option: null } : radio(score),
    } as never;
  });
  values.pulse_comment = { value: { type: 'plain_text_input', value: comment ?? null } };
  const res = await t.requests.viewSubmission({
    user_id: user,
    callback_id: 'pulse_survey',
    private_metadata: ref,
    values,
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as { response_action?: string; errors?: Record<string, string> };
}

async function counts() {
  const [row] = await t.database.db.query(
    `select (select count(*) from pulse_participation)::int as participation,
            (select count(*) from pulse_responses)::int as responses`,
    [],
    z.object({ participation: z.number(), responses: z.number() }),
  );
  return row;
}

async function exported(): Promise<ExportRecord[]> {
  const records: ExportRecord[] = [];
  for await (const r of exportRecords(t.database.db, { teamId: undefined, since: undefined })) {
    if (r.type === 'pulse_result') records.push(r);
  }
  return records;
}

/** A weekly pulse check at 10:00 Berlin time on Fridays, prompted on Friday 20 November. */
async function promptedPulse() {
  t.clock.set('2026-11-19T12:00:00Z'); // Thursday
  const created = await command('/rituals', 'pulse weekly fri 10:00 Europe/Berlin');
  expect(created.text).not.toMatch(/error|wrong|could not/i);
  await t.app.background.drain();
  await at('2026-11-20T09:00:05Z'); // Friday, 10:00 in Berlin
}

const CLOSE = '2026-11-21T09:00:05Z'; // 24 hours later
const REMINDER = '2026-11-21T07:00:05Z'; // two hours before the close

test('a scheduled pulse check: DMs once, answers in a modal, a reminder to who did not answer, results once', async () => {
  await promptedPulse();
  for (const person of PEOPLE) expect(dmsTo(person)).toHaveLength(1);
  expect(JSON.stringify(dmsTo(ANA)[0]?.args.blocks)).toContain('Credit for our work is shared fairly');
  await at('2026-11-20T09:10:00Z');
  for (const person of PEOPLE) expect(dmsTo(person)).toHaveLength(1);

  // Answer opens the survey: one 1–5 scale per statement and an optional comment.
  const clicked = await t.requests.blockAction({
    user_id: ANA,
    action_id: 'pulse_answer',
    value: answerRef(ANA),
  });
  expect(clicked.status).toBe(200);
  const view = (await openedModal(t.slack, 0)) as {
    callback_id: string;
    private_metadata: string;
    blocks: (Block & { element?: { type: string; options?: { value: string }[] } })[];
  };
  expect(view.callback_id).toBe('pulse_survey');
  const scales = view.blocks.filter((b) => b.element?.type === 'radio_buttons');
  expect(scales).toHaveLength(4);
  expect(scales[0]?.element?.options?.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
  expect(view.blocks.at(-1)).toMatchObject({ block_id: 'pulse_comment', optional: true });

  expect(await submit(ANA, ['5', '4', '3', '5'], 'Great to work with', view.private_metadata)).toEqual({});
  expect(await submit(BEN, ['4', '4', '2', '5'])).toEqual({});
  expect(await submit(CY, ['3', '5', '1', '4'], 'Credit goes to the loudest')).toEqual({});
  expect(await counts()).toEqual({ participation: 3, responses: 3 });

  // The reminder goes only to Dee, who has not answered.
  await at(REMINDER);
  expect(dmsTo(DEE)).toHaveLength(2);
  expect(JSON.stringify(dmsTo(DEE)[1]?.args.blocks)).toContain('Reminder');
  for (const person of [ANA, BEN, CY]) expect(dmsTo(person)).toHaveLength(1);

  // The close posts the results in the channel, once.
  expect(channelPosts()).toHaveLength(0);
  await at(CLOSE);
  await at('2026-11-21T09:30:00Z');
  expect(channelPosts()).toHaveLength(1);
  const results = channelPosts()[0]?.args;
  expect(results?.text).toBe('Pulse check for <#C0TEAMROOM> · Friday, 20 November: 3 answers');
  const shown = JSON.stringify(results?.blocks);
  expect(shown).toContain('*I know what the other people in this collaboration are working on*');
  expect(shown).toContain('*4.00* / 5'); // (5 + 4 + 3) / 3
  expect(shown).toContain('*2.00* / 5'); // fairness: (3 + 2 + 1) / 3
  expect(shown).toContain('1: 1 · 2: 1 · 3: 1 · 4: 0 · 5: 0');
  expect(shown).toContain('Great to work with');
  expect(shown).toContain('Credit goes to the loudest');

  // /pulse shows the same, only to whoever asked.
  const reply = await command('/pulse', '', DEE);
  expect(reply.response_type).toBe('ephemeral');
  expect(reply.text).toBe(results?.text);
  expect(JSON.stringify(reply.blocks)).toContain('*2.00* / 5');

  // The export: aggregates only.
  expect(await exported()).toEqual([
    {
      type: 'pulse_result',
      team_id: 'T0RAPPORT1',
      ritual_id: expect.any(Number),
      channel_id: CHANNEL,
      date: '2026-11-20',
      responses: 3,
      means: {
        'I know what the other people in this collaboration are working on': 4,
        'I can count on them to follow through': 4.33,
        'Credit for our work is shared fairly': 2,
        'I would choose to work with them again': 4.67,
      },
      note: null,
    },
  ]);

  // After the close, nobody can answer any more.
  const late = await submit(DEE, ['1', '1', '1', '1']);
  expect(late.errors?.pulse_statement_0).toMatch(/closed/);
  expect(await counts()).toEqual({ participation: 3, responses: 3 });
});

test('fewer than 3 answers: the channel, /pulse and the export show only the sentence', async () => {
  await promptedPulse();
  expect(await submit(ANA, ['1', '1', '1', '1'], 'Nobody tells me anything')).toEqual({});
  expect(await submit(BEN, ['2', '2', '2', '2'])).toEqual({});
  await at(CLOSE);

  expect(channelPosts()).toHaveLength(1);
  const post = channelPosts()[0]?.args;
  expect(post?.text).toBe(`Pulse check for <#C0TEAMROOM> · Friday, 20 November: ${NOT_ENOUGH}.`);
  const shown = JSON.stringify(post?.blocks);
  expect(shown).toContain(NOT_ENOUGH);
  expect(shown).not.toContain('Nobody tells me anything');
  expect(shown).not.toMatch(/\/ 5|answers|1: /);

  const reply = await command('/pulse', '');
  expect(reply.text).toBe(post?.text);
  expect(JSON.stringify(reply.blocks)).not.toContain('Nobody tells me anything');

  const [line] = await exported();
  expect(line).toMatchObject({ responses: null, means: null, note: NOT_ENOUGH, date: '2026-11-20' });
  expect(JSON.stringify(await exported())).not.toContain('Nobody tells me anything');
});

test('a second submission is refused, says so, and counts once', async () => {
  await promptedPulse();
  expect(await submit(ANA, ['5', '5', '5', '5'])).toEqual({});
  const again = await submit(ANA, ['1', '1', '1', '1'], 'Changed my mind');
  expect(again.response_action).toBe('errors');
  expect(again.errors?.pulse_statement_0).toMatch(/already answered.*not counted/);
  // Answer on the DM again says so instead of opening the survey.
  await t.requests.blockAction({ user_id: ANA, action_id: 'pulse_answer', value: answerRef(ANA) });
  const told = await t.slack.waitFor(() => t.slack.responseUrlPosts[0]);
  expect(JSON.stringify(told.body)).toMatch(/already answered/);
  expect(t.slack.callsTo('views.open')).toHaveLength(0);

  // Two submissions at once still count once: the database's key decides.
  const both = await Promise.all([submit(BEN, ['3', '3', '3', '3']), submit(BEN, ['4', '4', '4', '4'])]);
  expect(both.filter((r) => r.response_action === 'errors')).toHaveLength(1);
  expect(await counts()).toEqual({ participation: 2, responses: 2 });
});

test('bad input gets a field error and changes nothing', async () => {
  await promptedPulse();
  const ref = answerRef(ANA);

  const missing = await submit(ANA, ['4', null, '4', '4'], undefined, ref);
  expect(missing.errors).toMatchObject({ pulse_statement_1: expect.stringMatching(/from 1 to 5/) });
  const offScale = await submit(ANA, ['4', '9', '4', '0'], undefined, ref);
  expect(Object.keys(offScale.errors ?? {}).sort()).toEqual(['pulse_statement_1', 'pulse_statement_3']);
  const huge = await submit(ANA, ['4', '4', '4', '4'], 'x'.repeat(5000), ref);
  const unanswered = await submit(ANA, [null, null, null, null], undefined, ref);
  expect(Object.keys(unanswered.errors ?? {})).toHaveLength(4);
  expect(huge.errors?.pulse_comment).toMatch(/1000 characters/);
  const stale = await submit(ANA, ['4', '4', '4', '4'], undefined, 'not json');
  expect(stale.errors?.pulse_statement_0).toMatch(/out of date/);
  const fewerBlocks = await submit(ANA, ['4', '4'], undefined, ref);
  expect(fewerBlocks.errors?.pulse_statement_0).toMatch(/out of date/);
  const otherRound = await submit(
    ANA,
    ['4', '4', '4', '4'],
    undefined,
    JSON.stringify({ r: 1, d: '2026-01-02' }),
  );
  expect(otherRound.errors?.pulse_statement_0).toMatch(/closed, or it no longer exists/);
  // Someone who joined the channel after the prompt was not asked, so cannot answer this round.
  const stranger = await submit('U0NEW00005', ['4', '4', '4', '4'], undefined, ref);
  expect(stranger.errors?.pulse_statement_0).toMatch(/not sent to you/);
  const button = await t.requests.blockAction({
    user_id: ANA,
    action_id: 'pulse_answer',
    value: '{"r":"x"}',
  });
  expect(button.status).toBe(200);
  expect(JSON.stringify((await t.slack.waitFor(() => t.slack.responseUrlPosts[0])).body)).toMatch(
    /out of date/,
  );
  expect(await counts()).toEqual({ participation: 0, responses: 0 });

  // Hostile text is kept as written and shown as text: it never notifies or links anyone.
  expect(
    await submit(
      ANA,
      ['4', '4', '4', '4'],
      '<!channel> *look* <@U0BEN00002> <https://evil.example|click>',
      ref,
    ),
  ).toEqual({});
  // A NUL character (which Postgres text cannot hold) is dropped, not a failure.
  expect(await submit(BEN, ['4', '4', '4', '4'], 'nul\u0000here')).toEqual({});
  expect(await submit(CY, ['4', '4', '4', '4'])).toEqual({});
  await at(CLOSE);
  const shown = JSON.stringify(channelPosts()[0]?.args.blocks);
  expect(shown).toContain('&lt;!channel&gt; *look* &lt;@U0BEN00002&gt; &lt;https://evil.example|click&gt;');
  expect(shown).not.toContain('<!channel>');
  expect(shown).toContain('nulhere');
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
});

test('anonymity: nothing sent to Slack, logged or exported ties a person to a score or comment', async () => {
  await promptedPulse();
  const comments: Record<string, string> = {
    [ANA]: 'marker-comment-alpha',
    [BEN]: 'marker-comment-bravo',
    [CY]: 'marker-comment-charlie',
  };
  expect(await submit(ANA, ['5', '5', '5', '5'], comments[ANA])).toEqual({});
  expect(await submit(BEN, ['1', '1', '1', '1'], comments[BEN])).toEqual({});
  expect(await submit(CY, ['3', '3', '3', '3'], comments[CY])).toEqual({});
  await at(REMINDER);
  await at(CLOSE);
  await command('/pulse', '', DEE);

  const markers = Object.values(comments);
  // Every outgoing Slack call: a comment appears only in the channel's results, which name nobody.
  const withComments = t.slack.calls.filter((c) => markers.some((m) => JSON.stringify(c.args).includes(m)));
  expect(withComments.map((c) => [c.method, c.args.channel])).toEqual([['chat.postMessage', CHANNEL]]);
  for (const call of withComments) {
    for (const person of PEOPLE) expect(JSON.stringify(call.args)).not.toContain(person);
  }
  // The DMs to each person carry the statements, never anyone's scores or comments.
  for (const person of PEOPLE) {
    for (const dm of dmsTo(person))
      expect(markers.some((m) => JSON.stringify(dm.args).includes(m))).toBe(false);
  }
  // /pulse answers through the command's response: aggregates, no one named.
  for (const post of t.slack.responseUrlPosts) {
    for (const person of PEOPLE) expect(JSON.stringify(post.body)).not.toContain(person);
  }

  // The app logs at debug here, its most talkative: no log line holds a person together with a
  // comment or a submission's choices (the results' outgoing body may be logged: it names nobody).
  const revealing = t.logs.raw.filter(
    (line) => markers.some((m) => line.includes(m)) || /selected_option|"scores"/.test(line),
  );
  expect(revealing.length).toBeGreaterThan(0);
  for (const line of revealing) for (const person of PEOPLE) expect(line).not.toContain(person);

  // The export holds aggregates and no person.
  const text = JSON.stringify(await exported());
  for (const m of markers) expect(text).not.toContain(m);
  for (const person of PEOPLE) expect(text).not.toContain(person);

  // The answers are stored without who gave them or when.
  const columns = await t.database.db.query(
    `select column_name from information_schema.columns where table_name = 'pulse_responses' order by ordinal_position`,
    [],
    z.object({ column_name: z.string() }),
  );
  expect(columns.map((c) => c.column_name)).toEqual([
    'team_id',
    'ritual_id',
    'round_date',
    'id',
    'scores',
    'comment',
  ]);
  const participation = await t.database.db.query(
    `select column_name from information_schema.columns where table_name = 'pulse_participation' order by ordinal_position`,
    [],
    z.object({ column_name: z.string() }),
  );
  expect(participation.map((c) => c.column_name)).toEqual(['team_id', 'ritual_id', 'round_date', 'user_id']);
});

test('/pulse before any round has closed says so; after two rounds it shows the change since the previous one', async () => {
  expect((await command('/pulse', '')).text).toMatch(/^No pulse check has closed in this channel yet/);
  expect((await command('/pulse', 'help')).text).toMatch(/never who said what/);

  await promptedPulse();
  for (const person of [ANA, BEN, CY]) expect(await submit(person, ['3', '3', '3', '3'])).toEqual({});
  await at(CLOSE);
  // Before the next round closes, /pulse still shows this one, with no trend yet.
  expect(JSON.stringify((await command('/pulse', '')).blocks)).not.toMatch(/▲|▼/);

  await at('2026-11-27T09:00:05Z'); // the next Friday
  for (const person of PEOPLE) expect(dmsTo(person)).toHaveLength(2);
  for (const person of [ANA, BEN, CY, DEE]) expect(await submit(person, ['4', '2', '3', '4'])).toEqual({});
  await at('2026-11-28T09:00:05Z');
  expect(channelPosts()).toHaveLength(2);

  const reply = await command('/pulse', '');
  expect(reply.text).toBe('Pulse check for <#C0TEAMROOM> · Friday, 27 November: 4 answers');
  const shown = JSON.stringify(reply.blocks);
  expect(shown).toContain('*4.00* / 5 · ▲ 1.00');
  expect(shown).toContain('*2.00* / 5 · ▼ 1.00');
  expect(shown).toContain('*3.00* / 5 · no change');
  expect((await exported()).map((r) => [r.date, r.responses])).toEqual([
    ['2026-11-20', 3],
    ['2026-11-27', 4],
  ]);
});
