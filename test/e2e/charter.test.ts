import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CHANNEL = 'C0TEAMROOM';
const OTHER_CHANNEL = 'C0ELSEWHERE';
const PRIVATE = 'C0PRIVATE1';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York' });
  t.clock.set('2026-11-20T09:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  element?: { type: string; initial_value?: string; max_length?: number; multiline?: boolean };
  elements?: { type: string; action_id?: string; value?: string; text?: string | { text: string } }[];
};
type Modal = { callback_id: string; private_metadata: string; title: { text: string }; blocks: Block[] };
type Reply = { text: string; blocks: Block[]; response_type?: string };

const command = (text: string, user_id = ANA, channel_id = CHANNEL, team_id?: string) =>
  t.requests.command({ command: '/charter', text, user_id, channel_id, team_id });
const reply = async (text: string, user_id = ANA, channel_id = CHANNEL) =>
  (await (await command(text, user_id, channel_id)).json()) as Reply;

/** The modal of the nth views.open call, once it has come. */
const opened = async (n = 0) => (await openedModal(t.slack, n)) as Modal;

type Charter = Partial<
  Record<'goal' | 'metrics' | 'roles' | 'decisionMaking' | 'escalation' | 'cadence', string>
>;
const FULL: Charter = {
  goal: 'Ship the new onboarding together by March',
  metrics: 'Activation up 10%',
  roles: 'Ana: design\nBen: backend',
  decisionMaking: 'The owner decides after consulting',
  escalation: 'Our two leads',
  cadence: 'Weekly sync on Mondays',
};

/** What Slack sends for the charter form: state.values[block_id][action_id]. */
const formValues = (c: Charter) =>
  Object.fromEntries(
    Object.entries(c).map(([field, value]) => [
      `charter_${field}`,
      { value: { type: 'plain_text_input', value: value ?? null } },
    ]),
  );

const submit = (private_metadata: string, c: Charter, user_id = ANA, team_id?: string) =>
  t.requests.viewSubmission({
    user_id,
    callback_id: 'charter_form',
    private_metadata,
    values: formValues(c),
    team_id,
  });

const versions = () =>
  t.database.db.query(
    `select team_id, channel_id, version, goal, roles, saved_by from charter_versions
     order by team_id, channel_id, version`,
    [],
    z.object({
      team_id: z.string(),
      channel_id: z.string(),
      version: z.number(),
      goal: z.string(),
      roles: z.string().nullable(),
      saved_by: z.string(),
    }),
  );

/** The ts of the message that shows the charter now: the outbox shows each version under 'charter:<channel>:v<n>'. */
const charterMessageTs = async (channel = CHANNEL) =>
  (
    await t.database.db.query(
      `select message_ts from outbox where channel_id = $1 and dedupe_key like 'charter:' || $1 || ':v%'
       order by id desc limit 1`,
      [channel],
      z.object({ message_ts: z.string().nullable() }),
    )
  )[0]?.message_ts;

const posts = (channel = CHANNEL) =>
  t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const allText = (blocks: Block[] | undefined) => JSON.stringify(blocks ?? []);

/** Opens the form with `/charter edit`, saves it, and waits for the post or update. */
async function saveCharter(c: Charter, user_id = ANA, channel = CHANNEL) {
  const before = t.slack.callsTo('views.open').length;
  await command('edit', user_id, channel);
  const modal = await opened(before);
  const res = await submit(modal.private_metadata, c, user_id);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('');
  await t.app.background.drain();
  return modal;
}

describe('/charter writes the channel’s working agreement', () => {
  test('in a channel without one, it opens the form; saving keeps version 1 and posts it once', async () => {
    const res = await command('');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const modal = await opened();
    expect(modal.callback_id).toBe('charter_form');
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([
      'charter_goal',
      'charter_metrics',
      'charter_roles',
      'charter_decisionMaking',
      'charter_escalation',
      'charter_cadence',
      // Who decides what, and each escalation level's owners on each side and its target.
      'charter_decisionRights',
      ...[1, 2, 3].flatMap((n) =>
        ['A', 'AGroup', 'B', 'BGroup', 'Target'].map((part) => `charter_level${n}${part}`),
      ),
      // How often the decision rights and levels are reviewed (issue 19, point 5).
      'charter_reviewCadence',
    ]);
    const goal = modal.blocks.find((b) => b.block_id === 'charter_goal');
    expect(goal?.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 1000 });

    const saved = await submit(modal.private_metadata, FULL);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toBe('');
    expect(await versions()).toEqual([
      {
        team_id: 'T0RAPPORT1',
        channel_id: CHANNEL,
        version: 1,
        goal: FULL.goal,
        roles: FULL.roles,
        saved_by: ANA,
      },
    ]);
    await t.app.background.drain();
    expect(posts()).toHaveLength(1);
    const posted = posts()[0]?.args.blocks as Block[];
    expect(allText(posted)).toContain('Ship the new onboarding together by March');
    expect(allText(posted)).toContain('Weekly sync on Mondays');
    expect(allText(posted)).toContain(`Version 1 · saved by <@${ANA}>`);
    expect(await charterMessageTs()).toMatch(/^\d+\.\d+$/);
  });

  test('/charter shows it with Edit; Edit opens it filled in; saving updates the same message', async () => {
    await saveCharter(FULL);
    const ts = await charterMessageTs();

    const shown = await reply('');
    expect(shown.response_type).toBe('ephemeral');
    expect(allText(shown.blocks)).toContain('Activation up 10%');
    const edit = shown.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    expect(edit?.action_id).toBe('charter_edit');

    await t.requests.blockAction({
      user_id: BEN,
      action_id: 'charter_edit',
      value: String(edit?.value),
      channel_id: CHANNEL,
    });
    const modal = await opened(1);
    expect(modal.blocks.find((b) => b.block_id === 'charter_roles')?.element?.initial_value).toBe(FULL.roles);
    expect(modal.blocks.find((b) => b.block_id === 'charter_goal')?.element?.initial_value).toBe(FULL.goal);

    const res = await submit(
      modal.private_metadata,
      { ...FULL, roles: 'Ana: design\nBen: backend\nCy: QA' },
      BEN,
    );
    expect(await res.text()).toBe('');
    await t.app.background.drain();
    expect((await versions()).map((v) => [v.version, v.saved_by, v.roles])).toEqual([
      [1, ANA, FULL.roles],
      [2, BEN, 'Ana: design\nBen: backend\nCy: QA'],
    ]);
    // One message in the channel, edited in place.
    expect(posts()).toHaveLength(1);
    const updates = t.slack.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.args).toMatchObject({ channel: CHANNEL, ts });
    expect(allText(updates[0]?.args.blocks as Block[])).toContain('Cy: QA');

    // The view and the history say who changed what, and when.
    expect(allText((await reply('')).blocks)).toContain(`Version 2 · saved by <@${BEN}>`);
    expect(allText((await reply('')).blocks)).toContain('(changed roles)');
    const history = allText((await reply('history')).blocks);
    expect(history).toContain(`*v2* · <@${BEN}> changed roles`);
    expect(history).toContain(`*v1* · <@${ANA}> wrote it`);
  });

  test('a mistake is shown on its field and nothing is saved or posted', async () => {
    await command('');
    const modal = await opened();
    const res = await submit(modal.private_metadata, { ...FULL, goal: '   ', metrics: 'x'.repeat(1001) });
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: {
        charter_goal: 'Write the goal.',
        charter_metrics: 'Keep it to 1000 characters (Slack shows a charter as one message).',
      },
    });
    await t.app.background.drain();
    expect(await versions()).toEqual([]);
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  test('@channel in a field is shown as text and notifies nobody', async () => {
    await saveCharter({ goal: 'Ping <!channel> and <@U0BEN00002> & <https://evil.example|click>' });
    const posted = posts()[0]?.args;
    const text = allText(posted?.blocks as Block[]);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil.example');
    expect(String(posted?.text)).not.toContain('<!channel>');
  });

  test('a submission Slack delivers twice keeps one version and posts once', async () => {
    await command('');
    const modal = await opened();
    const [first, second] = await Promise.all([
      submit(modal.private_metadata, FULL),
      submit(modal.private_metadata, FULL),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await submit(modal.private_metadata, FULL);
    expect(await third.text()).toBe('');
    await t.app.background.drain();
    expect(await versions()).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    expect(t.slack.callsTo('chat.update')).toHaveLength(0);
  });

  test('a form opened before someone else saved is refused, and their version stays', async () => {
    await command('edit', ANA);
    const anasForm = await opened(0);
    await saveCharter({ goal: 'Ben’s goal' }, BEN);
    const res = await submit(anasForm.private_metadata, { goal: 'Ana’s goal' });
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.charter_goal).toContain(`<@${BEN}> saved a newer version (1)`);
    expect((await versions()).map((v) => v.goal)).toEqual(['Ben’s goal']);
  });

  test('a forged or mangled form is refused with a clear error, nothing saved', async () => {
    for (const metadata of [
      '',
      'not json',
      '{"c":"C0TEAMROOM","v":0}',
      '{"c":"<!here>","v":0,"s":"abcdefgh12"}',
    ]) {
      const res = await submit(metadata, FULL);
      expect(await res.json()).toEqual({
        response_action: 'errors',
        errors: {
          charter_goal: 'This form is out of date and nothing was saved. Open it again with `/charter`.',
        },
      });
    }
    expect(await versions()).toEqual([]);
  });

  test('where the bot is not in the channel, the version is kept and the person is told to invite it', async () => {
    t.slack.channelsWithoutBot.add(PRIVATE);
    await saveCharter(FULL, ANA, PRIVATE);
    expect(await versions()).toHaveLength(1);
    expect(await charterMessageTs(PRIVATE)).toBeNull();
    const told = t.slack.callsTo('chat.postEphemeral');
    expect(told).toHaveLength(1);
    expect(told[0]?.args).toMatchObject({ channel: PRIVATE, user: ANA });
    expect(String(told[0]?.args.text)).toContain('Invite @Rapport to this channel');

    // Invited now: saving again, unchanged, keeps no new version but posts it.
    t.slack.channelsWithoutBot.delete(PRIVATE);
    await saveCharter(FULL, ANA, PRIVATE);
    expect(await versions()).toHaveLength(1);
    expect(posts(PRIVATE)).toHaveLength(2);
    expect(await charterMessageTs(PRIVATE)).toMatch(/^\d+\.\d+$/);
    expect(String(t.slack.callsTo('chat.postEphemeral')[1]?.args.text)).toContain('Nothing changed');
  });

  test('a deleted charter message is posted again on the next save', async () => {
    await saveCharter(FULL);
    t.slack.conversations.delete(CHANNEL);
    await saveCharter({ ...FULL, cadence: 'Daily' });
    expect(posts()).toHaveLength(2);
    expect(await charterMessageTs()).toBe(t.slack.conversations.get(CHANNEL)?.[0]?.ts);
  });

  test('a charter stays in its channel and its workspace', async () => {
    await saveCharter(FULL);
    // Another channel of the same workspace has none: /charter opens an empty form there.
    await command('', ANA, OTHER_CHANNEL);
    const modal = await opened(1);
    expect(modal.blocks.find((b) => b.block_id === 'charter_goal')?.element?.initial_value).toBeUndefined();
    expect(allText((await reply('history', ANA, OTHER_CHANNEL)).blocks)).toContain('no charter yet');
    // The same channel id in another workspace (where Rapport is installed too) has none either.
    t.slack.installedTeams.add('T0OTHERTEAM');
    const res = await command('history', ANA, CHANNEL, 'T0OTHERTEAM');
    expect(allText(((await res.json()) as Reply).blocks)).toContain('no charter yet');
  });

  test('help, and an unknown word, answer with usage', async () => {
    expect((await reply('help')).text).toContain('/charter history');
    const unknown = await reply('<!channel> delete everything');
    expect(unknown.text).toContain("I don't know");
    expect(unknown.text).not.toContain('<!channel>');
  });
});

describe('npm run export', () => {
  test('has one charter line per version, oldest first', async () => {
    await saveCharter(FULL);
    t.clock.advance(60_000);
    await saveCharter({ ...FULL, roles: '' });
    const lines = [];
    for await (const r of exportRecords(t.database.db, { teamId: undefined, since: undefined }))
      lines.push(r);
    expect(lines.filter((l) => l.type === 'charter')).toEqual([
      {
        type: 'charter',
        team_id: 'T0RAPPORT1',
        channel_id: CHANNEL,
        version: 1,
        ...{ goal: FULL.goal, metrics: FULL.metrics, roles: FULL.roles },
        decision_making: FULL.decisionMaking,
        escalation: FULL.escalation,
        cadence: FULL.cadence,
        saved_by: ANA,
        saved_at: '2026-11-20T09:00:00.000Z',
        // The structured parts (issue 19, point 4): none in this charter.
        decision_rights: [],
        escalation_levels: [],
        // The governance review's cadence (issue 19, point 5): the default.
        review_cadence: 'quarterly',
      },
      expect.objectContaining({ version: 2, roles: null, saved_at: '2026-11-20T09:01:00.000Z' }),
    ]);
  });
});
