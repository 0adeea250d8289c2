import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { insertAuditEntry } from '../../src/db/repos/audit-log.js';
import { exportRecords, type ExportRecord } from '../../src/export/records.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * The audit log (issue 20, point 6), through the HTTP endpoint: each kind of change (the kudos
 * budget and emoji, sides, rituals by command and by form, a charter's version and a review's
 * confirmation) writes one entry, with the actor and the app's clock's time, in its own
 * transaction; a refused or invalid change writes none; `/rapport audit` shows them to admins;
 * `npm run export` has them.
 */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const ADMIN = 'U0ADMIN005';
const CHANNEL = 'C0TEAMROOM';
const NOW = '2026-11-30T09:00:00.000Z';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
  t.slack.addUser({ id: ADMIN, name: 'admin', is_admin: true, tz: 'Europe/Berlin' });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, ADMIN]);
  t.clock.set(NOW);
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

type Reply = { text: string; response_type?: string; blocks?: unknown[] };
const command = async (command: string, text: string, user_id = ANA, channel_id = CHANNEL) => {
  const res = await t.requests.command({ command, text, user_id, channel_id });
  expect(res.status).toBe(200);
  const body = await res.text();
  return (body === '' ? { text: '' } : JSON.parse(body)) as Reply;
};
const rapport = (text: string, user_id = ADMIN) => command('/rapport', text, user_id);

const entries = () =>
  t.database.db.query(
    'select team_id, at, actor_id, action, channel_id, detail from audit_log order by id',
    [],
    z.object({
      team_id: z.string(),
      at: z.date().transform((d) => d.toISOString()),
      actor_id: z.string(),
      action: z.string(),
      channel_id: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()),
    }),
  );
const actions = async () => (await entries()).map((e) => e.action);
const rituals = () =>
  t.database.db.query('select id from rituals order by id', [], z.object({ id: z.coerce.number() }));

describe('each change writes one entry; a refused or invalid one writes none', () => {
  test('the kudos budget and emoji: an admin’s change, at the app’s time, workspace-wide', async () => {
    expect((await command('/kudos', 'budget 5', ANA)).text).toMatch(/Only workspace admins/);
    expect((await command('/kudos', 'budget lots', ADMIN)).text).toMatch(/from 1 to 100/);
    expect((await command('/kudos', 'emoji tada', ANA)).text).toMatch(/Only workspace admins/);
    expect((await command('/kudos', 'emoji <script>', ADMIN)).text).toMatch(/not an emoji name/);
    expect(await entries()).toEqual([]);

    await command('/kudos', 'budget 5', ADMIN);
    t.clock.set('2026-11-30T10:15:00Z');
    await command('/kudos', 'budget off', ADMIN);
    await command('/kudos', 'emoji :tada: heart', ADMIN);
    expect(await entries()).toEqual([
      {
        team_id: TEAM_ID,
        at: NOW,
        actor_id: ADMIN,
        action: 'kudos.budget',
        channel_id: null,
        detail: { budget: 5 },
      },
      {
        team_id: TEAM_ID,
        at: '2026-11-30T10:15:00.000Z',
        actor_id: ADMIN,
        action: 'kudos.budget',
        channel_id: null,
        detail: { budget: null },
      },
      {
        team_id: TEAM_ID,
        at: '2026-11-30T10:15:00.000Z',
        actor_id: ADMIN,
        action: 'kudos.emoji',
        channel_id: null,
        detail: { emoji: ['tada', 'heart'] },
      },
    ]);
  });

  test('sides: their number and size, never their names; clearing none is no change', async () => {
    await command('/health', `sides design: <@${ANA}|ana> ; bots: <@U0NOBODY99|x>`);
    await command('/health', 'sides design:');
    await command('/health', 'sides clear');
    expect(await entries()).toEqual([]);

    await command('/health', `sides design: <@${ANA}|ana> ; engineering: <@${BEN}|ben> <@${ADMIN}|admin>`);
    await command('/health', 'sides clear', BEN);
    await command('/health', 'sides clear', BEN);
    const written = await entries();
    expect(written.map((e) => [e.actor_id, e.action, e.channel_id, e.detail])).toEqual([
      [ANA, 'sides.declared', CHANNEL, { sides: 2, people: 3 }],
      [BEN, 'sides.cleared', CHANNEL, {}],
    ]);
    expect(JSON.stringify(written)).not.toMatch(/design|engineering/);
  });

  test('rituals by command: set up, paused, resumed, removed; refusals and repeats write none', async () => {
    await command('/rituals', 'standup someday 25:00');
    expect(await entries()).toEqual([]);

    await command('/rituals', 'standup mon-fri 09:30 Europe/Berlin');
    const [ritual] = await rituals();
    const id = ritual?.id ?? 0;
    await command('/rituals', `pause ${id}`);
    await command('/rituals', `pause ${id}`);
    await command('/rituals', `resume ${id}`);
    expect((await command('/rituals', `remove ${id}`, BEN)).text).toMatch(/Only <@U0ANA00001>/);
    expect((await command('/rituals', `pause ${id}`, ANA, 'C0ELSEWHERE')).text).toMatch(/belongs to/);
    await command('/rituals', `remove ${id}`);
    expect((await entries()).map((e) => [e.actor_id, e.action, e.channel_id, e.detail])).toEqual([
      [
        ANA,
        'ritual.created',
        CHANNEL,
        {
          ritualId: id,
          kind: 'standup',
          cadence: 'weekly',
          days: [1, 2, 3, 4, 5],
          time: '09:30',
          zone: 'Europe/Berlin',
        },
      ],
      [ANA, 'ritual.paused', CHANNEL, { ritualId: id, kind: 'standup' }],
      [ANA, 'ritual.resumed', CHANNEL, { ritualId: id, kind: 'standup' }],
      [ANA, 'ritual.removed', CHANNEL, { ritualId: id, kind: 'standup' }],
    ]);
    // Its questions are people's words: never in the log.
    expect(JSON.stringify(await entries())).not.toContain('blocking');
  });

  test('rituals by the settings form: set up and changed; a form with errors writes none', async () => {
    type Modal = { private_metadata: string };
    const selected = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
    const values = (form: number | 'new', days: string[], time: string | null) => {
      const id = (field: string) => `ritual_${field}_${form}`;
      return {
        [id('kind')]: {
          ritual_settings_kind: { type: 'static_select', selected_option: selected('standup') },
        },
        [id('days')]: { value: { type: 'checkboxes', selected_options: days.map(selected) } },
        [id('cadence')]: { value: { type: 'static_select', selected_option: selected('weekly') } },
        [id('time')]: { value: { type: 'timepicker', selected_time: time } },
        [id('zone_mode')]: { value: { type: 'radio_buttons', selected_option: selected('local') } },
        [id('zone')]: { value: { type: 'plain_text_input', value: null } },
        [`${id('questions')}_standup`]: { value: { type: 'plain_text_input', value: 'Secret plans?' } },
        [id('participants')]: { value: { type: 'multi_users_select', selected_users: [] } },
        [`${id('close')}_standup`]: { value: { type: 'static_select', selected_option: selected('180') } },
        [`${id('reminder')}_standup`]: { value: { type: 'static_select', selected_option: selected('60') } },
      };
    };
    const submit = (modal: Modal, form: number | 'new', days: string[], time: string | null) =>
      t.requests.viewSubmission({
        user_id: ANA,
        callback_id: 'ritual_settings',
        private_metadata: modal.private_metadata,
        values: values(form, days, time) as never,
      });

    await command('/rituals', '');
    const created = await openedModal<Modal>(t.slack, 0);
    const invalid = await submit(created, 'new', ['1'], null);
    expect(Object.keys(((await invalid.json()) as { errors: object }).errors)).not.toEqual([]);
    expect(await entries()).toEqual([]);
    expect((await submit(created, 'new', ['1', '3'], '10:00')).status).toBe(200);
    await t.app.background.drain();
    const [ritual] = await rituals();
    const id = ritual?.id ?? 0;

    await command('/rituals', `edit ${id}`);
    const editing = await openedModal<Modal>(t.slack, 1);
    expect((await submit(editing, id, ['2'], '11:45')).status).toBe(200);
    await t.app.background.drain();
    const written = await entries();
    expect(written.map((e) => [e.actor_id, e.action, e.detail])).toEqual([
      [
        ANA,
        'ritual.created',
        { ritualId: id, kind: 'standup', cadence: 'weekly', days: [1, 3], time: '10:00', zone: 'local' },
      ],
      [
        ANA,
        'ritual.changed',
        { ritualId: id, kind: 'standup', cadence: 'weekly', days: [2], time: '11:45', zone: 'local' },
      ],
    ]);
    expect(JSON.stringify(written)).not.toContain('Secret');
  });

  test('a playbook: one entry per ritual it sets up, once however often Slack delivers it', async () => {
    const n = t.slack.callsTo('views.open').length;
    await command('/rituals', 'playbook alliance');
    const form = await openedModal<{ private_metadata: string }>(t.slack, n);
    const confirm = () =>
      t.requests.viewSubmission({
        user_id: ANA,
        callback_id: 'playbook_confirm',
        private_metadata: form.private_metadata,
        values: {},
      });
    expect((await confirm()).status).toBe(200);
    expect((await confirm()).status).toBe(200);
    await t.app.background.drain();
    const written = await entries();
    expect(written.map((e) => [e.actor_id, e.action, e.detail.kind])).toEqual([
      [ANA, 'ritual.created', 'standup'],
      [ANA, 'ritual.created', 'retro'],
      [ANA, 'ritual.created', 'pulse'],
      [ANA, 'ritual.created', 'digest'],
      [ANA, 'ritual.created', 'review'],
    ]);
    expect(written.map((e) => e.detail.ritualId)).toEqual((await rituals()).map((r) => r.id));
  });

  test('a charter: each new version by its number, never its text; a review’s confirmation', async () => {
    const text = (v: string) => ({ value: { type: 'plain_text_input', value: v } });
    const save = async (values: Record<string, unknown>, user_id = ANA) => {
      const n = t.slack.callsTo('views.open').length;
      await command('/charter', 'edit', user_id);
      const modal = await openedModal<{ private_metadata: string }>(t.slack, n);
      const res = await t.requests.viewSubmission({
        user_id,
        callback_id: 'charter_form',
        private_metadata: modal.private_metadata,
        values: values as never,
      });
      expect(res.status).toBe(200);
      await t.app.background.drain();
    };
    const governance = {
      charter_goal: text('Ship the confidential onboarding'),
      charter_decisionRights: text('Roadmap: Ben decides'),
      charter_level1A: { value: { type: 'multi_users_select', selected_users: [BEN] } },
      charter_level1Target: { value: { type: 'number_input', value: '4' } },
    };
    await save(governance);
    // Unchanged: no new version, nothing recorded.
    await save(governance, BEN);
    await save({ ...governance, charter_goal: text('Ship the onboarding') }, BEN);
    expect((await entries()).map((e) => [e.actor_id, e.action, e.channel_id, e.detail])).toEqual([
      [ANA, 'charter.version', CHANNEL, { version: 1 }],
      [BEN, 'charter.version', CHANNEL, { version: 2 }],
    ]);
    expect(JSON.stringify(await entries())).not.toMatch(/onboarding|Roadmap/);

    // The review comes due a quarter on; Still right confirms it once.
    t.clock.set('2027-03-01T09:00:00Z');
    await t.app.jobs.tick();
    await t.app.background.drain();
    const [review] = await t.database.db.query(
      'select id from charter_reviews',
      [],
      z.object({ id: z.coerce.number() }),
    );
    expect(review).toBeDefined();
    const click = () =>
      t.requests.blockAction({
        user_id: ANA,
        action_id: 'charter_review_confirm',
        value: String(review?.id),
        channel_id: CHANNEL,
      });
    expect((await click()).status).toBe(200);
    expect((await click()).status).toBe(200);
    await t.app.background.drain();
    const confirmed = (await entries()).filter((e) => e.action === 'charter.review-confirmed');
    expect(confirmed).toEqual([
      {
        team_id: TEAM_ID,
        at: '2027-03-01T09:00:00.000Z',
        actor_id: ANA,
        action: 'charter.review-confirmed',
        channel_id: CHANNEL,
        detail: { version: 2 },
      },
    ]);
  });
});

describe('/rapport audit', () => {
  const lines = (reply: Reply) => JSON.stringify(reply.blocks ?? []);

  test('an admin sees the latest entries, newest first, in plain words with Slack dates', async () => {
    await command('/kudos', 'budget 5', ADMIN);
    t.clock.set('2026-11-30T09:05:00Z');
    await command('/rituals', 'retro weekly fri 16:00 Europe/Berlin');
    const reply = await rapport('audit');
    expect(reply.response_type).toBe('ephemeral');
    const shown = lines(reply);
    const [ritual] = await rituals();
    const retro = `<!date^${Date.parse('2026-11-30T09:05:00Z') / 1000}^{date_short_pretty} at {time}|2026-11-30 09:05 UTC> · <@${ANA}> set up ritual ${ritual?.id}, a retro (Fri at 16:00, Europe/Berlin) in <#${CHANNEL}>`;
    const budget = `<!date^${Date.parse(NOW) / 1000}^{date_short_pretty} at {time}|2026-11-30 09:00 UTC> · <@${ADMIN}> set the daily kudos budget to 5`;
    expect(shown).toContain(JSON.stringify(`${retro}\n${budget}`).slice(1, -1));
    // The budget is the workspace's: no channel named.
    expect(shown).not.toContain(`${JSON.stringify(budget).slice(1, -1)} in`);
  });

  test('only the latest 20', async () => {
    for (let n = 1; n <= 22; n += 1) {
      t.clock.set(new Date(Date.parse(NOW) + n * 60_000).toISOString());
      await command('/kudos', `budget ${n}`, ADMIN);
    }
    const shown = lines(await rapport('audit'));
    expect(shown).toContain('latest 20 changes');
    expect(shown).toContain('set the daily kudos budget to 22');
    const shownBudgets = [...shown.matchAll(/kudos budget to (\d+)/g)].map((m) => Number(m[1]));
    expect(shownBudgets).toEqual(Array.from({ length: 20 }, (_, i) => 22 - i));
  });

  test('refused to anyone but an admin or owner, and nothing more after it', async () => {
    await command('/kudos', 'budget 5', ADMIN);
    const refused = await rapport('audit', ANA);
    expect(refused.text).toBe('Only workspace admins and owners can see the audit log.');
    expect(lines(refused)).not.toContain('budget');
    expect((await rapport('audit everything')).text).toMatch(/takes nothing after it/);
    // /rapport help lists it among the admins' subcommands.
    expect(lines(await rapport('help', ANA))).toMatch(/For workspace admins and owners.*\/rapport audit/);
  });

  test('entries other parts of Rapport write (erasures, retention) read too, Rapport’s own as Rapport', async () => {
    // Written as the forget-me erasure and the retention settings write them, in their transactions.
    await insertAuditEntry(t.database.db, {
      teamId: TEAM_ID,
      at: new Date(NOW),
      actorId: 'rapport',
      action: 'person.erased',
      detail: { kudos: 3, standup_answers: 2 },
    });
    await insertAuditEntry(t.database.db, {
      teamId: TEAM_ID,
      at: new Date(Date.parse(NOW) + 60_000),
      actorId: ADMIN,
      action: 'retention.settings',
      detail: {
        stand_up_answers_days: 30,
        stand_up_answers_days_before: 'forever',
        events_days: 'forever',
        events_days_before: 'forever',
      },
    });
    await insertAuditEntry(t.database.db, {
      teamId: TEAM_ID,
      at: new Date(Date.parse(NOW) + 120_000),
      // A person since erased: their id replaced by a pseudonym Slack cannot show.
      actorId: 'UERASED0123456789ABCDEF',
      action: 'something.newer',
      detail: {},
    });
    const shown = lines(await rapport('audit'));
    expect(shown).toContain('Someone whose data was since erased did something.newer');
    expect(shown).not.toContain('UERASED');
    expect(shown).toContain(`<@${ADMIN}> set retention: stand up answers days forever → 30`);
    expect(shown).not.toContain('events days');
    expect(shown).toContain("Rapport erased a person's records (kudos 3, standup answers 2)");
  });

  test('an empty log says so', async () => {
    const reply = await rapport('audit');
    expect(reply.text).toBe('The audit log is empty');
    expect(lines(reply)).toContain('nothing is recorded');
  });
});

describe('the export', () => {
  test('has one audit line per entry, oldest first, with its settings and no words', async () => {
    await command('/kudos', 'budget 5', ADMIN);
    t.clock.set('2026-11-30T09:30:00Z');
    await command('/health', `sides design: <@${ANA}|ana> ; eng: <@${BEN}|ben>`);
    const lines: ExportRecord[] = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined })) {
      if (r.type === 'audit') lines.push(r);
    }
    expect(lines).toEqual([
      {
        type: 'audit',
        team_id: TEAM_ID,
        id: expect.any(Number),
        at: NOW,
        actor_id: ADMIN,
        action: 'kudos.budget',
        channel_id: null,
        detail: { budget: 5 },
      },
      {
        type: 'audit',
        team_id: TEAM_ID,
        id: expect.any(Number),
        at: '2026-11-30T09:30:00.000Z',
        actor_id: ANA,
        action: 'sides.declared',
        channel_id: CHANNEL,
        detail: { sides: 2, people: 2 },
      },
    ]);
    const since: ExportRecord[] = [];
    for await (const r of exportRecords(t.database.db, {
      teamId: TEAM_ID,
      since: new Date('2026-11-30T09:10:00Z'),
    })) {
      if (r.type === 'audit') since.push(r);
    }
    expect(since.map((r) => r.action)).toEqual(['sides.declared']);
    const other: ExportRecord[] = [];
    for await (const r of exportRecords(t.database.db, { teamId: 'T0SOMEONE9', since: undefined })) {
      if (r.type === 'audit') other.push(r);
    }
    expect(other).toEqual([]);
    expect(await actions()).toHaveLength(2);
  });
});
