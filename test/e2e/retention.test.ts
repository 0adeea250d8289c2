import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { FakeSlack, TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * Retention (issue 20, point 3), through the HTTP endpoint: `/rapport retention` for admins, the
 * daily erasure run once by two replicas on one database, the numbers of a past week the same
 * before and after it, and each change of the settings written to the audit log once.
 */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const ADMIN = 'U0ADM00003';
const CHANNEL = 'C0TEAMROOM';
const KEPT_30 = { RETENTION_DAYS_CHECKINS: '30', RETENTION_DAYS_NOTES: '30', RETENTION_DAYS_EVENTS: '30' };

let database: TestDatabase;
let slack: FakeSlack;
/** A replica with nothing set: everything kept forever. */
let forever: TestApp;
/** Two replicas that keep each kind 30 days. */
let one: TestApp;
let two: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start();
  forever = await startTestApp({ database, slack });
  one = await startTestApp({ database, slack, env: KEPT_30 });
  two = await startTestApp({ database, slack, env: KEPT_30 });
});
afterAll(async () => {
  for (const app of [forever, one, two]) await app.close();
  await slack.stop();
  await database.close();
});
beforeEach(() => {
  slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  slack.addUser({ id: BEN, name: 'ben', tz: 'Europe/Berlin' });
  slack.addUser({ id: ADMIN, name: 'admin', is_admin: true, tz: 'Europe/Berlin' });
  slack.channelMembers.set(CHANNEL, [ANA, BEN, ADMIN]);
});
afterEach(async () => {
  expect(slack.unhandled).toEqual([]);
  for (const app of [forever, one, two]) {
    expect(app.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  }
  await Promise.all([one.app.background.drain(), two.app.background.drain()]);
  await forever.reset();
});

const at = (instant: string, ...apps: TestApp[]) => {
  for (const app of apps) app.clock.set(instant);
};

type Reply = { text: string; response_type?: string; blocks?: { text?: { text: string } }[] };
async function command(t: TestApp, name: string, text: string, user_id = ANA): Promise<Reply> {
  const res = await t.requests.command({ command: name, text, user_id, channel_id: CHANNEL });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body === '' ? { text: '' } : JSON.parse(body)) as Reply;
}
const shown = (reply: Reply) => (reply.blocks ?? []).map((b) => b.text?.text ?? '').join('\n');

const rows = <S extends z.ZodType>(sql: string, schema: S) => database.db.query(sql, [], schema);
const retentionEntries = () =>
  rows(
    `select team_id, actor_id, at, detail from audit_log where action = 'retention.settings' order by id`,
    z.object({
      team_id: z.string(),
      actor_id: z.string(),
      at: z.date(),
      detail: z.record(z.string(), z.unknown()),
    }),
  );

describe('/rapport retention', () => {
  test('unset: everything is kept forever, and no run yet; only admins see it; nothing is written', async () => {
    at('2026-12-01T09:00:00Z', forever);
    const reply = await command(forever, '/rapport', 'retention', ADMIN);
    expect(reply.response_type).toBe('ephemeral');
    const text = shown(reply);
    expect(text).toContain('Stand-up answers: kept forever');
    expect(text).toContain('Retro notes: kept forever');
    expect(text).toContain('Kudos reactions and delivery records: kept forever');
    expect(text).toContain('*Last run:* not yet');

    const refused = await command(forever, '/rapport', 'retention', ANA);
    expect(refused.text).toBe('Only workspace admins and owners can see the retention settings.');
    expect(shown(refused)).not.toContain('kept forever');

    const extra = await command(forever, '/rapport', 'retention 30 days', ADMIN);
    expect(extra.text).toContain('not in Slack');

    // Its daily run erases nothing, and settings that were never set are no change to audit.
    await forever.app.jobs.tick();
    const after = shown(await command(forever, '/rapport', 'retention', ADMIN));
    expect(after).toContain('*Last run:* 2026-12-01');
    expect(after).toContain(
      'it erased the answers of 0 stand-up check-ins and the text of 0 retro notes, and deleted 0 reaction records and 0 delivery records',
    );
    expect(await retentionEntries()).toEqual([]);
  });
});

describe('the daily erasure, on two replicas', () => {
  test('runs once; the text goes, and a past week shows the same numbers before and after', async () => {
    at('2026-12-02T10:00:00Z', one, two); // Wednesday
    await command(one, '/rituals', 'standup mon-fri 09:30 Europe/Berlin');
    await command(one, '/rituals', 'retro weekly fri 16:00 Europe/Berlin');
    // The two replicas' first ticks: the settings changed from forever to 30 days, written once.
    await Promise.all([one.app.jobs.tick(), two.app.jobs.tick()]);
    const entries = await retentionEntries();
    expect(entries).toEqual([
      {
        team_id: TEAM_ID,
        actor_id: 'rapport',
        at: new Date('2026-12-02T10:00:00Z'),
        detail: {
          stand_up_answers_days: 30,
          stand_up_answers_days_before: 'forever',
          retro_notes_days: 30,
          retro_notes_days_before: 'forever',
          events_days: 30,
          events_days_before: 'forever',
        },
      },
    ]);

    // Friday: Ana answers her stand-up with a blocker; Ben's message gets a kudos reaction; Ben
    // writes a note in the scheduled retro.
    const run = async (instant: string) => {
      at(instant, one, two);
      await one.app.jobs.tick();
      await one.app.jobs.deliver();
      await one.app.background.drain();
    };
    await run('2026-12-04T08:30:05Z');
    const prompt = slack.callsTo('chat.postMessage').find((c) => c.args.channel === ANA);
    const answerButton = (prompt?.args.blocks as { type: string; elements?: { value: string }[] }[]).find(
      (b) => b.type === 'actions',
    )?.elements?.[0];
    await one.requests.blockAction({
      user_id: ANA,
      action_id: 'standup_answer',
      value: answerButton?.value ?? '',
    });
    const form = await openedModal<{ private_metadata: string }>(slack);
    const answers = ['Shipped the export', 'The retro', 'Waiting on the API key from IT'];
    await one.requests.viewSubmission({
      user_id: ANA,
      callback_id: 'standup_checkin',
      private_metadata: form.private_metadata,
      values: Object.fromEntries(
        answers.map((a, i) => [`question_${i}`, { answer: { type: 'plain_text_input', value: a } }]),
      ),
    });
    await one.app.background.drain();
    const thanks = slack.postAsUser(CHANNEL, BEN, 'Fixed the flaky build');
    await one.requests.event(
      reactionEvent({
        user: ANA,
        item_user: BEN,
        channel: CHANNEL,
        ts: thanks.ts,
        reaction: 'clap',
        event_ts: `${Date.parse('2026-12-04T09:00:00Z') / 1000}.000100`,
      }),
    );
    await one.app.background.drain();

    await run('2026-12-04T15:00:05Z'); // 16:00 in Berlin: the retro's message
    await run('2026-12-04T15:01:05Z');
    const retroMessage = slack
      .callsTo('chat.postMessage')
      .find((c) => String(c.args.text).startsWith('Retro:'));
    const addNote = (retroMessage?.args.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'retro_add_note');
    const writeNote = async (user: string, note: string) => {
      const opened = slack.callsTo('views.open').length;
      await one.requests.blockAction({
        user_id: user,
        action_id: 'retro_add_note',
        value: addNote?.value ?? '',
        channel_id: CHANNEL,
      });
      const noteForm = await openedModal<{ private_metadata: string }>(slack, opened);
      await one.requests.viewSubmission({
        user_id: user,
        callback_id: 'retro_note_form',
        private_metadata: noteForm.private_metadata,
        values: {
          retro_category: { value: { type: 'static_select', selected_option: { value: 'went_well' } } },
          retro_note: { value: { type: 'plain_text_input', value: note } },
          retro_share: { value: { type: 'checkboxes', selected_options: [] } },
        },
      });
      await one.app.background.drain();
      at(new Date(one.clock.now().getTime() + 2_000).toISOString(), one, two);
      await one.app.jobs.deliver();
    };
    await writeNote(BEN, 'Friday retros work');
    await writeNote(ANA, 'Shorter stand-ups');
    await one.app.background.drain();

    // The week's numbers, as /health computes them from what the rituals recorded.
    const pastWeek = async (t: TestApp) => {
      at('2026-12-05T12:00:00Z', t);
      return shown(await command(t, '/health', ''));
    };
    const before = await pastWeek(one);
    expect(before).toContain('Check-in participation: 1 of');
    expect(before).toContain('Blockers: 1 raised');
    expect(before).toContain('Retros held as scheduled: 1 of 1 got notes');
    const checkins = () =>
      rows(
        'select answers, blocker, answers_erased_at from checkins',
        z.object({
          answers: z.array(z.unknown()),
          blocker: z.boolean(),
          answers_erased_at: z.date().nullable(),
        }),
      );
    const notes = () =>
      rows(
        'select body, erased_at from retro_notes order by id',
        z.object({ body: z.string(), erased_at: z.date().nullable() }),
      );
    const count = async (sql: string) => (await rows(sql, z.object({ n: z.number() })))[0]?.n;
    expect(await checkins()).toEqual([
      { answers: expect.any(Array), blocker: true, answers_erased_at: null },
    ]);
    expect(JSON.stringify(await checkins())).toContain('Waiting on the API key from IT');
    expect(await notes()).toEqual([
      { body: 'Friday retros work', erased_at: null },
      { body: 'Shorter stand-ups', erased_at: null },
    ]);
    expect(await count('select count(*)::int as n from kudos_reactions')).toBe(1);
    const outboxIds = async () =>
      (await rows('select id from outbox', z.object({ id: z.coerce.number() }))).map((r) => r.id);
    const outboxBefore = await outboxIds();

    // More than 30 days later, both replicas tick at once: one of them runs the day's erasure.
    at('2027-01-10T00:00:30Z', one, two);
    await Promise.all([one.app.jobs.tick(), two.app.jobs.tick(), one.app.jobs.tick(), two.app.jobs.tick()]);
    const ran = [...one.logs.lines(), ...two.logs.lines()].filter(
      (l) => l.msg === 'retention ran' && l.runDate === '2027-01-10',
    );
    expect(ran).toHaveLength(1);
    expect(await count(`select count(*)::int as n from retention_runs where run_date = '2027-01-10'`)).toBe(
      1,
    );

    const [checkin] = await checkins();
    expect(checkin).toEqual({
      answers: [],
      blocker: true,
      answers_erased_at: new Date('2027-01-10T00:00:30Z'),
    });
    const erasedAt = new Date('2027-01-10T00:00:30Z');
    expect(await notes()).toEqual([
      { body: '', erased_at: erasedAt },
      { body: '', erased_at: erasedAt },
    ]);
    expect(await count('select count(*)::int as n from kudos_reactions')).toBe(0);
    // The kudos the reaction gave stays: it is counted.
    expect(await count('select count(*)::int as n from kudos where retracted_at is null')).toBe(1);
    const outboxAfter = new Set(await outboxIds());
    const deleted = outboxBefore.filter((id) => !outboxAfter.has(id)).length;
    // Each note edited the retro's count: the first edit, replaced by the second, is deleted.
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await count(`select count(*)::int as n from outbox where dedupe_key like 'retro-count:%'`)).toBe(
      1,
    );
    // The retro's own message stays: it is still found by its key.
    expect(
      await count(
        `select count(*)::int as n from outbox where dedupe_key like 'retro:%' and message_ts is not null`,
      ),
    ).toBe(1);

    // Back to the past week: the same numbers, from the flag and the rows that stayed.
    const after = await pastWeek(two);
    expect(after).toEqual(before);

    at('2027-01-10T09:00:00Z', two);
    const status = shown(await command(two, '/rapport', 'retention', ADMIN));
    expect(status).toContain('Stand-up answers: kept 30 days');
    expect(status).toContain('Retro notes: kept 30 days');
    expect(status).toContain('Kudos reactions and delivery records: kept 30 days');
    expect(status).toContain('*Last run:* 2027-01-10');
    expect(status).toContain(
      `it erased the answers of 1 stand-up check-in and the text of 2 retro notes, and deleted 1 reaction record and ${deleted} ${deleted === 1 ? 'delivery record' : 'delivery records'}.`,
    );
    expect((await command(two, '/rapport', 'retention', BEN)).text).toBe(
      'Only workspace admins and owners can see the retention settings.',
    );
    expect(await retentionEntries()).toHaveLength(1);
  });

  test('a start with the same settings writes nothing; with other ones, one entry with both values', async () => {
    const first = await startTestApp({ database, slack, env: KEPT_30 });
    const same = await startTestApp({ database, slack, env: KEPT_30 });
    const longer = await startTestApp({
      database,
      slack,
      env: { ...KEPT_30, RETENTION_DAYS_CHECKINS: '90' },
    });
    try {
      // Ana is looked up (a new replica's directory asks Slack): the workspace is known again.
      expect((await command(first, '/rapport', 'retention', ANA)).text).toContain('Only workspace admins');
      // The tables were emptied after the last test: the first start records 30 days again.
      at('2027-02-01T10:00:00Z', first, same, longer);
      await first.app.jobs.tick();
      expect(await retentionEntries()).toHaveLength(1);
      await same.app.jobs.tick();
      expect(await retentionEntries()).toHaveLength(1);
      await Promise.all([longer.app.jobs.tick(), longer.app.jobs.tick()]);
      const entries = await retentionEntries();
      expect(entries.map((e) => e.detail)).toEqual([
        expect.objectContaining({ stand_up_answers_days: 30, stand_up_answers_days_before: 'forever' }),
        expect.objectContaining({
          stand_up_answers_days: 90,
          stand_up_answers_days_before: 30,
          retro_notes_days: 30,
          retro_notes_days_before: 30,
        }),
      ]);
      at('2027-02-01T10:05:00Z', longer);
      expect(shown(await command(longer, '/rapport', 'retention', ADMIN))).toContain(
        'Stand-up answers: kept 90 days',
      );
    } finally {
      for (const app of [first, same, longer]) await app.close();
    }
  });
});
