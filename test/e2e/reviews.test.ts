import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * The quarterly review, through the HTTP endpoint and the scheduler: `/rituals review`, the DMs a
 * week before, the answer form, the reminder, the pack at the review's time and its outcome buttons.
 * Ana and Cy (Berlin) are this workspace; Ben is the partner's, in a Slack Connect channel.
 */
const ANA = 'U0ANA00001';
const BEN = 'W0BEN00002';
const CY = 'U0CY000003';
const DEE = 'U0DEE00004';
const CHANNEL = 'C0ALLIANCE';
const PARTNER = 'T0PARTNER9';
/** Monday 4 January 2027 at 10:00 in Berlin: the first Monday of the quarter. */
const REVIEW_DATE = '2027-01-04';
const REVIEW_AT = '2027-01-04T09:00:00Z';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York', team_id: PARTNER });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: DEE, name: 'dee', tz: 'Europe/Berlin' });
  t.slack.addChannel({ id: CHANNEL, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY]);
  t.clock.set('2026-12-10T12:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

type Reply = { text: string; response_type?: string; blocks?: unknown[] };
type Block = { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] };

async function command(name: string, text: string, user_id = ANA): Promise<Reply> {
  const res = await t.requests.command({ command: name, text, user_id, channel_id: CHANNEL });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body ? JSON.parse(body) : {}) as Reply;
}

/** Runs the scheduler's tick at `instant`, and delivers what it queued (paced, so a few passes). */
async function at(instant: string) {
  t.clock.set(instant);
  await t.app.jobs.tick();
  for (let pass = 0; pass <= 3; pass += 1) {
    t.clock.set(new Date(Date.parse(instant) + pass * 1_100));
    await t.app.jobs.deliver();
  }
  await t.app.background.drain();
}

const dmsTo = (user: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
const channelPosts = () => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
const answerRef = (user: string) =>
  ((dmsTo(user).at(-1)?.args.blocks as Block[] | undefined) ?? [])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'review_answer')?.value ?? '';

/** Presses Answer in the review DM, and returns the form Slack opened. */
async function openForm(user: string, ref = answerRef(user)) {
  const n = t.slack.callsTo('views.open').length;
  const res = await t.requests.blockAction({ user_id: user, action_id: 'review_answer', value: ref });
  expect(res.status).toBe(200);
  return openedModal<{ callback_id: string; private_metadata: string; blocks: unknown[] }>(t.slack, n);
}

async function answer(user: string, fields: { priorities: string[]; helped?: string; change?: string }) {
  const form = await openForm(user);
  expect(form.callback_id).toBe('review_answer_form');
  const input = (value: string | undefined) => ({
    value: { type: 'plain_text_input', value: value ?? null },
  });
  const res = await t.requests.viewSubmission({
    user_id: user,
    callback_id: 'review_answer_form',
    private_metadata: form.private_metadata,
    values: {
      review_priority1: input(fields.priorities[0]),
      review_priority2: input(fields.priorities[1]),
      review_priority3: input(fields.priorities[2]),
      review_helped: input(fields.helped),
      review_change: input(fields.change),
    },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as { response_action?: string; errors?: Record<string, string> };
}

const packText = () =>
  JSON.stringify(channelPosts().find((c) => String(c.args.text).includes('review'))?.args.blocks);

async function createReview(): Promise<number> {
  const created = await command('/rituals', 'review quarterly mon 10:00 Europe/Berlin');
  expect(created.text).toContain(
    'The first Mon of January, April, July and October at 10:00, Europe/Berlin; its forms go out 7 days before',
  );
  expect(created.text).toContain('next on Monday, 4 January, forms go out: ');
  const [row] = await t.database.db.query(
    `select id from rituals where kind = 'review'`,
    [],
    z.object({ id: z.coerce.number() }),
  );
  if (!row) throw new Error('no review ritual');
  return row.id;
}

describe('/rituals review', () => {
  test('refuses what it cannot schedule, with an example', async () => {
    expect((await command('/rituals', 'review weekly mon 10:00')).text).toContain(
      'A review needs how often (`quarterly` or `monthly`), one day, a time',
    );
    expect((await command('/rituals', 'review quarterly mon-fri 10:00')).text).toContain(
      'A review is held on one day of the week',
    );
    expect((await command('/rituals', 'review monthly mon 25:00')).text).toContain('is not a time');
    expect(await t.database.db.query('select id from rituals', [], z.object({ id: z.unknown() }))).toEqual(
      [],
    );
  });

  test('a week before, the form; a day before, the reminder; at the review, the pack with the shared priorities', async () => {
    const ritualId = await createReview();
    // Rapport learns the workspaces' names from Slack (team.info) hourly, or when /health is used.
    await command('/health', '');
    // Something to show in the pack: a give confirmed, an open action item, a decision due for review.
    await command('/gave', `<@${BEN}|ben> the load-test scripts · 3 days`, ANA);

    // Monday 28 December, 10:00 in Berlin: everyone in the channel gets the form by DM, once.
    await at('2026-12-28T09:00:00Z');
    await at('2026-12-28T09:00:30Z');
    for (const user of [ANA, BEN, CY]) {
      const dms = dmsTo(user).filter((c) => String(c.args.text).includes('quarterly review'));
      expect(dms).toHaveLength(1);
      expect(String(dms[0]?.args.text)).toContain('The quarterly review of <#C0ALLIANCE> is');
    }
    expect(answerRef(ANA)).toBe(`${ritualId}:${REVIEW_DATE}`);

    // A form with no priority is refused on the form; nothing is saved.
    const empty = await answer(ANA, { priorities: [] });
    expect(empty).toEqual({
      response_action: 'errors',
      errors: { review_priority1: 'Name at least one priority.' },
    });

    expect(
      await answer(ANA, {
        priorities: ['Faster partner onboarding', 'Shared security review', 'Hiring plan'],
        helped: 'Ben’s load-test scripts',
        change: 'Fewer status meetings',
      }),
    ).toEqual({});
    // Ana changes her mind: her one answer is replaced, and the form shows it as she left it.
    const again = await openForm(ANA);
    expect(JSON.stringify(again.blocks)).toContain('Faster partner onboarding');
    expect(
      await answer(ANA, {
        priorities: ['Faster partner onboarding', 'Shared security review', 'Hiring plan for Q1'],
        helped: 'Ben’s load-test scripts',
        change: 'Fewer status meetings',
      }),
    ).toEqual({});
    expect(
      await answer(BEN, {
        priorities: ['Partner onboarding speed', 'Security review together', 'Launch in Japan'],
        helped: 'The intro to the data team',
      }),
    ).toEqual({});

    // Someone who is not in the channel cannot answer with a forged button.
    const n = t.slack.callsTo('views.open').length;
    await t.requests.blockAction({
      user_id: DEE,
      action_id: 'review_answer',
      value: `${ritualId}:${REVIEW_DATE}`,
    });
    await t.app.background.drain();
    expect(t.slack.callsTo('views.open').length).toBe(n);

    // Sunday 3 January, 10:00: only Cy, who has not answered, is reminded.
    await at('2027-01-03T09:00:00Z');
    expect(dmsTo(CY).map((c) => String(c.args.text))).toContainEqual(
      expect.stringContaining('Reminder: The quarterly review of <#C0ALLIANCE>'),
    );
    for (const user of [ANA, BEN]) {
      expect(dmsTo(user).filter((c) => String(c.args.text).startsWith('Reminder'))).toEqual([]);
    }

    // The review: the pack, once, however often the scheduler runs.
    await at(REVIEW_AT);
    await at('2027-01-04T09:00:40Z');
    const packs = channelPosts().filter((c) => String(c.args.text).startsWith('Quarterly review of'));
    expect(packs).toHaveLength(1);
    expect(String(packs[0]?.args.text)).toBe('Quarterly review of <#C0ALLIANCE>: 2 shared priorities');
    const pack = packText();
    expect(pack).toContain('Quarterly review · Monday, 4 January');
    expect(pack).toContain('2 people answered');
    // Both sides named onboarding and a security review, in their own words: shared, shown once.
    expect(pack).toContain(
      '*:link: Shared priorities*\\n• *Partner onboarding speed*: Partner workspace (T0PARTNER9) 1 · Rapport Playground 1\\n• *Shared security review*: Partner workspace (T0PARTNER9) 1 · Rapport Playground 1',
    );
    expect(pack).toContain('• Hiring plan for Q1');
    expect(pack).toContain('• Launch in Japan');
    expect(pack).not.toContain('Hiring plan\\n');
    // What each side said, with no names.
    expect(pack).toContain(':sparkles: Ben’s load-test scripts');
    expect(pack).toContain(':wrench: Fewer status meetings');
    expect(pack).not.toContain(`<@${ANA}>`);
    expect(pack).toContain(
      'Rapport Playground → Partner workspace (T0PARTNER9)*: 1 give, 0 confirmed, 1 waiting',
    );
    expect(pack).toContain('No week of this period was stored');
    expect(pack).toContain('This channel has no charter yet.');

    // After the review began, answers are closed.
    const opened = t.slack.callsTo('views.open').length;
    await t.requests.blockAction({ user_id: CY, action_id: 'review_answer', value: answerRef(CY) });
    await t.app.background.drain();
    expect(t.slack.callsTo('views.open').length).toBe(opened);
    expect(t.slack.responseUrlPosts.at(-1)?.body.text).toBe(
      'This review has begun, so its answers are closed: bring yours to the review itself.',
    );
    const [count] = await t.database.db.query(
      'select count(*)::int as n from review_answers',
      [],
      z.object({ n: z.number() }),
    );
    expect(count?.n).toBe(2);

    // The export has each answer; the pack is the channel's.
    const records = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined })) {
      if (r.type === 'review_answer') records.push(r);
    }
    expect(records.map((r) => [r.user_id, r.review_date, r.priorities])).toEqual([
      [ANA, REVIEW_DATE, ['Faster partner onboarding', 'Shared security review', 'Hiring plan for Q1']],
      [BEN, REVIEW_DATE, ['Partner onboarding speed', 'Security review together', 'Launch in Japan']],
    ]);
  });

  test('the pack’s buttons log outcomes: a decision linked to the pack, and an action item', async () => {
    await createReview();
    await at('2026-12-28T09:00:00Z');
    await at(REVIEW_AT);
    const pack = channelPosts().find((c) => String(c.args.text).startsWith('Quarterly review of'));
    const packTs = t.slack.conversations
      .get(CHANNEL)
      ?.find((m) => String(m.text).startsWith('Quarterly review of'))?.ts;
    expect(pack && packTs).toBeTruthy();
    const click = (action_id: string) =>
      t.requests.blockActions({
        user_id: ANA,
        action: {
          type: 'button',
          action_id,
          block_id: 'review_outcomes',
          value: REVIEW_DATE,
          text: { type: 'plain_text', text: 'b' },
        },
        where: {
          type: 'message',
          channel_id: CHANNEL,
          channel_name: 'alliance',
          message: { type: 'message', ts: packTs, text: 'Quarterly review' },
        },
      });

    let n = t.slack.callsTo('views.open').length;
    expect((await click('review_log_decision')).status).toBe(200);
    const decisionForm = await openedModal<{ callback_id: string; private_metadata: string }>(t.slack, n);
    expect(decisionForm.callback_id).toBe('decision_form');
    const decided = await t.requests.viewSubmission({
      user_id: ANA,
      callback_id: 'decision_form',
      private_metadata: decisionForm.private_metadata,
      values: {
        decision_decision: { value: { type: 'plain_text_input', value: 'Onboarding is our shared Q1 goal' } },
        decision_owner: { value: { type: 'users_select', selected_user: ANA } },
      },
    });
    expect(decided.status).toBe(200);

    n = t.slack.callsTo('views.open').length;
    expect((await click('review_add_action')).status).toBe(200);
    const actionForm = await openedModal<{ callback_id: string; private_metadata: string }>(t.slack, n);
    expect(actionForm.callback_id).toBe('retro_action_form');
    const added = await t.requests.viewSubmission({
      user_id: ANA,
      callback_id: 'retro_action_form',
      private_metadata: actionForm.private_metadata,
      values: {
        retro_owner: { value: { type: 'users_select', selected_user: BEN } },
        retro_action: { value: { type: 'plain_text_input', value: 'Draft the onboarding checklist' } },
        retro_due: { value: { type: 'datepicker', selected_date: null } },
      },
    });
    expect(added.status).toBe(200);
    await t.app.background.drain();

    const decisions = await t.database.db.query(
      'select decision, source_ts, team_id from decisions',
      [],
      z.object({ decision: z.string(), source_ts: z.string(), team_id: z.string() }),
    );
    expect(decisions).toEqual([
      { decision: 'Onboarding is our shared Q1 goal', source_ts: packTs, team_id: CHANNEL },
    ]);
    const items = await t.database.db.query(
      'select body, owner_id, channel_id, team_id from action_items',
      [],
      z.object({ body: z.string(), owner_id: z.string(), channel_id: z.string(), team_id: z.string() }),
    );
    expect(items).toEqual([
      { body: 'Draft the onboarding checklist', owner_id: BEN, channel_id: CHANNEL, team_id: CHANNEL },
    ]);
  });
});
