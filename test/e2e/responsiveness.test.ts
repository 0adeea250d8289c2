import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Responsiveness across the boundary, through the HTTP endpoint: `/health responsiveness`, the
 * message.channels and message.groups events, and what `/health` says. Ana (an admin, Berlin) and
 * Cy (Berlin) are this workspace; Ben (New York) is the partner's, in a Slack Connect channel.
 */
const ANA = 'U0ANA00001';
const BEN = 'W0BEN00002';
const CY = 'U0CY000003';
const CHANNEL = 'C0ALLIANCE';
const INTERNAL = 'G0INTERNAL';
const PARTNER = 'T0PARTNER9';
/** In every text of the tests' messages: no table may ever hold it. */
const MARKER = 'zebra-7f3a';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin', is_admin: true });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York', team_id: PARTNER });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin' });
  t.slack.addChannel({ id: CHANNEL, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY]);
  t.slack.addChannel({ id: INTERNAL, name: 'internal', isPrivate: true });
  t.slack.channelMembers.set(INTERNAL, [ANA, CY]);
  // Monday 23 November 2026.
  t.clock.set('2026-11-23T08:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

type Reply = { response_type: string; text: string; blocks: { type: string; text?: { text: string } }[] };

async function command(text: string, user_id = ANA, channel_id = CHANNEL): Promise<Reply> {
  t.clock.advance(1_000);
  const res = await t.requests.command({ command: '/health', text, user_id, channel_id });
  expect(res.status).toBe(200);
  return JSON.parse(await res.text()) as Reply;
}
const textOf = (reply: Reply) => [reply.text, ...reply.blocks.map((b) => b.text?.text ?? '')].join('\n');

let tsSerial = 0;
/** A message's ts at an instant, as Slack writes it (seconds, then a per-message serial). */
const tsAt = (iso: string) =>
  `${Math.floor(Date.parse(iso) / 1000)}.${String((tsSerial += 1)).padStart(6, '0')}`;

/** A person's message in a channel, as Slack sends the message.channels (or .groups) event. */
async function say(
  user: string,
  text: string,
  at: string,
  options: { thread?: string; channel?: string; extra?: Record<string, unknown>; ts?: string } = {},
): Promise<string> {
  const channel = options.channel ?? CHANNEL;
  const ts = options.ts ?? tsAt(at);
  const res = await t.requests.event({
    type: 'message',
    channel,
    channel_type: channel.startsWith('G') ? 'group' : 'channel',
    user,
    user_team: t.slack.teamOf(user),
    team: t.slack.teamOf(user),
    text: `${text} ${MARKER}`,
    ts,
    ...(options.thread ? { thread_ts: options.thread } : {}),
    ...options.extra,
  });
  expect(res.status).toBe(200);
  return ts;
}

/**
 * Ben picks his zone from the button in one of Rapport's DMs: Slack does not share a partner's
 * zone (the stand-in leaves `tz` out of an external member's profile), so until then it is assumed.
 */
async function benChoosesNewYork(): Promise<void> {
  const n = t.slack.callsTo('views.open').length;
  await t.requests.blockAction({
    user_id: BEN,
    team_id: TEAM_ID,
    action_id: 'time_zone_open',
    value: 'prompt',
  });
  const view = await openedModal<{ private_metadata: string }>(t.slack, n);
  const res = await t.requests.viewSubmission({
    user_id: BEN,
    callback_id: 'time_zone_form',
    private_metadata: view.private_metadata,
    values: {
      time_zone_pick: {
        value: {
          type: 'static_select',
          selected_option: {
            text: { type: 'plain_text', text: 'America/New_York' },
            value: 'America/New_York',
          },
        },
      },
      time_zone_typed: { value: { type: 'plain_text_input', value: null } },
    },
  });
  expect(res.status).toBe(200);
}

const threads = () =>
  t.database.db.query(
    `select * from asked_threads order by asked_at`,
    [],
    z.object({
      team_id: z.string(),
      channel_id: z.string(),
      thread_ts: z.string(),
      asker_side: z.string(),
      asker_zone: z.string(),
      asked_at: z.date(),
      replier_side: z.string().nullable(),
      replier_zone: z.string().nullable(),
      replied_at: z.date().nullable(),
    }),
  );

/** Every text and json column of every table, searched for the marker: the text is never kept. */
async function tablesHoldingTheText(): Promise<string[]> {
  const columns = await t.database.db.query(
    `select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and data_type in ('text', 'jsonb', 'json', 'character varying')`,
    [],
    z.object({ table_name: z.string(), column_name: z.string() }),
  );
  const found: string[] = [];
  for (const c of columns) {
    const [row] = await t.database.db.query(
      `select count(*)::int as n from "${c.table_name}" where "${c.column_name}"::text like $1`,
      [`%${MARKER}%`],
      z.object({ n: z.number() }),
    );
    if (row && row.n > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

describe('/health responsiveness', () => {
  test('is off until an admin turns it on: nothing is recorded, and /health says it is off', async () => {
    expect(textOf(await command('responsiveness'))).toContain(
      'Responsiveness is off in <#C0ALLIANCE>: nothing is recorded.',
    );
    await say(BEN, 'Can you send the spec?', '2026-11-23T14:00:00Z');
    expect(await threads()).toEqual([]);
    const card = textOf(await command(''));
    expect(card).toContain(
      '• _no data_ Responsiveness across sides: off (a workspace admin turns it on with `/health responsiveness on`)',
    );
  });

  test('only a workspace admin turns it on, and only between sides', async () => {
    const refused = await command('responsiveness on', CY);
    expect(refused.text).toContain('Only workspace admins and owners can turn responsiveness on or off');
    const internal = await command('responsiveness on', ANA, INTERNAL);
    expect(internal.text).toContain(
      'this channel is not shared with another organisation and has not declared two sides',
    );
    expect(textOf(await command('responsiveness'))).toContain('Responsiveness is off');
    const bad = await command('responsiveness on 3 weeks');
    expect(bad.text).toContain('“3 weeks” is not a working time I can read');
    const tooShort = await command('responsiveness target 5m');
    expect(tooShort.text).toContain('The target can be from 15 minutes to 40 working hours');
    const offTarget = await command('responsiveness target 2h');
    expect(offTarget.text).toContain('Responsiveness is off in this channel');
    expect(textOf(await command('responsiveness'))).toContain('Responsiveness is off');
  });

  test('questions, replies across sides, weekends and an unanswered thread, in working hours', async () => {
    await benChoosesNewYork();
    const on = textOf(await command('responsiveness on'));
    expect(on).toContain('Responsiveness is now on in <#C0ALLIANCE>.');
    expect(on).toContain('Target: 4 h of working time');
    expect(on).toContain('never the text, never who wrote it');

    // Tue 24 Nov, 17:00 UTC: Ana asks (18:00 in Berlin, after her hours; 12:00 in New York).
    const anaAsks = await say(ANA, 'Could you review the rollout plan?', '2026-11-24T17:00:00Z');
    // Cy, on Ana's side, answers first: that is not a reply across the boundary.
    await say(CY, 'I can look too', '2026-11-24T17:30:00Z', { thread: anaAsks });
    // Ben replies at 14:00 in New York: 2 working hours in his zone after the question.
    const benReplies = await say(BEN, 'Done, two comments', '2026-11-24T19:00:00Z', { thread: anaAsks });
    // Slack delivers that event again: nothing changes.
    await say(BEN, 'Done, two comments', '2026-11-24T19:00:00Z', { thread: anaAsks, ts: benReplies });
    // A later reply from Ben's side does not move the first.
    await say(BEN, 'And one more', '2026-11-24T20:00:00Z', { thread: anaAsks });

    // Tue 24 Nov, 15:00 UTC (10:00 in New York): Ben asks, and nobody from Ana's side ever answers.
    const unanswered = await say(BEN, 'Any chance you could share the logs', '2026-11-24T15:00:00Z');
    await say(BEN, 'bumping this', '2026-11-25T15:00:00Z', { thread: unanswered });

    // Fri 27 Nov, 20:00 UTC (21:00 in Berlin): Ben asks; Ana answers Monday at 11:30 in Berlin.
    const fridayAsk = await say(BEN, 'What is the cut-off date?', '2026-11-27T20:00:00Z');
    await say(ANA, 'The 4th', '2026-11-30T10:30:00Z', { thread: fridayAsk });

    // A message that asks nothing, and the replies to it, are not recorded at all.
    const hello = await say(ANA, 'Morning all, shipping today', '2026-11-25T08:00:00Z');
    await say(BEN, 'Great news', '2026-11-25T09:00:00Z', { thread: hello });
    // Edits, deletions and bots' messages are other message events: left alone.
    await say(ANA, 'Can you check?', '2026-11-25T10:00:00Z', { extra: { subtype: 'message_changed' } });
    await say(ANA, 'Can you check?', '2026-11-25T10:00:00Z', {
      extra: { subtype: 'bot_message', bot_id: 'B0BOT00001' },
    });

    const rows = await threads();
    expect(rows.map((r) => [r.asker_side, r.asker_zone, r.replier_side, r.replier_zone])).toEqual([
      [PARTNER, 'America/New_York', null, null],
      [TEAM_ID, 'Europe/Berlin', PARTNER, 'America/New_York'],
      [PARTNER, 'America/New_York', TEAM_ID, 'Europe/Berlin'],
    ]);
    expect(rows[1]?.replied_at?.toISOString()).toBe('2026-11-24T19:00:00.000Z');
    // The shared channel's own record set holds them, whichever installation delivered them.
    expect(new Set(rows.map((r) => r.team_id))).toEqual(new Set([CHANNEL]));
    expect(await tablesHoldingTheText()).toEqual([]);
    expect(t.logs.raw.join('\n')).not.toContain(MARKER);

    // Tue 1 Dec, 16:00 UTC: the last 7 days hold Ana's answered question (2 h), Ben's Friday
    // question (Fri evening to Mon 11:30 in Berlin: 2 h 30 min, the weekend left out) and Ben's
    // Tuesday question, unanswered when its 5 working days ended (Tue 1 Dec, 10:00 in New York).
    t.clock.set('2026-12-01T16:00:00Z');
    const card = textOf(await command(''));
    expect(card).toContain(
      "• *75* Responsiveness across sides (target 4 h of working time): Partner workspace (T0PARTNER9)'s 2 questions: first reply in 2 h 30 min (median), over 5 working days (90%), 1 unanswered; Rapport Playground's 1 question: first reply in 2 h (median), 2 h (90%), 0 unanswered",
    );

    // A tighter target: Ben's Friday question (2 h 30 min) now scores 2 ÷ 2.5.
    expect(textOf(await command('responsiveness target 2h'))).toContain(
      'The responsiveness target of <#C0ALLIANCE> is now 2 h of working time.',
    );
    expect(textOf(await command(''))).toContain(
      '• *70* Responsiveness across sides (target 2 h of working time)',
    );

    // Off: recording stops, and what was recorded is erased.
    const off = textOf(await command('responsiveness off'));
    expect(off).toContain('Rapport stopped recording, and erased the 3 question threads it had recorded.');
    expect(await threads()).toEqual([]);
    await say(BEN, 'Can you send the spec?', '2026-12-01T16:30:00Z');
    expect(await threads()).toEqual([]);
    expect(textOf(await command(''))).toContain('Responsiveness across sides: off');
  });

  test('in a private channel with declared sides, by side, from message.groups', async () => {
    await command(`sides product: <@${ANA}|ana> ; platform: <@${CY}|cy>`, ANA, INTERNAL);
    expect(textOf(await command('responsiveness on 1h', ANA, INTERNAL))).toContain(
      'Target: 1 h of working time',
    );
    const asks = await say(CY, 'please approve the budget', '2026-11-24T09:00:00Z', { channel: INTERNAL });
    await say(ANA, 'Approved', '2026-11-24T09:45:00Z', { channel: INTERNAL, thread: asks });
    const rows = await threads();
    expect(rows.map((r) => [r.team_id, r.asker_side, r.replier_side])).toEqual([
      [TEAM_ID, 'platform', 'product'],
    ]);
    t.clock.set('2026-11-24T12:00:00Z');
    expect(textOf(await command('', ANA, INTERNAL))).toContain(
      "• *100* Responsiveness across sides (target 1 h of working time): platform's 1 question: first reply in 45 min (median), 45 min (90%), 0 unanswered",
    );
  });
});
