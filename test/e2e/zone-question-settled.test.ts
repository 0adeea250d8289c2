import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001'; // Northwind, in Berlin: she sets the stand-up up
const GUS = 'U0GUS00007'; // Globex: Slack shares neither his time zone nor his locale
const CHANNEL = 'C0NWGLOBEX';
const GLOBEX = 'T0GLOBEX01';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: GUS, name: 'gus', team_id: GLOBEX });
  // team.info names Globex (the shared channel's notice names the organisation without Rapport).
  t.slack.teams.set(GLOBEX, 'Globex');
  // users.info on an external member, as Slack Connect may give it: no tz, tz_label, tz_offset or
  // locale (https://docs.slack.dev/reference/methods/users.info, "Response"). The others as usual.
  t.slack.answer('users.info', (args) => {
    if (args.user !== GUS) {
      return {
        ok: true,
        user: { id: String(args.user), team_id: 'T0RAPPORT1', name: 'ana', tz: 'Europe/Berlin' },
      };
    }
    return {
      ok: true,
      user: {
        id: GUS,
        team_id: GLOBEX,
        name: 'gus',
        real_name: 'Gus Globex',
        profile: { display_name: 'gus', real_name: 'Gus Globex', team: GLOBEX },
        is_bot: false,
        deleted: false,
      },
    };
  });
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addChannel({ id: CHANNEL, name: 'northwind-globex', teams: [TEAM_ID, GLOBEX] });
  t.slack.channelMembers.set(CHANNEL, [ANA, GUS]);
  t.clock.set('2026-11-20T07:00:00Z'); // Friday, 08:00 in Berlin
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.slack.refusals).toEqual([]);
  await t.reset();
});

type Block = { type: string; elements?: { action_id?: string; text?: string | { text: string } }[] };
const promptsTo = (user: string) =>
  t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
const blocksOf = (call: { args: Record<string, unknown> } | undefined) =>
  (call?.args.blocks ?? []) as Block[];
const buttons = (call: { args: Record<string, unknown> } | undefined) =>
  blocksOf(call).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []).map((e) => e.action_id));

const dmEdits = (user: string) => t.slack.callsTo('chat.update').filter((c) => c.args.channel === `D${user}`);

async function tickAt(at: string) {
  t.clock.set(at);
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
}

async function standupInChannel() {
  const res = await t.requests.command({
    command: '/rituals',
    text: 'standup mon-fri 09:30 local',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  expect(res.status).toBe(200);
  await t.app.background.drain();
}

/** Gus clicks "Set my time zone" and submits the form with these values; the response's JSON. */
async function submitZone(values: { picked?: string; typed?: string }, from = 'prompt', user = GUS) {
  const n = t.slack.callsTo('views.open').length;
  await t.requests.blockAction({
    user_id: user,
    team_id: 'T0RAPPORT1',
    action_id: 'time_zone_open',
    value: from,
  });
  const view = await openedModal<{ callback_id: string; private_metadata: string; blocks: unknown[] }>(
    t.slack,
    n,
  );
  expect(view.callback_id).toBe('time_zone_form');
  const res = await t.requests.viewSubmission({
    user_id: user,
    callback_id: 'time_zone_form',
    private_metadata: view.private_metadata,
    values: {
      time_zone_pick: {
        value: {
          type: 'static_select',
          selected_option: values.picked
            ? { text: { type: 'plain_text', text: values.picked }, value: values.picked }
            : null,
        },
      },
      time_zone_typed: { value: { type: 'plain_text_input', value: values.typed ?? null } },
    },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { view, response: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

test('the prompt that asked for his zone says the one he set, and keeps what he did with the prompt', async () => {
  await standupInChannel();
  await tickAt('2026-11-20T08:30:05Z');
  const first = promptsTo(GUS)[0];
  expect(buttons(first)).toEqual(['standup_answer', 'standup_skip', 'time_zone_open']);

  // He skips the day first: the prompt says so, and still asks for his zone.
  const ref = blocksOf(first)
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'standup_skip') as { value?: string } | undefined;
  await t.requests.blockAction({ user_id: GUS, action_id: 'standup_skip', value: ref?.value ?? '' });
  await t.app.background.drain();
  await t.app.jobs.deliver();
  expect(buttons(dmEdits(GUS)[0])).toEqual(['standup_answer', 'time_zone_open']);

  // He sets his zone: the same message says which, with no button to set it.
  await submitZone({ picked: 'America/New_York' });
  await t.app.background.drain();
  await t.app.jobs.deliver();
  const edits = dmEdits(GUS);
  expect(edits).toHaveLength(2);
  const settled = edits[1];
  expect(settled?.args.ts).toBe(t.slack.conversations.get(`D${GUS}`)?.[0]?.ts);
  expect(buttons(settled)).toEqual(['standup_answer']);
  const shown = JSON.stringify(settled?.args.blocks);
  expect(shown).toContain('Your time zone is set: *America/New_York*');
  expect(shown).toContain('Skipped today');

  // Choosing the same zone again edits nothing; another zone says the new one.
  await submitZone({ picked: 'America/New_York' }, 'home');
  await t.app.background.drain();
  await t.app.jobs.deliver();
  expect(dmEdits(GUS)).toHaveLength(2);
  await submitZone({ picked: 'America/Chicago' }, 'home');
  await t.app.background.drain();
  t.clock.set('2026-11-20T08:31:00Z');
  await t.app.jobs.deliver();
  expect(JSON.stringify(dmEdits(GUS)[2]?.args.blocks)).toContain('Your time zone is set: *America/Chicago*');
});
