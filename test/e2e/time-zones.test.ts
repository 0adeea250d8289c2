import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
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

const slots = () =>
  t.database.db.query(
    `select participant_id, zone, next_at from ritual_slots order by participant_id`,
    [],
    z.object({ participant_id: z.string(), zone: z.string(), next_at: z.date() }),
  );

async function tickAt(at: string) {
  t.clock.set(at);
  await t.app.jobs.tick();
  await t.app.jobs.deliver();
}

/**
 * Slack pushes Gus's profile, still without a zone: stored again, as the app's directory still
 * remembers him from an earlier test while the tables were emptied.
 */
async function gusProfileWithoutZone() {
  const res = await t.requests.event({
    type: 'user_change',
    user: { id: GUS, team_id: GLOBEX, name: 'gus' },
  });
  expect(res.status).toBe(200);
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

test('a partner with no time zone is planned in the creator’s, told so once with a button, and the zone he sets moves his slot', async () => {
  await standupInChannel();
  // Never a silent UTC: Gus is planned in Ana's zone, 09:30 Berlin.
  expect((await slots()).map((s) => [s.participant_id, s.zone, s.next_at.toISOString()])).toEqual([
    [ANA, 'Europe/Berlin', '2026-11-20T08:30:00.000Z'],
    [GUS, 'Europe/Berlin', '2026-11-20T08:30:00.000Z'],
  ]);

  await tickAt('2026-11-20T08:30:05Z');
  const first = promptsTo(GUS)[0];
  expect(JSON.stringify(first?.args.blocks)).toContain(
    "Slack doesn't share your time zone with this workspace, so this is scheduled in *Europe/Berlin*",
  );
  expect(buttons(first)).toEqual(['standup_answer', 'standup_skip', 'time_zone_open']);
  // Ana's zone is Slack's: her prompt says nothing about it.
  expect(buttons(promptsTo(ANA)[0])).toEqual(['standup_answer', 'standup_skip']);

  // Monday's prompt still says which zone, but asks no more.
  await tickAt('2026-11-23T08:30:05Z');
  const second = promptsTo(GUS)[1];
  expect(JSON.stringify(second?.args.blocks)).toContain("You can set yours on Rapport's Home tab.");
  expect(buttons(second)).toEqual(['standup_answer', 'standup_skip']);

  // He opens the form: the picker lists common zones by region, within Block Kit's limits.
  const { view } = await submitZone({ typed: 'Mars/Olympus_Mons' });
  const picker = JSON.stringify(view.blocks);
  expect(picker).toContain('"label":{"type":"plain_text","text":"Europe"}');
  expect(picker).toContain('America/New York (UTC-05:00)');
  expect(picker).toContain('assumed: Slack doesn');

  // Not a zone: a clear message on the form, and nothing changes.
  const refused = await submitZone({ typed: 'Mars/Olympus_Mons' });
  expect(refused.response).toEqual({
    response_action: 'errors',
    errors: {
      time_zone_typed:
        "“Mars/Olympus_Mons” isn't a time zone I know. Use a name like Europe/Paris, America/New_York or Asia/Tokyo.",
    },
  });
  const nothing = await submitZone({});
  expect(nothing.response).toMatchObject({
    response_action: 'errors',
    errors: { time_zone_pick: 'Pick your time zone from the list, or type one.' },
  });
  expect((await slots()).find((s) => s.participant_id === GUS)?.zone).toBe('Europe/Berlin');

  // He picks New York: got it, privately, and his next stand-up is 09:30 New York time.
  const saved = await submitZone({ picked: 'America/New_York' });
  expect(saved.response.response_action).toBe('update');
  const said = JSON.stringify(saved.response.view);
  expect(said).toContain('Got it: your time zone is *America/New York (UTC-05:00)*');
  expect(said).toContain(`<#${CHANNEL}>: your stand-up comes at 09:30 your time`);
  expect((await slots()).map((s) => [s.participant_id, s.zone, s.next_at.toISOString()])).toEqual([
    [ANA, 'Europe/Berlin', '2026-11-24T08:30:00.000Z'],
    [GUS, 'America/New_York', '2026-11-23T14:30:00.000Z'],
  ]);
  // Monday 09:30 in New York: he had Monday's prompt already, so none comes twice.
  await tickAt('2026-11-23T14:30:05Z');
  expect(promptsTo(GUS)).toHaveLength(2);

  // His next prompt says nothing about zones.
  await tickAt('2026-11-24T14:30:05Z');
  const third = promptsTo(GUS)[2];
  expect(JSON.stringify(third?.args.blocks)).not.toContain('time zone');
});

test('the Home tab shows the zone and where it came from, and changes it', async () => {
  await standupInChannel();
  const home = async () => {
    const before = t.slack.callsTo('views.publish').length;
    await t.requests.event({ type: 'app_home_opened', user: GUS, channel: `D${GUS}`, tab: 'home' });
    await t.app.background.drain();
    return JSON.stringify((await t.slack.waitFor(() => t.slack.callsTo('views.publish')[before])).args.view);
  };
  const before = await home();
  expect(before).toContain(
    "*Time zone:* Europe/Berlin (UTC+01:00), assumed: Slack doesn't share yours with this workspace.",
  );
  expect(before).toContain(
    '"action_id":"time_zone_open","text":{"type":"plain_text","text":"Set my time zone"}',
  );

  const publishes = t.slack.callsTo('views.publish').length;
  await submitZone({ picked: 'Asia/Tokyo' }, 'home');
  await t.app.background.drain();
  // Saved from the Home tab: the tab is drawn again with it.
  const redrawn = await t.slack.waitFor(() => t.slack.callsTo('views.publish')[publishes]);
  expect(JSON.stringify(redrawn.args.view)).toContain('*Time zone:* Asia/Tokyo (UTC+09:00), you chose it.');
});

test('a pulse check in local time tells him the same, and a ritual in one named zone says nothing about his', async () => {
  for (const text of ['pulse weekly fri 10:00 local', 'standup mon-fri 09:30 Europe/Berlin']) {
    const res = await t.requests.command({ command: '/rituals', text, user_id: ANA, channel_id: CHANNEL });
    expect(res.status).toBe(200);
  }
  await t.app.background.drain();
  // Once the channel is known to be shared, the profile reaches its record set too.
  await gusProfileWithoutZone();
  await tickAt('2026-11-20T09:00:05Z');
  const [pulse, fixed] = [
    promptsTo(GUS).find((c) => String(c.args.text).startsWith('Pulse check')),
    promptsTo(GUS).find((c) => String(c.args.text).startsWith('Stand-up')),
  ];
  expect(buttons(pulse)).toEqual(['pulse_answer', 'time_zone_open']);
  expect(JSON.stringify(pulse?.args.blocks)).toContain('so this is scheduled in *Europe/Berlin*');
  expect(JSON.stringify(fixed?.args.blocks)).not.toContain('time zone');
});

test('two prompts in local time due in one tick, a stand-up and a pulse check, ask for his zone once', async () => {
  for (const text of ['pulse weekly fri 09:30 local', 'standup mon-fri 09:30 local']) {
    const res = await t.requests.command({ command: '/rituals', text, user_id: ANA, channel_id: CHANNEL });
    expect(res.status).toBe(200);
  }
  await t.app.background.drain();
  await gusProfileWithoutZone();
  await tickAt('2026-11-20T08:30:05Z');
  const prompts = promptsTo(GUS);
  expect(prompts).toHaveLength(2);
  for (const prompt of prompts) {
    expect(JSON.stringify(prompt.args.blocks)).toContain('so this is scheduled in *Europe/Berlin*');
  }
  expect(prompts.filter((p) => buttons(p).includes('time_zone_open'))).toHaveLength(1);
});

test('when the creator moves, those planned in her zone move with her; those with a zone of their own stay', async () => {
  await standupInChannel();
  await gusProfileWithoutZone();
  const saved = await submitZone({ picked: 'America/Chicago' }, 'home', ANA);
  expect(saved.response.response_action).toBe('update');
  expect((await slots()).map((s) => [s.participant_id, s.zone, s.next_at.toISOString()])).toEqual([
    [ANA, 'America/Chicago', '2026-11-20T15:30:00.000Z'],
    [GUS, 'America/Chicago', '2026-11-20T15:30:00.000Z'],
  ]);
  await submitZone({ picked: 'Asia/Tokyo' });
  await submitZone({ picked: 'Europe/Paris' }, 'home', ANA);
  expect((await slots()).map((s) => [s.participant_id, s.zone])).toEqual([
    [ANA, 'Europe/Paris'],
    [GUS, 'Asia/Tokyo'],
  ]);
});

// Last: the directory remembers the zone Slack sends here for the rest of the file.
test('a typed zone wins over the list, and a zone he chose wins over the one Slack later shares', async () => {
  await standupInChannel();
  const typed = await submitZone({ picked: 'Europe/London', typed: ' america/argentina/salta ' });
  expect(JSON.stringify(typed.response.view)).toContain('America/Argentina/Salta');
  const [row] = await t.database.db.query(
    'select time_zone from person_settings where user_id = $1',
    [GUS],
    z.object({ time_zone: z.string() }),
  );
  expect(row?.time_zone).toBe('America/Argentina/Salta');

  // Slack starts sharing a zone for him: his own choice still wins.
  const changed = await t.requests.event({
    type: 'user_change',
    user: { id: GUS, team_id: GLOBEX, name: 'gus', tz: 'Asia/Tokyo' },
    cache_ts: 1700000000,
  });
  expect(changed.status).toBe(200);
  expect((await slots()).find((s) => s.participant_id === GUS)?.zone).toBe('America/Argentina/Salta');
});
