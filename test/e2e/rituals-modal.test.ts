import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CHANNEL = 'C0TEAMROOM';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN]);
  // Friday 20 November 2026, 07:00 UTC: 08:00 in Berlin, 02:00 in New York.
  t.clock.set('2026-11-20T07:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Option = { value: string };
type Block = {
  type: string;
  block_id?: string;
  label?: { text: string };
  element?: {
    type: string;
    initial_value?: string;
    initial_time?: string;
    initial_option?: Option;
    initial_options?: Option[];
    initial_users?: string[];
  };
  elements?: { type: string; action_id: string; options: Option[]; initial_option?: Option }[];
};
type Modal = { callback_id: string; private_metadata: string; title: { text: string }; blocks: Block[] };

const command = async (text: string, user_id = ANA, channel_id = CHANNEL) =>
  t.requests.command({ command: '/rituals', text, user_id, channel_id });
const reply = async (text: string, user_id = ANA, channel_id = CHANNEL) =>
  (await (await command(text, user_id, channel_id)).json()) as { text: string; blocks: unknown[] };

/** The modal of the nth views.open call, once it has come. */
const opened = async (n = 0) => (await openedModal(t.slack, n)) as Modal;

const inputOf = (modal: Modal, field: string) =>
  modal.blocks.find((b) =>
    new RegExp(`^ritual_${field}_(new|\\d+)(_standup|_pulse)?$`).test(b.block_id ?? ''),
  );

const rituals = () =>
  t.database.db.query(
    `select id, channel_id, days, time_of_day, zone, questions, participants, close_after_minutes,
            reminder_before_close_minutes, created_by from rituals order by id`,
    [],
    z.object({
      id: z.coerce.number(),
      channel_id: z.string(),
      days: z.array(z.number()),
      time_of_day: z.string(),
      zone: z.string(),
      questions: z.array(z.string()),
      participants: z.array(z.string()).nullable(),
      close_after_minutes: z.number(),
      reminder_before_close_minutes: z.number().nullable(),
      created_by: z.string(),
    }),
  );

const slots = async () =>
  (
    await t.database.db.query(
      'select participant_id, zone, next_at from ritual_slots order by participant_id',
      [],
      z.object({ participant_id: z.string(), zone: z.string(), next_at: z.date() }),
    )
  ).map((s) => [s.participant_id, s.zone, s.next_at.toISOString()]);

type Form = {
  kind?: 'standup' | 'pulse';
  days?: string[];
  cadence?: string;
  time?: string | null;
  zoneMode?: 'local' | 'fixed';
  zone?: string | null;
  questions?: string;
  participants?: string[];
  close?: string;
  reminder?: string;
};

/** What Slack sends for the settings form, state.values[block_id][action_id], as a person filled it in. */
type StateValues = Record<string, Record<string, { type: string } & Record<string, unknown>>>;
function formValues(form: number | 'new', f: Form = {}, drawnFor = f.kind ?? 'standup'): StateValues {
  const id = (field: string) => `ritual_${field}_${form}`;
  // What the form asks, its close and its reminder have ids per kind, as drawn.
  const ofKind = (field: string) => `${id(field)}_${drawnFor}`;
  const selected = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  return {
    [id('kind')]: {
      ritual_settings_kind: { type: 'static_select', selected_option: selected(f.kind ?? 'standup') },
    },
    [id('days')]: {
      value: { type: 'checkboxes', selected_options: (f.days ?? ['1', '2', '3', '4', '5']).map(selected) },
    },
    [id('cadence')]: { value: { type: 'static_select', selected_option: selected(f.cadence ?? 'weekly') } },
    [id('time')]: { value: { type: 'timepicker', selected_time: f.time === undefined ? '09:30' : f.time } },
    [id('zone_mode')]: { value: { type: 'radio_buttons', selected_option: selected(f.zoneMode ?? 'local') } },
    [id('zone')]: { value: { type: 'plain_text_input', value: f.zone ?? null } },
    [ofKind('questions')]: {
      value: { type: 'plain_text_input', value: f.questions ?? 'Done?\nNext?\nBlocked?' },
    },
    [id('participants')]: { value: { type: 'multi_users_select', selected_users: f.participants ?? [] } },
    [ofKind('close')]: { value: { type: 'static_select', selected_option: selected(f.close ?? '180') } },
    [ofKind('reminder')]: { value: { type: 'static_select', selected_option: selected(f.reminder ?? '60') } },
  };
}

const submit = (modal: Modal, form: number | 'new', f: Form = {}, user_id = ANA) =>
  t.requests.viewSubmission({
    user_id,
    callback_id: 'ritual_settings',
    private_metadata: modal.private_metadata,
    values: formValues(form, f, JSON.parse(modal.private_metadata).k),
  });

describe('/rituals opens a form', () => {
  test('a new ritual with named participants, one zone, its own questions, close and reminder', async () => {
    const res = await command('');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const modal = await opened();
    expect(modal.callback_id).toBe('ritual_settings');
    expect(modal.title.text).toBe('New ritual');
    // No rituals yet: no picker, and the form starts from the defaults.
    expect(modal.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(inputOf(modal, 'questions')?.element?.initial_value).toBe(
      'What did you get done since last time?\nWhat will you do next?\nAnything blocking you?',
    );
    expect(inputOf(modal, 'days')?.element?.initial_options?.map((o) => o.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(inputOf(modal, 'time')?.element?.initial_time).toBe('09:30');
    expect(inputOf(modal, 'close')?.element?.initial_option?.value).toBe('180');
    expect(inputOf(modal, 'reminder')?.element?.initial_option?.value).toBe('60');

    const submitted = await submit(modal, 'new', {
      days: ['1', '3', '5'],
      time: '10:00',
      zoneMode: 'fixed',
      zone: 'Europe/Berlin',
      questions: 'What shipped?\n\nWhat is <!channel> next?',
      participants: [BEN],
      close: '120',
      reminder: '30',
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe('');
    await t.app.background.drain();

    const [row] = await rituals();
    expect(row).toEqual({
      id: expect.any(Number),
      channel_id: CHANNEL,
      days: [1, 3, 5],
      time_of_day: '10:00',
      zone: 'Europe/Berlin',
      questions: ['What shipped?', 'What is <!channel> next?'],
      participants: [BEN],
      close_after_minutes: 120,
      reminder_before_close_minutes: 30,
      created_by: ANA,
    });
    // Only the named person has a slot, at 10:00 Berlin today, although Ana is in the channel too.
    expect(await slots()).toEqual([[BEN, 'Europe/Berlin', '2026-11-20T09:00:00.000Z']]);

    const told = t.slack.callsTo('chat.postEphemeral')[0];
    expect(told?.args).toMatchObject({ channel: CHANNEL, user: ANA });
    expect(String(told?.args.text)).toContain(
      `Stand-up ${row?.id} is set: Mon, Wed, Fri at 10:00, Europe/Berlin`,
    );
    // A question quoting @channel is shown, never notifying anyone.
    expect(JSON.stringify(told?.args.blocks)).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(told?.args.blocks)).toContain(`<@${BEN}>`);
  });

  test('wrong fields are marked on the form and nothing is saved', async () => {
    await command('');
    const modal = await opened();
    const res = await submit(modal, 'new', {
      days: [],
      time: null,
      zoneMode: 'fixed',
      zone: 'Mars/Base',
      questions: ' \n ',
      close: '60',
      reminder: '120',
    });
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([
      'ritual_days_new',
      'ritual_questions_new_standup',
      'ritual_reminder_new_standup',
      'ritual_time_new',
      'ritual_zone_new',
    ]);
    expect(body.errors.ritual_questions_new_standup).toBe('Write at least one question, one per line.');
    expect(body.errors.ritual_zone_new).toContain('"Mars/Base" is not a time zone I know');
    // Every key is a block of the form, so Slack can show each message under its field.
    const blockIds = modal.blocks.map((b) => b.block_id);
    for (const key of Object.keys(body.errors)) expect(blockIds).toContain(key);
    await t.app.background.drain();
    expect(await rituals()).toEqual([]);
    expect(t.slack.callsTo('chat.postEphemeral')).toEqual([]);
  });

  test('a form that is not ours, or out of date, saves nothing', async () => {
    const forged = await t.requests.viewSubmission({
      user_id: ANA,
      callback_id: 'ritual_settings',
      private_metadata: '{"c":"not a channel"}',
      values: formValues('new'),
    });
    expect(((await forged.json()) as { errors: Record<string, string> }).errors).toEqual({
      ritual_kind_new: 'This form is out of date and nothing was saved. Open it again with `/rituals`.',
    });

    // Ritual 1 was being edited while someone removed it.
    await reply('standup mon-fri 09:30');
    const [row] = await rituals();
    await command(`edit ${row?.id}`);
    const modal = await opened();
    await reply(`remove ${row?.id}`);
    const stale = await submit(modal, row?.id ?? 0);
    expect(((await stale.json()) as { errors: Record<string, string> }).errors).toEqual({
      [`ritual_kind_${row?.id}`]: `There is no ritual ${row?.id}. \`/rituals list\` shows this channel's rituals.`,
    });
    expect(await rituals()).toEqual([]);
  });

  test('when the bot cannot post in the channel, the confirmation comes by DM', async () => {
    await command('');
    const modal = await opened();
    t.slack.failNext('chat.postEphemeral', 'channel_not_found');
    await submit(modal, 'new');
    await t.app.background.drain();
    const dm = t.slack.callsTo('chat.postMessage').find((c) => c.args.channel === ANA);
    expect(String(dm?.args.text)).toMatch(/^Stand-up \d+ is set: Mon–Fri at 09:30/);
  });
});

describe('editing a ritual', () => {
  test('the form’s first block picks a ritual, which fills the form; saving changes it and its participants', async () => {
    await reply('standup mon-fri 09:30 local');
    await t.app.background.drain();
    const [row] = await rituals();
    const id = row?.id ?? 0;
    expect((await slots()).map((s) => s[0])).toEqual([ANA, BEN]);

    await command('');
    const modal = await opened();
    const picker = modal.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    expect(picker?.options.map((o) => o.value)).toEqual(['new', String(id)]);
    expect(picker?.initial_option?.value).toBe('new');

    const picked = await t.requests.viewBlockAction({
      user_id: ANA,
      action_id: 'ritual_settings_pick',
      block_id: 'ritual_settings_pick_block',
      selected_value: String(id),
      view: { id: 'V0SETTINGS', hash: '1700000000.abc123', ...modal },
    });
    expect(picked.status).toBe(200);
    const update = await t.slack.waitFor(() => t.slack.callsTo('views.update')[0]);
    expect(update.args).toMatchObject({ view_id: 'V0SETTINGS', hash: '1700000000.abc123' });
    const editing = update.args.view as Modal;
    expect(editing.title.text).toBe(`Edit ritual ${id}`);
    expect(JSON.parse(editing.private_metadata)).toEqual({ c: CHANNEL, r: id, k: 'standup' });
    expect(inputOf(editing, 'zone_mode')?.element?.initial_option?.value).toBe('local');
    // Its own block ids, so Slack does not carry over what the new-ritual form held.
    expect(inputOf(editing, 'days')?.block_id).toBe(`ritual_days_${id}`);

    const saved = await submit(editing, id, {
      days: ['1', '2', '3', '4'],
      time: '08:45',
      participants: [ANA],
      reminder: 'none',
    });
    expect(await saved.text()).toBe('');
    await t.app.background.drain();
    expect((await rituals())[0]).toMatchObject({
      id,
      days: [1, 2, 3, 4],
      time_of_day: '08:45',
      zone: 'local',
      participants: [ANA],
      reminder_before_close_minutes: null,
    });
    // Friday is no longer a day: Ana's next is Monday 08:45 in Berlin; Ben is no longer in it.
    expect(await slots()).toEqual([[ANA, 'Europe/Berlin', '2026-11-23T07:45:00.000Z']]);
    expect(String(t.slack.callsTo('chat.postEphemeral')[0]?.args.text)).toContain(
      `Stand-up ${id} is changed: Mon, Tue, Wed, Thu at 08:45`,
    );
  });

  test('picking a ritual removed meanwhile offers a new one and says why; a changed form is left alone', async () => {
    await reply('standup daily 17:00');
    const id = (await rituals())[0]?.id ?? 0;
    await command('');
    const modal = await opened();
    await reply(`remove ${id}`);
    const view = { id: 'V0SETTINGS', hash: '1700000000.abc123', ...modal };
    await t.requests.viewBlockAction({
      user_id: ANA,
      action_id: 'ritual_settings_pick',
      block_id: 'ritual_settings_pick_block',
      selected_value: String(id),
      view,
    });
    const update = (await t.slack.waitFor(() => t.slack.callsTo('views.update')[0])).args.view as Modal;
    expect(update.title.text).toBe('New ritual');
    expect(JSON.stringify(update.blocks[0])).toContain(`There is no ritual ${id}.`);

    const errorLines = () => t.logs.lines().filter((l) => Number(l.level) >= 50).length;
    const errorsBefore = errorLines();
    t.slack.failNext('views.update', 'hash_conflict');
    const res = await t.requests.viewBlockAction({
      user_id: ANA,
      action_id: 'ritual_settings_pick',
      block_id: 'ritual_settings_pick_block',
      selected_value: 'new',
      view,
    });
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.callsTo('views.update')[1]);
    expect(errorLines()).toBe(errorsBefore);
  });

  test('/rituals edit <n>, and the Edit button on /rituals list, open the form filled in', async () => {
    await reply('standup mon,wed,fri 10:00 Europe/Berlin');
    const id = (await rituals())[0]?.id ?? 0;

    expect(await (await command(`edit ${id}`)).text()).toBe('');
    const byCommand = await opened(0);
    expect(inputOf(byCommand, 'zone')?.element?.initial_value).toBe('Europe/Berlin');
    expect(inputOf(byCommand, 'zone_mode')?.element?.initial_option?.value).toBe('fixed');
    expect(inputOf(byCommand, 'days')?.element?.initial_options?.map((o) => o.value)).toEqual([
      '1',
      '3',
      '5',
    ]);

    const list = await reply('list');
    const button = JSON.stringify(list.blocks);
    expect(button).toContain(`"action_id":"ritual_edit"`);
    expect(button).toContain(`"value":"${id}"`);
    await t.requests.blockAction({
      user_id: BEN,
      action_id: 'ritual_edit',
      value: String(id),
      channel_id: CHANNEL,
    });
    const byButton = await opened(1);
    expect(JSON.parse(byButton.private_metadata)).toEqual({ c: CHANNEL, r: id, k: 'standup' });
    expect(inputOf(byButton, 'time')?.element?.initial_time).toBe('10:00');

    expect((await reply('edit 999999')).text).toMatch(/There is no ritual 999999/);
    expect((await reply(`edit ${id}`, ANA, 'C0ELSEWHERE')).text).toMatch(/belongs to <#C0TEAMROOM>/);
    await t.requests.blockAction({
      user_id: BEN,
      action_id: 'ritual_edit',
      value: String(id),
      channel_id: 'C0ELSEWHERE',
    });
    const refused = await t.slack.waitFor(() => t.slack.responseUrlPosts[0]);
    expect(refused.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/belongs to/),
    });
    expect(t.slack.callsTo('views.open')).toHaveLength(2);
  });
});

test('named participants stay as named when people join and leave the channel', async () => {
  const CAL = 'U0CAL00007';
  t.slack.addUser({ id: CAL, name: 'cal', tz: 'America/Los_Angeles' });
  await command('');
  await submit(await opened(), 'new', { participants: [BEN] });
  await t.app.background.drain();
  const named = [[BEN, 'America/New_York', '2026-11-20T14:30:00.000Z']];
  expect(await slots()).toEqual(named);

  const member = (type: string, user: string) =>
    t.requests.event({ type, user, channel: CHANNEL, channel_type: 'C', team: 'T0RAPPORT1' });
  expect((await member('member_joined_channel', CAL)).status).toBe(200);
  expect((await member('member_left_channel', BEN)).status).toBe(200);
  expect(await slots()).toEqual(named);
});

describe('pulse checks in the form', () => {
  const cadence = async (id: number) =>
    (
      await t.database.db.query(
        `select cadence, to_char(starts_on, 'YYYY-MM-DD') as starts_on from rituals where id = $1`,
        [id],
        z.object({ cadence: z.string(), starts_on: z.string().nullable() }),
      )
    )[0];

  test('a pulse check’s statements are edited in the form, and its next round asks them', async () => {
    expect((await reply('pulse monthly mon 10:00 Europe/Berlin')).text).toMatch(/^Pulse check \d+ is set/);
    const id = (await rituals())[0]?.id ?? 0;
    await command(`edit ${id}`);
    const modal = await opened();
    expect(JSON.parse(modal.private_metadata)).toEqual({ c: CHANNEL, r: id, k: 'pulse' });
    const statements = inputOf(modal, 'questions');
    expect(statements?.block_id).toBe(`ritual_questions_${id}_pulse`);
    expect(statements?.label?.text).toBe('Statements');
    expect(statements?.element?.initial_value).toBe(
      [
        'I know what the other people in this collaboration are working on',
        'I can count on them to follow through',
        'Credit for our work is shared fairly',
        'I would choose to work with them again',
      ].join('\n'),
    );
    expect(inputOf(modal, 'kind')?.element?.initial_option?.value).toBe('pulse');
    expect(inputOf(modal, 'cadence')?.element?.initial_option?.value).toBe('monthly');

    const saved = await submit(modal, id, {
      kind: 'pulse',
      days: ['1'],
      cadence: 'biweekly',
      time: '10:00',
      zoneMode: 'fixed',
      zone: 'Europe/Berlin',
      questions: 'We share what we know\nWe keep our promises',
      close: '1440',
      reminder: '120',
    });
    expect(await saved.text()).toBe('');
    await t.app.background.drain();
    expect((await rituals())[0]?.questions).toEqual(['We share what we know', 'We keep our promises']);
    // Every other week, counted from its next Monday.
    expect(await cadence(id)).toEqual({ cadence: 'biweekly', starts_on: '2026-11-23' });
    const told = t.slack.callsTo('chat.postEphemeral').at(-1);
    expect(String(told?.args.text)).toMatch(new RegExp(`^Pulse check ${id} is changed`));

    expect((await reply(`run ${id}`)).text).toMatch(/runs now/);
    await t.app.background.drain();
    const survey = JSON.stringify(
      t.slack.callsTo('chat.postMessage').find((c) => c.args.channel === ANA)?.args,
    );
    expect(survey).toContain('We keep our promises');
    expect(survey).not.toContain('I can count on them');
  });

  test('choosing "Pulse check" in a new form redraws it with a pulse check’s statements, schedule and close', async () => {
    await command('');
    const modal = await opened();
    const chosen = await t.requests.viewBlockAction({
      user_id: ANA,
      action_id: 'ritual_settings_kind',
      block_id: 'ritual_kind_new',
      selected_value: 'pulse',
      view: { id: 'V0SETTINGS', hash: '1700000000.abc123', ...modal },
    });
    expect(chosen.status).toBe(200);
    const update = await t.slack.waitFor(() => t.slack.callsTo('views.update')[0]);
    expect(update.args).toMatchObject({ view_id: 'V0SETTINGS', hash: '1700000000.abc123' });
    const redrawn = update.args.view as Modal;
    expect(JSON.parse(redrawn.private_metadata)).toEqual({ c: CHANNEL, k: 'pulse' });
    // New ids for what a pulse check asks, so Slack does not keep the stand-up's questions.
    expect(inputOf(redrawn, 'questions')?.block_id).toBe('ritual_questions_new_pulse');
    expect(inputOf(redrawn, 'questions')?.element?.initial_value).toMatch(/^I know what the other people/);
    expect(inputOf(redrawn, 'close')?.element?.initial_option?.value).toBe('1440');
    expect(inputOf(redrawn, 'reminder')?.element?.initial_option?.value).toBe('120');
    expect(inputOf(redrawn, 'cadence')?.element?.initial_option?.value).toBe('monthly');

    // Saved before the redraw came: said on the form, nothing saved.
    const early = await submit(modal, 'new', { kind: 'pulse' });
    expect(((await early.json()) as { errors: Record<string, string> }).errors).toEqual({
      ritual_kind_new: 'The form is switching to Pulse check: check its fields, then save again.',
    });
    expect(await rituals()).toEqual([]);

    const saved = await submit(redrawn, 'new', {
      kind: 'pulse',
      days: ['5'],
      cadence: 'monthly',
      questions: 'We trust each other',
      close: '1440',
      reminder: '120',
    });
    expect(await saved.text()).toBe('');
    await t.app.background.drain();
    const [row] = await rituals();
    expect(row).toMatchObject({ questions: ['We trust each other'], close_after_minutes: 1440 });
    expect(await cadence(row?.id ?? 0)).toEqual({ cadence: 'monthly', starts_on: null });
    // Ana's first is the first Friday of December, 09:30 in Berlin.
    expect(await slots()).toEqual([
      [ANA, 'Europe/Berlin', '2026-12-04T08:30:00.000Z'],
      [BEN, 'America/New_York', '2026-12-04T14:30:00.000Z'],
    ]);
  });

  test('a retro is not edited in the form: the command says how to change it', async () => {
    await reply('retro biweekly fri 15:00');
    const id = (await rituals())[0]?.id ?? 0;
    expect((await reply(`edit ${id}`)).text).toBe(
      `Ritual ${id} is a retro: change it with \`/rituals retro …\` after \`/rituals remove ${id}\`.`,
    );
    await command('');
    const modal = await opened();
    // The picker offers only what the form can edit.
    expect(modal.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});
