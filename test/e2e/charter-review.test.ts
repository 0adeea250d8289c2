import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { FakeSlack, TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * The governance review (issue 19, point 5), through the HTTP endpoint, the stand-in and the
 * scheduler with the injected clock: the cadence saved from the charter form; the channel asked once
 * when the review comes due (two ticks, two replicas); Still right records a confirmation and edits
 * the message in place; Revise opens the form prefilled and saving it records a new version; never
 * is never asked; the next review counts from the answer.
 */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CHANNEL = 'C0TEAMROOM';

type Element = {
  type?: string;
  action_id?: string;
  value?: string;
  initial_value?: string;
  initial_option?: { value: string };
  options?: { value: string }[];
};
type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  hint?: { text: string };
  element?: Element;
  elements?: Element[];
};
type Modal = { callback_id: string; private_metadata: string; blocks: Block[] };
type Call = { args: Record<string, unknown> };

const text = (v: string) => ({ value: { type: 'plain_text_input', value: v } });
const users = (ids: string[]) => ({ value: { type: 'multi_users_select', selected_users: ids } });
const hours = (h: string) => ({ value: { type: 'number_input', value: h } });
const cadence = (c: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: c }, value: c } },
});

const GOVERNANCE = {
  charter_goal: text('Ship onboarding together'),
  charter_decisionRights: text('Roadmap: Ben decides after consulting Ana'),
  charter_level1A: users([BEN]),
  charter_level1Target: hours('4'),
};

const allText = (blocks: unknown) => JSON.stringify(blocks ?? []);
const buttons = (blocks: unknown) =>
  ((blocks as Block[] | undefined) ?? []).flatMap((b) => b.elements ?? []).filter((e) => e.type === 'button');

/** One replica's view of Slack and the scheduler. */
function helpers(t: TestApp) {
  const settle = async () => {
    await t.app.background.drain();
    for (let pass = 0; pass < 3; pass += 1) {
      t.clock.advance(1_100);
      await t.app.jobs.deliver();
    }
    await t.app.background.drain();
  };
  return {
    settle,
    /** The scheduler's tick at `instant`, then delivery. */
    async tickAt(instant: string) {
      t.clock.set(instant);
      t.app.jobs.forgetPacing();
      await t.app.jobs.tick();
      await settle();
    },
    /** Opens the form with `/charter edit` and saves it with `values`. */
    async saveCharter(values: Record<string, unknown>, user_id = ANA) {
      const n = t.slack.callsTo('views.open').length;
      const opened = await t.requests.command({
        command: '/charter',
        text: 'edit',
        user_id,
        channel_id: CHANNEL,
      });
      expect(opened.status).toBe(200);
      const modal = await openedModal<Modal>(t.slack, n);
      const res = await t.requests.viewSubmission({
        user_id,
        callback_id: 'charter_form',
        private_metadata: modal.private_metadata,
        values: values as never,
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      await settle();
      return modal;
    },
    /** The review messages posted in the channel (a charter's own message is not one). */
    reviewPosts: (): Call[] =>
      t.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === CHANNEL && allText(c.args.blocks).includes('charter_review')),
    reviewUpdates: (): Call[] =>
      t.slack
        .callsTo('chat.update')
        .filter((c) => c.args.channel === CHANNEL && allText(c.args.blocks).includes('review of')),
    reviews: () =>
      t.database.db.query(
        `select id, version, due_at, outcome, answered_by, answered_at, revised_version
         from charter_reviews order by id`,
        [],
        z.object({
          id: z.coerce.number(),
          version: z.number(),
          due_at: z.date(),
          outcome: z.string().nullable(),
          answered_by: z.string().nullable(),
          answered_at: z.date().nullable(),
          revised_version: z.number().nullable(),
        }),
      ),
    dueAt: async () =>
      (
        await t.database.db.query(
          `select review_due_at from charters where channel_id = $1`,
          [CHANNEL],
          z.object({ review_due_at: z.date().nullable() }),
        )
      )[0]?.review_due_at,
    /** What the person who clicked was told privately (under the message, by its response_url). */
    toldPrivately: () => t.slack.responseUrlPosts.map((p) => String(p.body.text)).join('\n'),
    click: (action_id: string, reviewId: number, user_id = BEN) =>
      t.requests.blockAction({ user_id, action_id, value: String(reviewId), channel_id: CHANNEL }),
  };
}

describe('one replica', () => {
  let t: TestApp;
  let h: ReturnType<typeof helpers>;

  beforeAll(async () => {
    t = await startTestApp();
    h = helpers(t);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
    t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
    // 30 November: a quarter on is 28 February (the month has no 30th), at the same time, in UTC.
    t.clock.set('2026-11-30T09:00:00Z');
  });
  afterEach(async () => {
    expect(t.slack.unhandled).toEqual([]);
    expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
    await t.reset();
  });

  test('the form offers the cadence (quarterly by default, with its hint), saves it, and shows it again', async () => {
    const modal = await h.saveCharter({ ...GOVERNANCE, charter_reviewCadence: cadence('monthly') });
    const select = modal.blocks.find((b) => b.block_id === 'charter_reviewCadence');
    expect(select?.element?.initial_option?.value).toBe('quarterly');
    expect(select?.element?.options?.map((o) => o.value)).toEqual([
      'monthly',
      'quarterly',
      'half-yearly',
      'never',
    ]);
    expect(select?.hint?.text).toContain('without decision rights or escalation levels is not reviewed');
    const [row] = await t.database.db.query(
      `select review_cadence from charter_versions where channel_id = $1`,
      [CHANNEL],
      z.object({ review_cadence: z.string() }),
    );
    expect(row?.review_cadence).toBe('monthly');
    // Monthly from the save: 30 December.
    expect((await h.dueAt())?.toISOString()).toBe('2026-12-30T09:00:00.000Z');

    // The form opens on the saved cadence; changing only it is a new version the history names.
    const again = await h.saveCharter({ ...GOVERNANCE, charter_reviewCadence: cadence('half-yearly') });
    expect(again.blocks.find((b) => b.block_id === 'charter_reviewCadence')?.element?.initial_option).toEqual(
      expect.objectContaining({ value: 'monthly' }),
    );
    const history = await t.requests.command({
      command: '/charter',
      text: 'history',
      user_id: ANA,
      channel_id: CHANNEL,
    });
    expect(allText(((await history.json()) as { blocks: Block[] }).blocks)).toContain(
      'changed review cadence',
    );
    expect((await h.dueAt())?.toISOString().slice(0, 10)).toBe('2027-05-30');
  });

  test('due, the channel is asked once; Still right records who and when, edits the message, and the next review counts from it', async () => {
    await h.saveCharter({ ...GOVERNANCE });
    expect((await h.dueAt())?.toISOString()).toBe('2027-02-28T09:00:00.000Z');

    await h.tickAt('2027-02-28T08:59:00Z');
    expect(h.reviewPosts()).toHaveLength(0);
    await h.tickAt('2027-02-28T09:00:00Z');
    await h.tickAt('2027-02-28T09:01:00Z');
    await h.tickAt('2027-03-15T09:00:00Z');
    const posted = h.reviewPosts();
    expect(posted).toHaveLength(1);
    const message = allText(posted[0]?.args.blocks);
    expect(message).toContain('Roadmap: Ben decides after consulting Ana');
    expect(message).toContain(`Level 1 (within 4 h): <@${BEN}>`);
    expect(buttons(posted[0]?.args.blocks).map((b) => b.action_id)).toEqual([
      'charter_review_confirm',
      'charter_review_revise',
    ]);
    const [review] = await h.reviews();
    expect(review).toMatchObject({ version: 1, outcome: null });
    expect(review?.due_at.toISOString()).toBe('2027-02-28T09:00:00.000Z');
    expect(buttons(posted[0]?.args.blocks)[0]?.value).toBe(String(review?.id));
    expect(await h.dueAt()).toBeNull();

    t.clock.set('2027-03-16T14:00:00Z');
    expect((await h.click('charter_review_confirm', review?.id ?? 0)).status).toBe(200);
    await h.settle();
    const [confirmed] = await h.reviews();
    expect(confirmed).toMatchObject({ outcome: 'confirmed', answered_by: BEN, revised_version: null });
    expect(confirmed?.answered_at?.toISOString()).toBe('2027-03-16T14:00:00.000Z');
    // The message is edited once, in place: what was done and by whom, no buttons left.
    const updates = h.reviewUpdates();
    expect(updates).toHaveLength(1);
    const [posting] = await t.database.db.query(
      `select message_ts from outbox where dedupe_key = $1`,
      [`charter-review:${CHANNEL}:${review?.id}`],
      z.object({ message_ts: z.string().nullable() }),
    );
    expect(updates[0]?.args.ts).toBe(posting?.message_ts);
    expect(allText(updates[0]?.args.blocks)).toContain(`<@${BEN}> confirmed they are still right`);
    expect(buttons(updates[0]?.args.blocks)).toEqual([]);
    // The next review counts from the confirmation: a quarter on.
    expect((await h.dueAt())?.toISOString()).toBe('2027-06-16T14:00:00.000Z');

    // A second click (a stale message) records nothing more, and edits nothing more.
    await h.click('charter_review_confirm', review?.id ?? 0, ANA);
    await h.settle();
    expect((await h.reviews()).filter((r) => r.outcome === 'confirmed')).toHaveLength(1);
    // Who clicked is told, privately, under the message.
    expect(h.toldPrivately()).toContain(`<@${BEN}> confirmed this review already`);
    expect(h.reviewUpdates()).toHaveLength(1);

    await h.tickAt('2027-06-16T13:59:00Z');
    expect(h.reviewPosts()).toHaveLength(1);
    await h.tickAt('2027-06-16T14:00:00Z');
    expect(h.reviewPosts()).toHaveLength(2);
    expect((await h.reviews()).map((r) => r.outcome)).toEqual(['confirmed', null]);
  });

  test('Revise opens the form prefilled; saving records a new version, answers the review, and the next counts from it', async () => {
    await h.saveCharter({ ...GOVERNANCE, charter_reviewCadence: cadence('monthly') });
    await h.tickAt('2026-12-30T09:00:00Z');
    const [review] = await h.reviews();
    expect(review).toBeDefined();

    const n = t.slack.callsTo('views.open').length;
    t.clock.set('2027-01-04T10:00:00Z');
    expect((await h.click('charter_review_revise', review?.id ?? 0)).status).toBe(200);
    const modal = await openedModal<Modal>(t.slack, n);
    expect(modal.callback_id).toBe('charter_form');
    const value = (id: string) => modal.blocks.find((b) => b.block_id === id)?.element;
    expect(value('charter_decisionRights')?.initial_value).toBe('Roadmap: Ben decides after consulting Ana');
    expect(value('charter_goal')?.initial_value).toBe('Ship onboarding together');
    expect(value('charter_reviewCadence')?.initial_option?.value).toBe('monthly');

    const res = await t.requests.viewSubmission({
      user_id: BEN,
      callback_id: 'charter_form',
      private_metadata: modal.private_metadata,
      values: {
        ...GOVERNANCE,
        charter_decisionRights: text('Roadmap: Ana and Ben decide together'),
        charter_reviewCadence: cadence('monthly'),
      } as never,
    });
    expect(await res.text()).toBe('');
    await h.settle();
    const versions = await t.database.db.query(
      `select version, saved_by, decision_rights from charter_versions order by version`,
      [],
      z.object({ version: z.number(), saved_by: z.string(), decision_rights: z.array(z.string()) }),
    );
    expect(versions.map((v) => [v.version, v.saved_by])).toEqual([
      [1, ANA],
      [2, BEN],
    ]);
    const [revised] = await h.reviews();
    expect(revised).toMatchObject({ outcome: 'revised', answered_by: BEN, revised_version: 2 });
    const updates = h.reviewUpdates();
    expect(updates).toHaveLength(1);
    expect(allText(updates[0]?.args.blocks)).toContain(`<@${BEN}> revised the charter`);
    expect(allText(updates[0]?.args.blocks)).toContain('Ana and Ben decide together');
    expect(buttons(updates[0]?.args.blocks)).toEqual([]);
    // A month from the new version.
    expect((await h.dueAt())?.toISOString()).toBe('2027-02-04T10:00:00.000Z');

    // Revise on the answered review says so, and opens no form.
    const m = t.slack.callsTo('views.open').length;
    await h.click('charter_review_revise', review?.id ?? 0, ANA);
    await h.settle();
    expect(t.slack.callsTo('views.open')).toHaveLength(m);
    expect(h.toldPrivately()).toContain(`<@${BEN}> answered this review already by saving version 2`);
    expect(await h.reviews()).toHaveLength(1);

    await h.tickAt('2027-02-04T10:00:00Z');
    expect(h.reviewPosts()).toHaveLength(2);
  });

  test('Revise saved unchanged counts as a confirmation', async () => {
    await h.saveCharter({ ...GOVERNANCE });
    await h.tickAt('2027-02-28T09:00:00Z');
    const [review] = await h.reviews();
    const n = t.slack.callsTo('views.open').length;
    await h.click('charter_review_revise', review?.id ?? 0, ANA);
    const modal = await openedModal<Modal>(t.slack, n);
    await t.requests.viewSubmission({
      user_id: ANA,
      callback_id: 'charter_form',
      private_metadata: modal.private_metadata,
      values: GOVERNANCE as never,
    });
    await h.settle();
    expect(await h.reviews()).toEqual([expect.objectContaining({ outcome: 'confirmed', answered_by: ANA })]);
    expect(h.reviewUpdates()).toHaveLength(1);
  });

  test('never is never asked; nor is a charter without decision rights or levels', async () => {
    await h.saveCharter({ ...GOVERNANCE, charter_reviewCadence: cadence('never') });
    expect(await h.dueAt()).toBeNull();
    await h.tickAt('2027-12-01T09:00:00Z');
    expect(h.reviewPosts()).toHaveLength(0);

    // Nothing to confirm: a charter with its goal only.
    t.clock.set('2027-12-01T10:00:00Z');
    await h.saveCharter({ charter_goal: text('Ship onboarding together') });
    expect(await h.dueAt()).toBeNull();
    await h.tickAt('2029-01-01T09:00:00Z');
    expect(h.reviewPosts()).toHaveLength(0);
    expect(await h.reviews()).toEqual([]);
  });

  test('export: review lines, and the cadence on charter lines', async () => {
    await h.saveCharter({ ...GOVERNANCE });
    await h.tickAt('2027-02-28T09:00:00Z');
    const [review] = await h.reviews();
    t.clock.set('2027-03-01T08:00:00Z');
    await h.click('charter_review_confirm', review?.id ?? 0);
    await h.settle();
    const lines = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined })) lines.push(r);
    expect(lines.filter((l) => l.type === 'charter')).toEqual([
      expect.objectContaining({ version: 1, review_cadence: 'quarterly' }),
    ]);
    expect(lines.filter((l) => l.type === 'charter_review')).toEqual([
      {
        type: 'charter_review',
        team_id: TEAM_ID,
        id: review?.id,
        channel_id: CHANNEL,
        version: 1,
        due_at: '2027-02-28T09:00:00.000Z',
        asked_at: '2027-02-28T09:00:00.000Z',
        outcome: 'confirmed',
        answered_by: BEN,
        answered_at: '2027-03-01T08:00:00.000Z',
        revised_version: null,
      },
    ]);
  });
});

describe('two replicas on one database', () => {
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

  test('both ticking at the moment the review comes due: it is asked once', async () => {
    slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
    slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
    one.clock.set('2026-11-30T09:00:00Z');
    await helpers(one).saveCharter({ ...GOVERNANCE });
    for (const app of [one, two]) app.clock.set('2027-02-28T09:00:00Z');
    await Promise.all([one.app.jobs.tick(), two.app.jobs.tick()]);
    await Promise.all([one.app.jobs.tick(), two.app.jobs.tick()]);
    await helpers(one).settle();
    await helpers(two).settle();
    expect(helpers(one).reviewPosts()).toHaveLength(1);
    expect(await helpers(one).reviews()).toHaveLength(1);
  });
});
