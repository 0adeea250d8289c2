import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Skill-share pairs (issue 19, point 2), through the HTTP endpoint and the scheduler: `/pairs
 * skills` (the form, from the channel's tags or typed, refused on its field, saved once, joining
 * the pairs), `/rituals skills monthly`, a round that pairs each learner with someone who offers
 * what they want (across the sides and seniority by their titles), its intro with who teaches what
 * and a format, the halfway "Did you meet?", and the export's `pair_skills` lines. Ana, Cy, Dee
 * and Fay are this workspace; Ben and Eve the partner's.
 */
const ANA = 'U0ANA00001';
const BEN = 'W0BEN00002';
const CY = 'U0CY000003';
const DEE = 'U0DEE00004';
const EVE = 'W0EVE00005';
const FAY = 'U0FAY00006';
const CHANNEL = 'C0ALLIANCE';
const PARTNER = 'T0PARTNER9';
/** Monday 4 January 2027, 10:00 in Berlin: the first Monday of the month, the first round. */
const ROUND_AT = '2027-01-04T09:00:00Z';
/** Halfway through the four-week round. */
const HALFWAY = '2027-01-18T09:00:00Z';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.installedTeams.add(PARTNER);
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin', title: 'Junior Analyst' });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin', title: 'Senior Data Engineer' });
  t.slack.addUser({ id: DEE, name: 'dee', tz: 'Europe/London', title: 'Product Designer' });
  t.slack.addUser({ id: FAY, name: 'fay', tz: 'Europe/London' });
  t.slack.addUser({
    id: BEN,
    name: 'ben',
    tz: 'America/New_York',
    team_id: PARTNER,
    title: 'Staff Engineer',
  });
  t.slack.addUser({ id: EVE, name: 'eve', team_id: PARTNER, title: 'Junior Developer' });
  t.slack.addChannel({ id: CHANNEL, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY, DEE, EVE, FAY]);
  t.clock.set('2026-12-10T12:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

type Reply = { text: string; blocks?: unknown[] };
type Option = { text: { text: string }; value: string };
type Element = { type: string; options?: Option[]; initial_options?: Option[] };
type Modal = {
  callback_id: string;
  private_metadata: string;
  blocks: { type: string; block_id?: string; element?: Element }[];
};
type Block = { type: string; elements?: { action_id?: string; value?: string }[] };

const teamOf = (user: string) => (user.startsWith('W') ? PARTNER : undefined);

async function command(name: string, text: string, user_id = ANA): Promise<Reply> {
  const team_id = teamOf(user_id);
  const res = await t.requests.command({
    command: name,
    text,
    user_id,
    channel_id: CHANNEL,
    ...(team_id ? { team_id } : {}),
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body ? JSON.parse(body) : {}) as Reply;
}

/** `/pairs skills`: the form as the person sees it. */
async function openForm(user: string): Promise<Modal> {
  const n = t.slack.callsTo('views.open').length;
  expect(await command('/pairs', 'skills', user)).toEqual({});
  return openedModal<Modal>(t.slack, n);
}

type Lists = { offers?: string[]; offersOther?: string; wants?: string[]; wantsOther?: string };
const select = (values: string[] = []) => ({
  value: {
    type: 'multi_static_select',
    selected_options: values.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })),
  },
});
const typed = (value = '') => ({ value: { type: 'plain_text_input', value: value === '' ? null : value } });

async function submit(modal: Modal, user: string, lists: Lists) {
  const has = (id: string) => modal.blocks.some((b) => b.block_id === id);
  const values: Record<string, Record<string, { type: string } & Record<string, unknown>>> = {
    pairs_skills_offersOther: typed(lists.offersOther),
    pairs_skills_wantsOther: typed(lists.wantsOther),
    ...(has('pairs_skills_offers') ? { pairs_skills_offers: select(lists.offers) } : {}),
    ...(has('pairs_skills_wants') ? { pairs_skills_wants: select(lists.wants) } : {}),
  };
  const team_id = teamOf(user);
  const res = await t.requests.viewSubmission({
    user_id: user,
    callback_id: modal.callback_id,
    private_metadata: modal.private_metadata,
    values,
    ...(team_id ? { team_id } : {}),
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  return body === '' ? undefined : (JSON.parse(body) as Record<string, unknown>);
}

const element = (modal: Modal, id: string) => modal.blocks.find((b) => b.block_id === id)?.element;
const confirmation = (answer: Record<string, unknown> | undefined) =>
  JSON.stringify((answer?.view as { blocks?: unknown } | undefined)?.blocks ?? '');

async function at(instant: string) {
  t.clock.set(instant);
  await t.app.jobs.tick();
  for (let pass = 0; pass <= 4; pass += 1) {
    t.clock.set(new Date(Date.parse(instant) + pass * 1_100));
    await t.app.jobs.deliver();
  }
  await t.app.background.drain();
}

const posts = () => t.slack.callsTo('chat.postMessage');
const buttonsOf = (blocks: unknown) =>
  ((blocks as Block[] | undefined) ?? []).flatMap((b) => b.elements ?? []);
const groupsOpened = () =>
  t.slack
    .callsTo('conversations.open')
    .map((c) => String(c.args.users))
    .filter((users) => users.includes(','))
    .map((users) => users.split(',').sort());

async function saveSkills(user: string, lists: Lists) {
  const answer = await submit(await openForm(user), user, lists);
  expect(answer?.response_action).toBe('update');
}

describe('skill-share pairs', () => {
  test('the form: typed skills become the channel’s tags, it joins the pairs once, reopens with the choices, and refuses bad input on its field', async () => {
    // The channel has no tags yet: only the typed fields.
    const first = await openForm(CY);
    expect(first.callback_id).toBe('pairs_skills_form');
    expect(first.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([
      'pairs_skills_offersOther',
      'pairs_skills_wantsOther',
    ]);
    const saved = await submit(first, CY, { offersOther: ' SQL, Data Modelling ' });
    expect(saved?.response_action).toBe('update');
    expect(confirmation(saved)).toContain('You can offer: sql, data modelling');
    expect(confirmation(saved)).toContain('You have joined the pairs');
    // Slack delivers the same submission again: saved once, answered the same.
    expect(confirmation(await submit(first, CY, { offersOther: ' SQL, Data Modelling ' }))).toContain(
      'You have joined the pairs',
    );
    expect((await command('/pairs', '', CY)).text).toContain('You are in');
    // Cy's Slack profile title was read as the form was saved, for seniority.
    const [stored] = await t.database.db.query(
      `select title from pair_skills where user_id = $1`,
      [CY],
      z.object({ title: z.string().nullable() }),
    );
    expect(stored?.title).toBe('Senior Data Engineer');

    // Ana picks from the channel's tags, the most used first; a bad typed skill is refused on its field.
    await saveSkills(BEN, { offersOther: 'sql' });
    const form = await openForm(ANA);
    expect(element(form, 'pairs_skills_wants')?.type).toBe('multi_static_select');
    expect(element(form, 'pairs_skills_wants')?.options?.map((o) => o.value)).toEqual([
      'sql',
      'data modelling',
    ]);
    expect(await submit(form, ANA, { wants: ['sql'], wantsOther: 'pricing, x' })).toEqual({
      response_action: 'errors',
      errors: { pairs_skills_wantsOther: expect.stringContaining('“x”') },
    });
    const eleven = Array.from({ length: 11 }, (_, i) => `skill ${i}`).join(', ');
    expect(await submit(form, ANA, { offersOther: eleven })).toEqual({
      response_action: 'errors',
      errors: { pairs_skills_offersOther: expect.stringContaining('Up to 10') },
    });
    expect((await command('/pairs', '', ANA)).text).toContain('You are not in');
    const ok = await submit(form, ANA, { wants: ['sql'], wantsOther: 'Pricing' });
    expect(confirmation(ok)).toContain('You want to learn: sql, pricing');

    // Reopened, it shows her choices.
    const again = await openForm(ANA);
    expect(element(again, 'pairs_skills_wants')?.initial_options?.map((o) => o.value)).toEqual([
      'sql',
      'pricing',
    ]);
    expect(element(again, 'pairs_skills_offers')?.initial_options).toBeUndefined();
    expect(element(again, 'pairs_skills_offers')?.options?.map((o) => o.value)).toContain('pricing');

    // Someone already in is told so.
    await command('/pairs', 'join', FAY);
    const fay = await submit(await openForm(FAY), FAY, { wantsOther: 'pottery' });
    expect(confirmation(fay)).toContain('You are in the pairs');

    // The export: each person's skills in the channel.
    const lines: Record<string, unknown>[] = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined }))
      if (r.type === 'pair_skills') lines.push(r);
    expect(lines.find((l) => l.user_id === ANA)).toEqual({
      type: 'pair_skills',
      team_id: CHANNEL,
      channel_id: CHANNEL,
      user_id: ANA,
      offers: [],
      wants: ['sql', 'pricing'],
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    expect(lines.map((l) => l.user_id).sort()).toEqual([ANA, BEN, CY, FAY].sort());
  });

  test('a monthly round pairs each learner with an offerer, across the sides and seniority; nobody without a match; halfway it asks whether they met', async () => {
    expect((await command('/rituals', 'skills weekly mon 10:00')).text).toContain('monthly');
    const created = await command('/rituals', 'skills monthly mon 10:00 Europe/Berlin');
    expect(created.text).toMatch(/skill-share pairs/i);

    // Ana (junior) wants SQL: Cy (her side, senior), Ben (the partner's, staff) and Eve (the
    // partner's, junior) offer it; Ben is across both the sides and seniority.
    await saveSkills(ANA, { wantsOther: 'sql' });
    await saveSkills(CY, { offersOther: 'sql' });
    await saveSkills(BEN, { offersOther: 'sql, figma' });
    await saveSkills(EVE, { offersOther: 'sql', wantsOther: 'ux design' });
    await saveSkills(DEE, { offersOther: 'ux design', wantsOther: 'pottery' });
    // Nobody offers pottery: Fay is not paired.
    await saveSkills(FAY, { wantsOther: 'pottery' });

    await at(ROUND_AT);
    await t.slack.waitFor(() => posts().filter((c) => /^G/.test(String(c.args.channel))).length === 2);
    expect(groupsOpened().sort()).toEqual([[ANA, BEN].sort(), [DEE, EVE].sort()].sort());

    const intros = posts().filter((c) => /^G/.test(String(c.args.channel)));
    const introOf = (member: string) =>
      JSON.stringify(
        intros.find(
          (c) =>
            groupsOpened().some((g) => g.includes(member)) && JSON.stringify(c.args.blocks).includes(member),
        )?.args.blocks,
      );
    const anaBen = introOf(ANA);
    expect(anaBen).toContain(`<@${BEN}> teaches <@${ANA}>: *sql*`);
    expect(anaBen).toContain('pairing session');
    expect(anaBen).toContain('across the sides');
    expect(anaBen).toContain('Two times that fall in everyone');
    expect((anaBen.match(/<!date\^/g) ?? []).length).toBeGreaterThanOrEqual(3);
    const deeEve = introOf(EVE);
    expect(deeEve).toContain(`<@${DEE}> teaches <@${EVE}>: *ux design*`);
    expect(deeEve).toContain('a critique');
    // Nothing went to those without a match.
    expect(posts().filter((c) => c.args.channel === FAY || c.args.channel === CY)).toEqual([]);

    // The same round again (a second tick, another replica): nothing more.
    const before = posts().length;
    await at(ROUND_AT);
    expect(posts().length).toBe(before);

    // Halfway: each pair is asked once whether it met.
    await at(HALFWAY);
    const checks = posts().filter((c) => String(c.args.text).startsWith('Did you meet?'));
    expect(checks).toHaveLength(2);
    expect(JSON.stringify(checks[0]?.args.blocks)).toContain('skill-share pairs');
    const check = checks.find(
      (c) =>
        String(c.args.channel) ===
        intros.find((i) => JSON.stringify(i.args.blocks).includes(`<@${BEN}> teaches`))?.args.channel,
    );
    const met = buttonsOf(check?.args.blocks).find((b) => b.action_id === 'pairs_met');
    expect(met?.value).toMatch(/^\d+:2027-01-04:\d$/);
    const res = await t.requests.blockAction({
      user_id: BEN,
      team_id: PARTNER,
      action_id: 'pairs_met',
      value: met?.value ?? '',
      channel_id: String(check?.args.channel),
    });
    expect(res.status).toBe(200);
    await t.app.background.drain();
    expect(String(t.slack.responseUrlPosts.at(-1)?.body.text)).toContain('met this round');
    await at(HALFWAY);
    expect(posts().filter((c) => String(c.args.text).startsWith('Did you meet?'))).toHaveLength(2);

    // The rounds' groups are exported as pairings, like coffee pairs'.
    const pairings: Record<string, unknown>[] = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined }))
      if (r.type === 'pairing') pairings.push(r);
    expect(pairings.map((p) => [(p.members as string[]).slice().sort(), p.met])).toEqual(
      expect.arrayContaining([
        [[ANA, BEN].sort(), true],
        [[DEE, EVE].sort(), false],
      ]),
    );
  });
});
